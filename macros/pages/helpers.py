"""Markdown and HTML helpers shared by the page macros (tables, notes, diagrams, the widget).

They depend on the wizard package only, never on another macros module, so every page module
can import them without an import circle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel import Locale

from wizard.i18n import CATALOG_NAMES, DEFAULT_LOCALE, format_date
from wizard.l10n import format_label_list, format_list

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]|#"} | {"<": "&lt;", ">": "&gt;"})


_ASCII_SPACE = re.compile(r"[ \t\r\n]+")


def md(text: str) -> str:
    """Escape text for a Markdown table cell or a link text.

    Runs of ASCII white space become one space; non-breaking spaces (Russian typography) stay.
    """
    return _ASCII_SPACE.sub(" ", text).strip().translate(_MD_SPECIAL)


def table(name: str, header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown pipe table in ``<div class="csp-table" data-table="name">`` (md_in_html).

    Cells are Markdown already (escape plain text with :func:`md`); the wrapper lets the
    stylesheet and the tests find the table without styling the table element itself, which
    would lose Material's table styles.
    """
    head = list(header)
    lines = ["| " + " | ".join(md(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    body = "\n".join(lines)
    return f'\n\n<div class="csp-table" data-table="{name}" markdown="1">\n\n{body}\n\n</div>\n\n'


def join_or(items: list[str], locale: str) -> str:
    """``a``, ``a or b``, ``a, b, or c`` in the locale's own list style (CLDR, via
    :mod:`wizard.l10n`), spaced as the locale writes it."""
    return format_list(items, locale, style="or")


def join_labels(labels: list[str], locale: str) -> str:
    """Answer labels as one phrase: the first as written, the others cased for mid-sentence."""
    return format_label_list(labels, locale, style="or")


def language_name(code: str, locale: str) -> str:
    """The name of a source copy's language (``pt-BR``, ``zh-CN``) in the page's language."""
    display = Locale.parse(CATALOG_NAMES.get(locale, locale), sep="_")
    try:
        name = Locale.parse(code, sep="-").get_display_name(display) or code
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:] if locale != "zh" else name


def time_tag(date: str, locale: str = DEFAULT_LOCALE) -> str:
    """A date in the page's language, the ISO value kept in ``datetime``."""
    return f'<time datetime="{date}">{format_date(date, locale)}</time>'
