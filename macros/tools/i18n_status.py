"""Translation status of the site, in the manner of PEP 545.

Two things are measured per locale:

* the gettext catalog ``locales/<catalog>/LC_MESSAGES/wizard.po`` (translated / fuzzy /
  untranslated messages, read with Babel), and
* each page of ``docs/<locale>/``: *translated* when its front matter ``source_hash`` equals the
  first 12 hex digits of the SHA-256 of the English page file, *outdated* when it differs (the
  English page changed since the translation was last stamped), *missing* when the file does not
  exist (the site then shows the English page).

``python -m macros.tools.i18n_status`` prints both; ``--stamp`` records the current English hash in
every translated page (run it after bringing a translation up to date). The site build uses
:func:`page_status` to show the "not translated yet" / "the English page changed" banners.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LOCALES_DIR = ROOT / "locales"
DEFAULT_LOCALE = "en"
#: Site locales that are translations, with their catalog directory names.
CATALOGS: dict[str, str] = {"pt-BR": "pt_BR", "ru": "ru", "zh": "zh_Hans"}
HASH_KEY = "source_hash"
HASH_LENGTH = 12

TRANSLATED = "translated"
OUTDATED = "outdated"
MISSING = "missing"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)?^---[ \t]*$\r?\n?", re.S | re.M)
_HASH_LINE = re.compile(rf"^{HASH_KEY}[ \t]*:[ \t]*[\"']?(?P<value>[0-9A-Za-z]*)[\"']?[ \t]*$", re.M)


def source_hash(data: bytes) -> str:
    """The first 12 hex digits of the SHA-256 of an English page file's bytes."""
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def english_hash(page: str, docs: Path = DOCS) -> str:
    return source_hash((docs / DEFAULT_LOCALE / page).read_bytes())


def english_pages(docs: Path = DOCS) -> list[str]:
    """The site's pages, as paths relative to a locale folder (``severity.md``)."""
    base = docs / DEFAULT_LOCALE
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def recorded_hash(text: str) -> str | None:
    """The ``source_hash`` in a page's front matter, or None."""
    front = _FRONT_MATTER.match(text)
    if not front:
        return None
    found = _HASH_LINE.search(front["body"])
    return found["value"] if found else None


def status(recorded: str | None, current: str, exists: bool = True) -> str:
    if not exists:
        return MISSING
    return TRANSLATED if recorded == current else OUTDATED


@dataclass(frozen=True)
class PageStatus:
    locale: str
    page: str
    state: str
    recorded: str | None
    current: str


def page_status(locale: str, page: str, docs: Path = DOCS) -> PageStatus:
    current = english_hash(page, docs)
    path = docs / locale / page
    if not path.is_file():
        return PageStatus(locale, page, MISSING, None, current)
    recorded = recorded_hash(path.read_text(encoding="utf-8"))
    return PageStatus(locale, page, status(recorded, current), recorded, current)


def pages_status(docs: Path = DOCS) -> list[PageStatus]:
    return [page_status(locale, page, docs) for locale in CATALOGS for page in english_pages(docs)]


def stamp_text(text: str, value: str) -> str:
    """Set ``source_hash: <value>`` in the front matter, adding front matter if there is none."""
    front = _FRONT_MATTER.match(text)
    line = f"{HASH_KEY}: {value}"
    if not front:
        return f"---\n{line}\n---\n\n{text}"
    body = front["body"]
    if _HASH_LINE.search(body):
        body = _HASH_LINE.sub(line, body, count=1)
    else:
        body = f"{body.rstrip()}\n{line}" if body.strip() else line
    return f"---\n{body}\n---\n{text[front.end():]}"


def stamp(docs: Path = DOCS, locales: list[str] | None = None, only: list[str] | None = None) -> list[Path]:
    """Record the current English hash in the existing translated pages; return changed files.

    ``locales`` limits the locales, ``only`` the files (``ru/faq.md``).
    """
    changed = []
    for locale in locales or list(CATALOGS):
        for page in english_pages(docs):
            if only is not None and f"{locale}/{page}" not in only:
                continue
            path = docs / locale / page
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            new = stamp_text(text, english_hash(page, docs))
            if new != text:
                path.write_text(new, encoding="utf-8")
                changed.append(path)
    return changed


@dataclass(frozen=True)
class CatalogStats:
    locale: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 100


def catalog_stats(locale: str, locales_dir: Path = LOCALES_DIR) -> CatalogStats:
    """Message counts of a locale's wizard.po (the header entry and obsolete entries excluded)."""
    path = locales_dir / CATALOGS[locale] / "LC_MESSAGES" / "wizard.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=CATALOGS[locale])
    translated = fuzzy = untranslated = 0
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
        else:
            untranslated += 1
    return CatalogStats(locale, translated, fuzzy, untranslated)


def report(docs: Path = DOCS, locales_dir: Path = LOCALES_DIR) -> str:
    lines = ["Catalogs (locales/<locale>/LC_MESSAGES/wizard.po)", ""]
    lines.append(f"  {'locale':<8}{'translated':>12}{'fuzzy':>8}{'untranslated':>14}{'done':>7}")
    for locale in CATALOGS:
        s = catalog_stats(locale, locales_dir)
        lines.append(f"  {locale:<8}{s.translated:>12}{s.fuzzy:>8}{s.untranslated:>14}{s.percent:>6}%")
    lines += ["", "Pages (docs/<locale>/; 'missing' shows the English page, 'outdated' needs an update)", ""]
    statuses = pages_status(docs)
    for locale in CATALOGS:
        mine = [s for s in statuses if s.locale == locale]
        done = sum(s.state == TRANSLATED for s in mine)
        lines.append(f"  {locale}: {done} of {len(mine)} pages translated and up to date")
        for s in mine:
            note = ""
            if s.state == OUTDATED:
                note = f"  (stamped {s.recorded or 'never'}, English page is now {s.current})"
            lines.append(f"    {s.page:<26}{s.state}{note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.tools.i18n_status", description=__doc__.split("\n")[0])
    parser.add_argument("--stamp", action="store_true",
                        help="record the current English page hash in every translated page")
    parser.add_argument("--locale", action="append", choices=list(CATALOGS),
                        help="with --stamp: only this locale (repeatable)")
    parser.add_argument("pages", nargs="*", metavar="LOCALE/PAGE.md",
                        help="with --stamp: only these pages (e.g. ru/faq.md); default: all")
    args = parser.parse_args(argv)
    if args.pages and not args.stamp:
        parser.error("pages can only be given with --stamp")
    if args.stamp:
        only = [p.removeprefix("docs/") for p in args.pages] or None
        changed = stamp(locales=args.locale, only=only)
        for path in changed:
            print(f"stamped {path.relative_to(ROOT)}")
        print(f"{len(changed)} page(s) stamped")
        return 0
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
