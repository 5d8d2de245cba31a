"""A cited page as text split into sections, from Learn's HTML or from the docs' Markdown.

Learn serves each article as HTML built from a Markdown file in one of Microsoft's docs
repositories. The watch reads either form and reduces both to the same thing: the article's
sections (a heading, its anchor, and the plain text up to the next heading), with the page
chrome left out. Normalization keeps only what a reader reads as the passage:

- the site's chrome is dropped: navigation, header, footer, side panels, feedback forms,
  scripts, the breadcrumb and the metadata line with the date ("Last updated", ``<time>``,
  ``<local-time>``); in Markdown the front matter (``ms.date`` and the rest) is dropped;
- Learn's callout labels ("Note", "Important" and their translations) and the Markdown
  callout markers (``[!NOTE]``) are dropped, so the two forms agree;
- Unicode is NFKC-normalized, typographic quotes become straight ones, and every run of
  whitespace becomes one space.

Markdown is rendered with Python-Markdown (the same library MkDocs uses) and then read with
the standard library's :class:`html.parser.HTMLParser`, so both forms go through one reader.
The section splitter is hand-written: it is a few lines over the parser's events, and no
library splits an HTML article into heading-delimited sections with Learn's anchors.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose text is page chrome, never part of a passage.
SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "form", "button",
                       "template", "svg", "noscript", "time", "local-time", "select", "iframe"})
#: Class names (any of them on an element) that mark Learn's chrome inside the article.
SKIP_CLASSES = frozenset({"page-metadata", "metadata", "breadcrumbs", "feedback-section",
                          "action-container", "is-visually-hidden", "visually-hidden",
                          "content-header", "page-actions", "display-none", "alert-title"})
#: Learn's callout boxes: their first paragraph is the label ("Note", "Observação", "注意").
CALLOUT_CLASSES = frozenset({"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"})
BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "br", "blockquote",
                        "pre", "section", "article", "main", "dd", "dt", "h1", "h2", "h3", "h4",
                        "h5", "h6"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
VOID_TAGS = frozenset({"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "col"})
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                        "\u00a0": " ", "\u200b": "", "\ufeff": ""})
#: A "Last updated 2024-03-08" style date line that a copy might keep as plain text.
DATE_LINE = re.compile(r"\b(?:last updated|updated on)\s*:?\s*[\d/.\-]+(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?",
                       re.IGNORECASE)


def normalize(text: str) -> str:
    """The text as the watch compares it: NFKC, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    text = DATE_LINE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def slugify(heading: str) -> str:
    """The anchor Learn gives a heading: lower case, punctuation dropped, each space a hyphen
    (so "A - B" becomes ``a---b``, as in the anchors the sources cite)."""
    text = normalize(heading).lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"\s", "-", text.strip())


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(normalize(text).encode()).hexdigest()


@dataclass
class Section:
    anchor: str
    heading: str
    level: int
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return normalize("".join(self.parts))

    @property
    def hash(self) -> str:
        return digest(self.text)


@dataclass
class Page:
    title: str
    sections: list[Section]
    #: ``<link rel="canonical">`` of an HTML page (Learn's own idea of its address).
    canonical: str | None = None

    def section(self, anchor: str, heading: str = "") -> Section | None:
        """The section with this anchor, else the one with this heading text."""
        for s in self.sections:
            if anchor and s.anchor == anchor:
                return s
        wanted = normalize(heading).casefold()
        for s in self.sections:
            if wanted and normalize(s.heading).casefold() == wanted:
                return s
        return None

    def find(self, quote: str) -> list[Section]:
        """The sections whose text contains the quote (normalized)."""
        q = normalize(quote)
        return [s for s in self.sections if q and q in s.text]


