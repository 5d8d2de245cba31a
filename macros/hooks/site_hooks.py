"""MkDocs hooks for the multilingual site (listed under ``hooks:`` in mkdocs.yml).

mkdocs-static-i18n builds the site once per locale; these hooks run in every one of those
builds and add what neither Material nor the plugin does on its own:

* ``<html lang>``, ``hreflang`` and the sitemap use BCP 47 tags (``pt-BR``, ``zh-Hans``) from
  :data:`wizard.i18n.LOCALES`; every page gets absolute ``hreflang`` alternates plus
  ``x-default`` (the English page). The language switcher keeps its relative links.
* The site name and description of each locale are the title and description of that locale's
  home page (the 404 page uses them).
* A page whose translation is missing (the English page is shown) or outdated (its
  ``source_hash`` differs from the English file's, see :mod:`macros.tools.i18n_status`) gets a
  localized banner linking to the English page.
* Each locale gets its own ``404.html`` (``<locale>/404.html``; the root one is English).
* Provenance stays out of the way of the steps: the "Source: …" lines and the notes after
  changed or not re-confirmed statements of a section are gathered, unchanged, into one
  collapsed block at the end of that section (:func:`gather_provenance`).
* The cells of the macros' tables carry their column's heading (``data-label``), so that a
  narrow screen can show each row as a card (:func:`label_cells`).
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
from copy import deepcopy
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.plugins import event_priority
from mkdocs.utils.meta import get_data

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # MkDocs loads hooks by path
    sys.path.insert(0, str(_ROOT))

from macros.tools.i18n_status import DEFAULT_LOCALE, MISSING, OUTDATED, page_status  # noqa: E402
from wizard.i18n import LOCALES, Translator  # noqa: E402
from wizard.ui import SITE_MESSAGES, ui_strings  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")


_state: dict[str, Any] = {"english_404": None}


def current_locale(config: Any) -> str:
    """The locale being built: static-i18n sets Material's ``theme.language`` to it."""
    language = config.theme.get("language") or DEFAULT_LOCALE
    return language if language in LOCALES else DEFAULT_LOCALE


def locale_prefix(locale: str) -> str:
    return "" if locale == DEFAULT_LOCALE else f"{locale}/"


def home_meta(docs_dir: Path, locale: str) -> dict[str, Any]:
    """The front matter of a locale's home page (its title and description name the site)."""
    path = docs_dir / locale / "index.md"
    if not path.is_file():
        path = docs_dir / DEFAULT_LOCALE / "index.md"
    if not path.is_file():
        return {}
    return get_data(path.read_text(encoding="utf-8"))[1]


