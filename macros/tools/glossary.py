"""The project's terminology: ``locales/glossary.csv``, how a text is checked against it, and
its TBX export for translation tools.

The CSV is the source (one row per English term; per locale the term as Microsoft writes it,
where that was seen and when, and the known wrong variants). ``make glossary`` writes
``locales/glossary.tbx`` (TBX-Basic), which Weblate, Crowdin and Poedit import as a glossary.

Checking (used by ``tests/test_terminology.py`` and by ``python -m macros.tools.glossary``):

* **missing term**: a text whose English source uses an enforced term must use the locale's
  term (any of the forms listed, separated by ``|``);
* **wrong variant**: a text must not contain a known wrong variant (occurrences that are part of
  the right term do not count: ``支持人员`` inside ``支持人员代理``).

Matching is by word stems in Portuguese and Russian (``косвенный торговый посредник`` also
matches ``косвенного торгового посредника``), by substring in Chinese (spaces optional), by whole
words in English (plural allowed; interface labels case-sensitive). A cell starting with
``re:`` is a regular expression.

An intended exception is marked where it stands with ``glossary-ok: <term id> <reason>``: in a
``.po`` entry's translator comment (``# glossary-ok: helpdesk-agent ...``), in a Python comment
just above an English message (extracted with ``--add-comments=glossary-ok:``), or in a page as
``<!-- glossary-ok: <term id> <reason> -->`` on the line concerned or the line above it. A
marked catalog message keeps its exception where code assembles it into output (the CLI, the
built pages): see :func:`marked_quotes`. An occurrence inside a longer term's right form belongs
to that term (the role Support Request Contributor holds "support request").
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "locales" / "glossary.csv"
TBX = ROOT / "locales" / "glossary.tbx"
#: Site locale -> the glossary's column prefix (the gettext catalog name).
COLUMNS = {"pt-BR": "pt_BR", "ru": "ru", "zh": "zh_Hans"}
#: Site locale -> the language tag written in the TBX file.
TBX_LANGS = {"en": "en", "pt-BR": "pt-BR", "ru": "ru", "zh": "zh-Hans"}
STATUSES = {
    "learn": "seen on a current Microsoft Learn page (the URL given)",
    "pc-2021": "seen in Microsoft's localized Partner Center sources of 2019-2021 (repository path given)",
    "code": "seen in another localized Microsoft documentation source (the file given)",
    "none": "no localized Microsoft source found: the project's choice, to confirm when one is found",
}
KINDS = {"product", "program", "concept", "role", "plan", "label", "placeholder", "meaning", "spelling"}
MARKER = re.compile(r"glossary-ok:\s*([a-z0-9-]+)")
_WORD = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class LocaleTerm:
    forms: tuple[str, ...]
    status: str
    source: str
    seen: str
    wrong: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    id: str
    kind: str
    en: tuple[str, ...]
    en_wrong: tuple[str, ...]
    enforce: bool
    note: str
    locales: dict[str, LocaleTerm] = field(hash=False)

    def forms(self, locale: str) -> tuple[str, ...]:
        return self.en if locale == "en" else self.locales[locale].forms

    def wrong(self, locale: str) -> tuple[str, ...]:
        return self.en_wrong if locale == "en" else self.locales[locale].wrong


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(" | ") if part.strip())


def load(path: Path = GLOSSARY) -> list[Term]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    terms = []
    for row in rows:
        locales = {
            site: LocaleTerm(_split(row[col]), row[f"{col}_status"], row[f"{col}_source"],
                             row[f"{col}_seen"], _split(row[f"{col}_wrong"]))
            for site, col in COLUMNS.items()
        }
        terms.append(Term(row["id"], row["kind"], _split(row["en"]), _split(row["en_wrong"]),
                          row["enforce"] == "yes", row["note"], locales))
    return terms


# --- matching -----------------------------------------------------------------------------

def _stem(word: str) -> str:
    if len(word) >= 6:
        return re.escape(word[:-2]) + r"\w*"
    if len(word) >= 4:
        return re.escape(word[:-1]) + r"\w*"
    return re.escape(word)


def _english(form: str) -> str:
    out = []
    tokens = _WORD.findall(form)
    last_word = max((i for i, tok in enumerate(tokens) if tok[0].isalnum()), default=-1)
    for i, tok in enumerate(tokens):
        if tok.isspace():
            out.append(r"[\s\u00a0-]+")
        elif tok == "-":
            out.append(r"[\s\u00a0-]")
        elif tok[0].isalnum():
            out.append(re.escape(tok) + (r"(?:s|es|'s|’s)?" if i == last_word else ""))
        else:
            out.append(re.escape(tok))
    return r"(?<![\w-])" + "".join(out) + r"(?![\w])"


def _stemmed(form: str) -> str:
    out = []
    for tok in _WORD.findall(form):
        if tok.isspace():
            out.append(r"[\s\u00a0]+")
        elif tok[0].isalnum() or tok[0] == "_":
            out.append(_stem(tok))
        else:
            out.append(re.escape(tok))
    return r"(?<!\w)" + "".join(out)


def _chinese(form: str) -> str:
    return "".join(r"\s*" if ch.isspace() else re.escape(ch) for ch in form)


@cache
def compile_form(form: str, locale: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """The regular expression that finds ``form`` (a glossary cell entry) in ``locale`` text."""
    flags = 0 if case_sensitive else re.IGNORECASE
    if form.startswith("re:"):
        return re.compile(form[3:], flags)
    if locale == "en":
        return re.compile(_english(form), flags)
    if locale == "zh":
        return re.compile(_chinese(form), flags)
    return re.compile(_stemmed(form), flags)


def _patterns(term: Term, locale: str, wrong: bool = False) -> list[re.Pattern[str]]:
    cells = term.wrong(locale) if wrong else term.forms(locale)
    case = locale == "en" and term.kind == "label" and not wrong
    return [compile_form(cell, locale, case) for cell in cells]


def uses(term: Term, text: str, locale: str) -> bool:
    return any(p.search(text) for p in _patterns(term, locale))


def wrong_variants(term: Term, text: str, locale: str) -> list[str]:
    """The wrong variants of ``term`` in ``text`` (occurrences inside the right term excluded)."""
    bad = _patterns(term, locale, wrong=True)
    if not bad:
        return []
    right = [m.span() for p in _patterns(term, locale) for m in p.finditer(text)]
    return [m.group() for p in bad for m in p.finditer(text)
            if not any(start <= m.start() and m.end() <= end for start, end in right)]


def exempt_ids(comments: Iterable[str]) -> set[str]:
    return {m.group(1) for c in comments for m in MARKER.finditer(c)}


@dataclass(frozen=True)
class Finding:
    where: str
    term: str
    problem: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: [{self.term}] {self.problem}: {self.text}"


def _other_spans(terms: list[Term], term: Term, text: str, locale: str) -> list[tuple[int, int]]:
    """Where another term's right form stands in ``text`` and contains more than this term could:
    a longer name that holds this one (the role Support Request Contributor holds "support
    request"; its Russian name «участник для запросов на поддержку» is Microsoft's own and holds
    a wrong variant of the concept). Such an occurrence is part of the other term, not of this."""
    return [m.span() for other in terms if other is not term
            for p in _patterns(other, locale) for m in p.finditer(text)]


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end and (end - start) > (span[1] - span[0])
               for start, end in spans)


def _uses_alone(terms: list[Term], term: Term, text: str, locale: str) -> bool:
    """``term`` is used in ``text`` somewhere other than inside a longer term."""
    others = None
    for p in _patterns(term, locale):
        for m in p.finditer(text):
            if others is None:
                others = _other_spans(terms, term, text, locale)
            if not _inside(m.span(), others):
                return True
    return False


def _wrong_alone(terms: list[Term], term: Term, text: str, locale: str) -> list[str]:
    variants = wrong_variants(term, text, locale)
    if not variants:
        return []
    others = _other_spans(terms, term, text, locale)
    spans = [m for p in _patterns(term, locale, wrong=True) for m in p.finditer(text)]
    return [m.group() for m in spans if m.group() in variants and not _inside(m.span(), others)]


def check_pair(terms: list[Term], english: str, translated: str, locale: str, where: str,
               exempt: set[str] = frozenset()) -> list[Finding]:
    """Findings for one translation: missing enforced terms and wrong variants."""
    found = []
    for term in terms:
        if term.id in exempt:
            continue
        forms = term.forms(locale)
        if (term.enforce and forms and _uses_alone(terms, term, english, "en")
                and not uses(term, translated, locale)):
            found.append(Finding(where, term.id, f"the English says {term.en[0]!r}, the translation "
                                 f"lacks {forms[0]!r}", _short(translated)))
        for variant in _wrong_alone(terms, term, translated, locale):
            found.append(Finding(where, term.id, f"wrong variant {variant!r} (use {forms[0]!r})",
                                 _short(translated)))
    return found


def check_text(terms: list[Term], text: str, locale: str, where: str,
               exempt: set[str] = frozenset(), quotes: Iterable[Quote] = ()) -> list[Finding]:
    """Wrong variants only (for text without an aligned English source: built pages, CLI).

    ``quotes`` are the catalog messages marked ``glossary-ok`` (see :func:`marked_quotes`): text
    assembled from such a message keeps its exception (a quote of the 2021 source keeps the
    old name), and only for the terms its marker names."""
    found = []
    quoted = [(m.span(), q.ids) for q in quotes for m in q.pattern.finditer(text)]
    for term in terms:
        if term.id in exempt:
            continue
        spans = [span for span, ids in quoted if term.id in ids]
        wrong = [m for p in _patterns(term, locale, wrong=True) for m in p.finditer(text)]
        allowed = set(_wrong_alone(terms, term, text, locale))
        for m in wrong:
            if m.group() not in allowed or any(s <= m.start() and m.end() <= e for s, e in spans):
                continue
            right = term.forms(locale)[0] if term.forms(locale) else "see the glossary"
            found.append(Finding(where, term.id, f"wrong variant {m.group()!r} (use {right!r})",
                                 _short(text, m.group())))
    return found


@dataclass(frozen=True)
class Quote:
    """A marked message as it reads in one locale, and the term ids its marker exempts."""
    pattern: re.Pattern[str]
    ids: frozenset[str]


_PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[sd]|%[sd]")


def _quote_pattern(text: str) -> re.Pattern[str]:
    """``text`` as it may appear in output: placeholders filled, white space free to change
    (the typography helpers add spaces between Chinese and Latin text; output may wrap)."""
    out = []
    for i, part in enumerate(_PLACEHOLDER.split(text)):
        if i:
            out.append(r".+?")
        for ch in part:
            out.append(r"\s*" if ch.isspace() else re.escape(ch) + r"\s?")
    return re.compile("".join(out))


def marked_quotes(locale: str, locales_dir: Path | None = None) -> list[Quote]:
    """Every catalog message with a ``glossary-ok`` marker, as it reads in ``locale`` (English:
    the message ids of ``messages.pot``)."""
    from babel.messages.pofile import read_po

    locales_dir = locales_dir or ROOT / "locales"
    po = locales_dir / "messages.pot" if locale == "en" else locales_dir / COLUMNS[locale] / "LC_MESSAGES" / "wizard.po"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    quotes = []
    for message in catalog:
        ids = exempt_ids([*message.user_comments, *message.auto_comments])
        if not message.id or not ids:
            continue
        texts = message.id if locale == "en" else message.string
        for text in (texts if isinstance(texts, tuple) else (texts,)):
            if text:
                quotes.append(Quote(_quote_pattern(text), frozenset(ids)))
    return quotes


def _short(text: str, around: str | None = None, width: int = 90) -> str:
    text = " ".join(text.split())
    if around and around in text and len(text) > width:
        i = text.index(around)
        start = max(0, i - width // 2)
        return ("…" if start else "") + text[start:start + width] + "…"
    return text if len(text) <= width else text[:width] + "…"


# --- the sources a check reads -------------------------------------------------------------

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_LINK_URL = re.compile(r"\]\([^)\s]*\)")
_ATTRS = re.compile(r"\{[:#.][^}\n]*\}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HASH_LINE = re.compile(r"^source_hash:.*$", re.M)


def page_text(markdown: str) -> str:
    """A page's reader-visible prose: without code, macros, link targets, attribute lists,
    comments and the translation stamp (the macros' output is checked through the catalogs)."""
    for pattern in (_FENCE, _COMMENT, _MACRO, _INLINE_CODE, _HASH_LINE):
        markdown = pattern.sub(" ", markdown)
    markdown = _LINK_URL.sub("]", markdown)
    return _ATTRS.sub(" ", markdown)


def page_lines(markdown: str) -> Iterator[tuple[int, str, set[str]]]:
    """``(line number, prose, exempt term ids)`` per line; a marker on the line or the one above
    exempts the line."""
    lines = markdown.splitlines()
    clean = page_text(markdown).splitlines()
    for i, text in enumerate(clean):
        markers = exempt_ids(lines[max(i - 1, 0):i + 1]) if i < len(lines) else set()
        if text.strip():
            yield i + 1, text, markers


def docs_findings(terms: list[Term], docs: Path = ROOT / "docs") -> list[Finding]:
    """Every page of every locale against the English page of the same name."""
    found: list[Finding] = []
    for en_page in sorted((docs / "en").glob("*.md")):
        en_text = page_text(en_page.read_text(encoding="utf-8"))
        found += [f for n, text, ex in page_lines(en_page.read_text(encoding="utf-8"))
                  for f in check_text(terms, text, "en", f"docs/en/{en_page.name}:{n}", ex)]
        for locale in COLUMNS:
            page = docs / locale / en_page.name
            if not page.is_file():
                continue
            markdown = page.read_text(encoding="utf-8")
            rel = f"docs/{locale}/{page.name}"
            page_exempt = exempt_ids([markdown])
            for term in terms:
                forms = term.forms(locale)
                if (term.enforce and forms and term.id not in page_exempt
                        and uses(term, en_text, "en") and not uses(term, page_text(markdown), locale)):
                    found.append(Finding(rel, term.id, f"the English page says {term.en[0]!r}, this page "
                                         f"never says {forms[0]!r}", ""))
            for n, text, ex in page_lines(markdown):
                found += check_text(terms, text, locale, f"{rel}:{n}", ex)
    return found


def catalog_findings(terms: list[Term], locales_dir: Path = ROOT / "locales") -> list[Finding]:
    from babel.messages.pofile import read_po

    found: list[Finding] = []
    for locale, name in COLUMNS.items():
        po = locales_dir / name / "LC_MESSAGES" / "wizard.po"
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            if not message.id:
                continue
            english = message.id if isinstance(message.id, str) else " ".join(message.id)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            exempt = exempt_ids([*message.user_comments, *message.auto_comments])
            for translated in strings:
                if translated:
                    found += check_pair(terms, english, translated, locale,
                                        f"{po.relative_to(ROOT)} msgid {_short(english, width=50)!r}", exempt)
    return found


def english_message_findings(terms: list[Term], messages: Iterable[tuple[str, list[str]]]) -> list[Finding]:
    """English messages (id, extracted comments) against the English wrong variants."""
    return [f for message, comments in messages
            for f in check_text(terms, message, "en", f"msgid {_short(message, width=50)!r}", exempt_ids(comments))]


# --- TBX export ---------------------------------------------------------------------------

def to_tbx(terms: list[Term]) -> str:
    """TBX-Basic: one concept per term; per language the term(s) (first preferred), the source
    and date as notes, the wrong variants as deprecated terms."""
    martif = ET.Element("martif", {"type": "TBX-Basic", "xml:lang": "en"})
    header = ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = (
        "CSP support knowledge base glossary, generated from locales/glossary.csv by "
        "'make glossary'; do not edit by hand.")
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for term in terms:
        entry = ET.SubElement(body, "termEntry", {"id": term.id})
        ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = term.kind
        if term.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = term.note
        languages = [("en", term.en, term.en_wrong, None)]
        languages += [(site, t.forms, t.wrong, t) for site, t in term.locales.items()]
        for site, forms, wrong, info in languages:
            if not forms and not wrong:
                continue
            lang = ET.SubElement(entry, "langSet", {"xml:lang": TBX_LANGS[site]})
            if info is not None:
                ET.SubElement(lang, "note").text = (f"status: {info.status}; source: {info.source or 'none'}; "
                                                    f"seen: {info.seen or 'n/a'}")
            for i, form in enumerate(f for f in forms if not f.startswith("re:")):
                tig = ET.SubElement(lang, "tig")
                ET.SubElement(tig, "term").text = form
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = (
                    "preferredTerm-admn-sts" if i == 0 else "admittedTerm-admn-sts")
            for form in (f for f in wrong if not f.startswith("re:")):
                tig = ET.SubElement(lang, "tig")
                ET.SubElement(tig, "term").text = form
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = "deprecatedTerm-admn-sts"
    ET.indent(martif)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
            + ET.tostring(martif, encoding="unicode") + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Glossary export and terminology report.")
    parser.add_argument("--tbx", action="store_true", help="write locales/glossary.tbx")
    parser.add_argument("--check-tbx", action="store_true", help="fail if glossary.tbx is out of date")
    parser.add_argument("--report", action="store_true", help="print every finding in catalogs and pages")
    args = parser.parse_args(argv)
    terms = load()
    if args.tbx:
        TBX.write_text(to_tbx(terms), encoding="utf-8")
        print(f"wrote {TBX.relative_to(ROOT)} ({len(terms)} terms)")
    if args.check_tbx and (not TBX.is_file() or TBX.read_text(encoding="utf-8") != to_tbx(terms)):
        print("locales/glossary.tbx is out of date: run 'make glossary'", file=sys.stderr)
        return 1
    if args.report:
        findings = catalog_findings(terms) + docs_findings(terms)
        for finding in findings:
            print(finding)
        return 1 if findings else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