class _Reader(HTMLParser):
    def __init__(self, has_main: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.skip_depth = 0
        self.in_main = False
        #: A page with <main> (Learn) keeps only what is inside it.
        self.has_main = has_main
        self.saw_main = False
        self.sections: list[Section] = [Section("", "", 0)]
        self.heading: tuple[int, str | None, list[str]] | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.canonical: str | None = None
        self.callout_label_pending = False
        self.main_depth: int | None = None

    # The article is inside <main> on Learn; a page without <main> (Markdown rendered here) is
    # all article.
    def _collecting(self) -> bool:
        return self.skip_depth == 0 and (self.in_main or not self.has_main)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "title":
            self.in_title = True
        if tag == "link" and (a.get("rel") or "").lower() == "canonical":
            self.canonical = a.get("href")
        if tag == "main" and not self.saw_main:
            self.saw_main = True
            self.in_main = True
            self.main_depth = len(self.stack)
        if tag in VOID_TAGS:
            if tag == "br":
                self._text(" ")
            return
        classes = set((a.get("class") or "").split())
        hidden = a.get("hidden") is not None or (a.get("aria-hidden") == "true" and tag != "span")
        skipped = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) or hidden
        if self.callout_label_pending and tag == "p":
            skipped = True
            self.callout_label_pending = False
        if classes & CALLOUT_CLASSES and tag == "div":
            self.callout_label_pending = True
        self.stack.append((tag, skipped))
        if skipped:
            self.skip_depth += 1
            return
        if tag in HEADINGS and self._collecting():
            self.heading = (HEADINGS[tag], a.get("id"), [])
        elif tag == "a" and self.heading is not None and self.heading[1] is None and (a.get("name") or a.get("id")):
            # Docs Markdown pins a heading's anchor with <a name="..."></a>; translated pages
            # keep the English anchor that way.
            self.heading = (self.heading[0], a.get("name") or a.get("id"), self.heading[2])
        elif tag in BLOCK_TAGS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in VOID_TAGS:
            return
        # Close up to the matching open tag (HTML in the wild leaves some unclosed).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _t, skipped in self.stack[i:]:
                    if skipped:
                        self.skip_depth -= 1
                del self.stack[i:]
                break
        else:
            return
        if tag == "main" and self.main_depth is not None and len(self.stack) <= self.main_depth:
            self.in_main = False
        if tag in HEADINGS and self.heading is not None:
            level, anchor, parts = self.heading
            text = normalize("".join(parts))
            self.sections.append(Section(anchor or slugify(text), text, level))
            self.heading = None
        elif tag in BLOCK_TAGS:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        self._text(data)

    def _text(self, data: str) -> None:
        if not self._collecting():
            return
        if self.heading is not None:
            self.heading[2].append(data)
        else:
            self.sections[-1].parts.append(data)


def parse_html(html: str) -> Page:
    reader = _Reader(re.search(r"<main[\s>]", html, re.IGNORECASE) is not None)
    reader.feed(html)
    reader.close()
    sections = reader.sections
    first_h1 = next((s for s in sections if s.level == 1), None)
    title = first_h1.heading if first_h1 else normalize("".join(reader.title_parts))
    # The text before the first heading (Learn has none inside <main> but its chrome) is kept
    # only when it has words; the intro of an article is the h1's section.
    if not sections[0].text:
        sections = sections[1:]
    return Page(title, sections, reader.canonical)


FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
# Docs Markdown extensions Python-Markdown does not know: callout markers, includes, zones,
# image and video blocks. They carry no passage text of their own.
CALLOUT = re.compile(r"^(\s*>\s*)\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$", re.MULTILINE | re.IGNORECASE)
INCLUDE = re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\([^)]*\)\s*\]", re.IGNORECASE)
BLOCK_MARKER = re.compile(r"\[!(?:div|VIDEO|row|column)\b[^\]]*\]", re.IGNORECASE)
TRIPLE_COLON = re.compile(r"^[ \t>]*:::.*?(?::::|$)", re.MULTILINE)


def parse_markdown(markdown_text: str) -> Page:
    import markdown  # Python-Markdown, pinned with the docs tools; only needed for saved copies.

    text = FRONT_MATTER.sub("", markdown_text.lstrip("\ufeff"))
    text = CALLOUT.sub(r"\1", text)
    text = INCLUDE.sub("", text)
    text = BLOCK_MARKER.sub("", text)
    text = TRIPLE_COLON.sub("", text)
    html = markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"])
    return parse_html(html)


def parse(body: str, kind: str) -> Page:
    """``kind`` is ``html`` or ``md``."""
    return parse_markdown(body) if kind == "md" else parse_html(body)
