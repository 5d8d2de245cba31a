"""Generate ``wizard/locale_data.py``: the CLDR data the wizard formats dates and lists with.

Babel is the build-time source of locale data, but it cannot load in the browser (Pyodide runs
the wizard with the standard library only). This tool copies the few CLDR items the wizard
needs (month-and-year pattern and month names, ``and`` / ``or`` list patterns) out of Babel
into a plain Python module; ``tests/test_l10n.py`` checks that the module is current and that
:mod:`wizard.l10n` formats exactly as Babel does.

    python -m macros.tools.locale_data          # rewrite wizard/locale_data.py
    python -m macros.tools.locale_data --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import pprint
import re
import sys
from pathlib import Path
from typing import Any

import babel
from babel import Locale

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "wizard" / "locale_data.py"
#: Site locale code -> CLDR locale (kept in step with wizard.i18n.CATALOG_NAMES).
CLDR_LOCALES = {"en": "en", "pt-BR": "pt_BR", "ru": "ru", "zh": "zh_Hans"}


def _month_year(locale: Locale) -> dict[str, Any]:
    """The ``yMMMM`` skeleton as a ``str.format`` template plus the month names it uses."""
    pattern = locale.datetime_skeletons["yMMMM"].pattern
    parts = re.findall(r"'[^']*'|L+|M+|y+|[^'LMy]+", pattern)
    template, context, width = "", "format", "wide"
    for part in parts:
        if part.startswith("'"):
            template += part[1:-1].replace("{", "{{").replace("}", "}}") or "'"
        elif part[0] in "LM":
            context = "stand-alone" if part[0] == "L" else "format"
            if len(part) <= 2:
                template += "{month_number}"
                continue
            width = {3: "abbreviated", 4: "wide", 5: "narrow"}[len(part)]
            template += "{month}"
        elif part[0] == "y":
            template += "{year}"
        else:
            template += part.replace("{", "{{").replace("}", "}}")
    months = [locale.months[context][width][i] for i in range(1, 13)]
    return {"pattern": pattern, "template": template, "months": months}


def _lists(locale: Locale) -> dict[str, dict[str, str]]:
    return {style: dict(locale.list_patterns[style]) for style in ("standard", "or")}


def generate() -> str:
    data = {}
    for site_code, cldr in CLDR_LOCALES.items():
        locale = Locale.parse(cldr)
        data[site_code] = {"month_year": _month_year(locale), "lists": _lists(locale)}
    body = pprint.pformat(data, width=100, sort_dicts=True)
    return (
        '"""CLDR data for month-year dates and lists, per site locale.\n\n'
        f"Generated from Babel {babel.__version__} by ``python -m macros.tools.locale_data``\n"
        "(``make locale-data``); do not edit by hand. :mod:`wizard.l10n` reads it.\n"
        '"""\n\n'
        f"BABEL_VERSION = {babel.__version__!r}\n\n"
        f"LOCALE_DATA = {body}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the module is out of date")
    args = parser.parse_args(argv)
    text = generate()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run 'make locale-data'", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
