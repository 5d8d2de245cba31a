"""translate-toolkit's ``pofilter`` over the catalogs, with a reviewed allow-list.

The checks that fit this project run on every catalog; what they report must be either fixed
or listed, with the reason, in ``tests/pofilter-allow.json``. Anything new fails the test.
Russian and Chinese skip ``doublequoting`` and ``startpunc``: their quotation marks (« », “ ”)
are not English ones, which is right, and those two checks would flag every quotation.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
ALLOW = ROOT / "tests" / "pofilter-allow.json"
POFILTER = Path(sys.executable).parent / "pofilter"
CATALOGS = {"pt_BR": "pt", "ru": "ru", "zh_Hans": "zh"}
CHECKS = ["variables", "printf", "pythonbraceformat", "brackets", "urls", "emails", "doublespacing",
          "endpunc", "startpunc", "endwhitespace", "startwhitespace", "newlines", "escapes", "xmltags",
          "purepunc", "doublewords", "puncspacing", "nplurals", "options", "doublequoting", "numbers"]
SKIP = {"ru": {"doublequoting", "startpunc"}, "zh_Hans": {"doublequoting", "startpunc"}}


def pofilter(po: Path, catalog: str, out: Path) -> set[tuple[str, str]]:
    """``(check, msgid)`` for every failure pofilter reports in ``po``."""
    checks = [c for c in CHECKS if c not in SKIP.get(catalog, set())]
    args = [str(POFILTER), "--progress=none", f"--language={CATALOGS[catalog]}"]
    for check in checks:
        args += ["-t", check]
    subprocess.run([*args, str(po), str(out)], check=True, capture_output=True, timeout=120)
    if not out.is_file():
        return set()
    with out.open("rb") as fh:
        units = list(read_po(fh))
    found = set()
    for unit in units:
        if not unit.id:
            continue
        msgid = unit.id if isinstance(unit.id, str) else unit.id[0]
        for comment in unit.user_comments:
            if comment.startswith("(pofilter) "):
                found.add((comment.removeprefix("(pofilter) ").split(":", 1)[0], msgid))
    return found


def allowed(catalog: str) -> set[tuple[str, str]]:
    entries = json.loads(ALLOW.read_text(encoding="utf-8"))
    return {(e["check"], e["msgid"]) for e in entries if e["catalog"] == catalog}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    out = tmp_path_factory.mktemp("pofilter")
    return {c: pofilter(ROOT / "locales" / c / "LC_MESSAGES" / "wizard.po", c, out / f"{c}.po") for c in CATALOGS}


@pytest.mark.parametrize("catalog", CATALOGS)
def test_pofilter_reports_nothing_beyond_the_reviewed_allow_list(reports, catalog):
    new = sorted(reports[catalog] - allowed(catalog))
    assert not new, "\n".join(f"{check}: {msgid!r}" for check, msgid in new)


@pytest.mark.parametrize("catalog", CATALOGS)
def test_the_allow_list_holds_no_stale_entries(reports, catalog):
    stale = sorted(allowed(catalog) - reports[catalog])
    assert not stale, "remove from tests/pofilter-allow.json: " + "\n".join(map(repr, stale))


def test_every_allow_list_entry_says_why():
    for entry in json.loads(ALLOW.read_text(encoding="utf-8")):
        assert set(entry) == {"catalog", "check", "msgid", "reason"}, entry
        assert entry["catalog"] in CATALOGS and entry["check"] in CHECKS and len(entry["reason"]) > 15, entry


def test_pofilter_catches_deliberately_wrong_translations(tmp_path):
    po = tmp_path / "wrong.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: pt_BR\\n"\n\n'
        '#, python-format\nmsgid "First response: within %(duration)s"\nmsgstr "Primeira resposta: em %(duracao)s"\n\n'
        'msgid "Open https://portal.azure.com/ in a browser."\n'
        'msgstr "Abra https://portal.azure.com.br/ no navegador."\n\n'
        'msgid "Choose a plan (if any)."\nmsgstr "Escolha um plano (se houver."\n\n'
        'msgid "Select Create."\nmsgstr "Selecione  Criar."\n\n'
        'msgid "Working out the answer…"\nmsgstr "Calculando a resposta"\n',
        encoding="utf-8")
    found = {check for check, _ in pofilter(po, "pt_BR", tmp_path / "out.po")}
    assert {"printf", "urls", "brackets", "doublespacing", "endpunc"} <= found, found