@event_priority(-200)  # after static-i18n (-100) has switched the config to the locale
def on_config(config: Any) -> Any:
    locale = current_locale(config)
    config.extra["lang_tags"] = dict(LOCALES)
    meta = home_meta(Path(config.docs_dir), locale)
    if meta.get("title"):
        config.site_name = str(meta["title"])
    if meta.get("description"):
        config.site_description = str(meta["description"])
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.globals["site_ui"] = ui_strings(Translator(current_locale(config)))
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Every page needs a title and a meta description from its front matter.

    MkDocs ignores front matter that is not valid YAML (an unquoted value holding ": ", say),
    which would silently drop both; a warning makes the strict build fail instead.
    """
    missing = [key for key in ("title", "description") if not page.meta.get(key)]
    if missing:
        log.warning("%s: front matter has no %s (is it valid YAML? quote values that contain ': ')",
                    page.file.src_uri, " or ".join(missing))
    return markdown


_NOTE = re.compile(r'<p class="csp-(?:cite|changed|unconfirmed)"[^>]*>.*?</p>\s*', re.DOTALL)
_SECTION = re.compile(r"(?=<h2[\s>])")
_TABLE = re.compile(r'(<div class="csp-table" data-table="[\w-]+">\s*<table>)(.*?)(</table>)', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def gather_provenance(html: str, summary: str) -> str:
    """Move each section's provenance notes (``p.csp-cite``, ``p.csp-changed``,
    ``p.csp-unconfirmed``: top-level paragraphs the macros write) into one ``<details>`` at the
    end of the section, in their order; the text and links stay as they were."""
    out = []
    for section in _SECTION.split(html):
        notes = _NOTE.findall(section)
        if not notes:
            out.append(section)
            continue
        body = _NOTE.sub("", section).rstrip()
        out.append(f'{body}\n<details class="csp-provenance"><summary>{escape(summary)}</summary>\n'
                   f'{"".join(n.strip() + chr(10) for n in notes)}</details>\n')
    return "".join(out)


def label_cells(html: str) -> str:
    """``data-label="<column heading>"`` on every body cell of the macros' tables."""

    def label(match: re.Match[str]) -> str:
        head, _, body = match[2].partition("</thead>")
        names = [escape(" ".join(_TAGS.sub(" ", cell).split()), quote=True)
                 for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.DOTALL)]

        def row(tr: re.Match[str]) -> str:
            cells = iter(names)
            return re.sub(r"<td(?=[\s>])", lambda _: f'<td data-label="{next(cells, "")}"', tr[0])

        return match[1] + head + "</thead>" + re.sub(r"<tr>.*?</tr>", row, body, flags=re.DOTALL) + match[3]

    return _TABLE.sub(label, html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Localize the permalinks' title; gather the provenance notes; label the table cells."""
    content_locale = getattr(page.file, "locale", None) or DEFAULT_LOCALE  # English on fallbacks
    t = Translator(content_locale)
    message = SITE_MESSAGES.get("permalink")
    if message:
        html = html.replace('title="Permanent link"', f'title="{escape(t(message), quote=True)}"')
    html = gather_provenance(html, t(SITE_MESSAGES["provenance"]))
    return label_cells(html)


def absolute(config: Any, link: str) -> str:
    """An absolute URL for a site link (``ru/faq/`` or ``/csp-support/ru/``)."""
    return urljoin(config.site_url or "/", link)


def localize_alternates(config: Any) -> str | None:
    """Give the switcher entries BCP 47 tags and absolute links; return the x-default URL.

    The switcher keeps the original link (``switch_link``, relative to the page) so it works
    wherever the site is served; the ``<head>`` alternates need absolute URLs.
    """
    x_default = None
    # static-i18n assigns ``config.extra.alternate`` as an attribute, which is what templates read.
    for alt in getattr(config.extra, "alternate", None) or []:
        code = alt.get("locale", alt.get("lang"))
        alt["locale"] = code
        alt["lang"] = LOCALES.get(code, code)
        alt.setdefault("switch_link", alt.get("link"))
        alt["link"] = absolute(config, alt["switch_link"])
        if code == DEFAULT_LOCALE:
            x_default = alt["link"]
    return x_default


@event_priority(-50)  # after static-i18n (50) has pointed the switcher at this page's versions
def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    context["x_default_url"] = localize_alternates(config)
    context["translation_banner"] = translation_banner(page, config)
    context["is_locale_home"] = is_locale_home(page)
    return context


def is_locale_home(page: Any) -> bool:
    """True for a locale's home page (``index.md``, ``ru/index.md``): titled with the site name."""
    file = page.file
    src = getattr(file, "norm_src_uri", None) or file.src_uri
    built_as = getattr(file, "locale_alternate_of", None) or getattr(file, "locale", None)
    if built_as and src.startswith(f"{built_as}/"):
        src = src[len(built_as) + 1:]
    return src == "index.md"


def translation_banner(page: Any, config: Any) -> dict[str, str] | None:
    """``{"state": "missing"|"outdated", "english_url": ...}`` for pages that need a banner."""
    file = page.file
    built_as = getattr(file, "locale_alternate_of", DEFAULT_LOCALE)
    if built_as == DEFAULT_LOCALE:
        return None
    norm = getattr(file, "norm_src_uri", file.src_uri)
    english_url = page.url.removeprefix(locale_prefix(built_as))
    if getattr(file, "locale", DEFAULT_LOCALE) == DEFAULT_LOCALE:
        return {"state": MISSING, "english_url": english_url}
    status = page_status(built_as, norm, Path(config.docs_dir))
    if status.state == OUTDATED:
        return {"state": OUTDATED, "english_url": english_url}
    return None


@event_priority(-50)
def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    if template_name == "404.html":
        locale = current_locale(config)
        i18n = config.plugins.get("i18n")
        if i18n is not None and getattr(i18n, "extra_alternate", None):
            # The locales' home pages, not the versions of the last page rendered.
            config.extra.alternate = deepcopy(i18n.extra_alternate)
        context["x_default_url"] = localize_alternates(config)
        base = urlsplit(config.site_url or "/").path
        if not base.endswith("/"):
            base += "/"
        context["not_found_links"] = {
            "home": base + locale_prefix(locale),
            "wizard": base + locale_prefix(locale) + "wizard/",
        }
    return context


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    locale = current_locale(config)
    not_found = site / "404.html"
    if locale == DEFAULT_LOCALE:
        _state["english_404"] = not_found.read_bytes() if not_found.is_file() else None
    elif not_found.is_file():
        target = site / locale_prefix(locale) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(not_found, target)
        if _state["english_404"] is not None:
            not_found.write_bytes(_state["english_404"])

