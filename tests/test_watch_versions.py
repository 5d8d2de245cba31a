"""The watch on real page versions: fingerprints recorded on one version of a cited page, watched
against the next version from the same docs repository, flag exactly the facts whose quoted
passage differs between the two, and nothing else.

The two pairs (tests/fixtures/learn/versions/MANIFEST.json) are consecutive commits of the
Brazilian Portuguese Partner Center docs: each changes some cited sentences and, besides,
metadata, an unrelated sentence of the same section, front matter order or blank lines. The
expected sets below were read off ``git diff`` of each pair by hand (the manifest says what
changed); the watch never sees them.
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from macros.watch import fingerprints as fpdata
from macros.watch.fetch import DirReader
from macros.watch.pages import parse_markdown
from macros.watch.record import take
from macros.watch.watch import run
from wizard.currency import Check
from wizard.learn import learn_page

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = ROOT / "tests" / "fixtures" / "learn" / "versions"
MANIFEST = json.loads((VERSIONS / "MANIFEST.json").read_text(encoding="utf-8"))

#: Per page: (fact, quote on the older version) and the facts whose quote the newer one changed.
SCENARIOS = {
    "report-problems": (
        [
            ("severity:A", "Impacto crítico (gravidade A): 2 horas (perda significativa ou degradação de serviços. "
                           "Serviços de produção inativos)."),
            ("severity:B", "Impacto moderado (severidade B): quatro horas (perda moderada ou degradação dos "
                           "serviços. Serviços de produção afetados parcialmente.)"),
            ("severity:C", "Impacto mínimo (severidade C): oito horas (perda mínima ou degradação dos serviços."),
            ("english-targets", "Os tempos de resposta iniciais são apenas para suporte em inglês."),
            ("local-language-hours", "É fornecido suporte no idioma local durante o horário comercial."),
            ("own-not-benefit", "O suporte para seu próprio locatário de parceiro não está incluído como parte do "
                                "benefício de suporte do CSP."),
            ("no-phone", "Não, o suporte ao telefone não é oferecido para este programa."),
            ("reseller-provider-files", "seu provedor indireto poderá arquivar um tíquete de suporte para eles."),
            ("disputes-fraud", "Esse processo também é útil para encaminhar problemas ou controvérsias relativos a "
                               "cobrança e preocupações com fraude."),
            ("pc-service-requests", "No menu cliente, selecione solicitações de serviço"),
        ],
        {"severity:A", "severity:B"},
    ),
    "customer-support": (
        [
            ("vehicle:commercial", "O suporte a problemas comerciais está disponível para todos os parceiros do "
                                   "programa CSP"),
            ("vehicle:premier", "Suporte Premier para parceiros (base de taxas)"),
            ("vehicle:advanced", "Suporte avançado para parceiros (base de taxas)"),
            ("vehicle:signature", "Suporte à assinatura na nuvem (incluído na competência Gold/prata)"),
            ("customer-no-tickets", "Os clientes do CSP não podem criar os próprios tíquetes de suporte."),
            ("contact:indirect-provider", "Revendedores indiretos devem trabalhar com seus provedores indiretos "
                                          "para dar suporte aos clientes."),
            ("customer-terms", "Lembre-se de informar aos clientes os tipos de suporte que você fornecerá, as horas "
                               "de serviço, o método de contato e o preço (se cobrar por suporte)."),
            ("customer-billing-partner", "Cada serviço online tem requisitos específicos e detalhados para fornecer "
                                         "suporte técnico, gerenciamento de assinaturas e cobrança aos clientes."),
        ],
        {"vehicle:premier", "vehicle:advanced", "vehicle:signature"},
    ),
}


def version_file(page: str, which: str) -> Path:
    return VERSIONS / page / f"{MANIFEST['pages'][page][which]['commit']}.md"


_LAID_OUT = Path(tempfile.mkdtemp(prefix="learn-versions-"))
atexit.register(shutil.rmtree, _LAID_OUT, True)


def version_dir(page: str, which: str) -> Path:
    """A LEARN_DIR holding this version of the page at the page's Portuguese Learn address."""
    root = _LAID_OUT / page / which
    target = root / "pt-br" / f"{learn_page(page).path}.md"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(version_file(page, which), target)
    return root


def checks_for(page: str) -> dict[str, Check]:
    """The checks of this scenario: each fact cites the page (as the 2021 sources did), so the
    test does not depend on which pages today's checks cite."""
    return {fact: Check("current", "2021-03-04", (page,)) for fact, _ in SCENARIOS[page][0]}


def record_on(page: str, which: str) -> fpdata.Fingerprints:
    reader = DirReader(version_dir(page, which))
    data: fpdata.Fingerprints = {}
    for fact, quote in SCENARIOS[page][0]:
        fp = take(reader, fact, page, quote, "pt-BR", checks=checks_for(page), taken="2021-03-04")
        data.setdefault(fact, {}).setdefault(page, {})["pt-BR"] = fp
    return data


@pytest.mark.parametrize("page", sorted(SCENARIOS))
def test_the_two_versions_really_differ_beyond_the_cited_passages(page):
    old, new = (version_file(page, w).read_text(encoding="utf-8") for w in ("old", "new"))
    assert old != new
    old_page, new_page = parse_markdown(old), parse_markdown(new)
    changed_sections = {s.anchor for s in old_page.sections
                        if (n := new_page.section(s.anchor)) is None or n.hash != s.hash}
    quoted_sections = {old_page.find(q)[0].anchor for _, q in SCENARIOS[page][0]}
    # Some quoted sections changed only around the quote: the watch must not flag those facts.
    around = {old_page.find(q)[0].anchor for f, q in SCENARIOS[page][0] if f not in SCENARIOS[page][1]}
    assert changed_sections & around, "no section changed around an unchanged quote: the pair proves too little"
    assert quoted_sections - changed_sections, "every quoted section changed: nothing stays provably unchanged"


@pytest.mark.parametrize("page", sorted(SCENARIOS))
def test_the_watch_flags_exactly_the_facts_whose_passage_changed(page):
    data = record_on(page, "old")
    same, _, _ = run(DirReader(version_dir(page, "old")), data, checks_for(page))
    assert {r.fact for r in same if r.status != "unchanged"} == set()

    results, not_recorded, stale = run(DirReader(version_dir(page, "new")), data, checks_for(page))
    assert not not_recorded and not stale
    flagged = {r.fact for r in results if r.status != "unchanged"}
    assert flagged == SCENARIOS[page][1]
    for r in results:
        if r.fact in flagged:
            assert r.status == "changed" and ("[-" in r.pages[0].diff or "{+" in r.pages[0].diff), r


def test_the_diff_shows_the_new_wording_of_a_changed_passage():
    results, _, _ = run(DirReader(version_dir("report-problems", "new")), record_on("report-problems", "old"),
                        checks_for("report-problems"))
    diff = next(r for r in results if r.fact == "severity:A").pages[0].diff
    assert "[-2-]" in diff and "{+duas+}" in diff
    assert "[-gravidade-]" in diff and "{+severidade+}" in diff


def test_a_whitespace_and_front_matter_only_change_keeps_the_section_hash():
    old_page = parse_markdown(version_file("customer-support", "old").read_text(encoding="utf-8"))
    new_page = parse_markdown(version_file("customer-support", "new").read_text(encoding="utf-8"))
    anchor = "providing-billing-subscription-management-and-technical-support"
    assert old_page.section(anchor).hash == new_page.section(anchor).hash


def test_the_make_commands_record_and_watch_a_real_version_pair(tmp_path):
    """End to end through the two commands, with a fingerprint file of its own."""
    page = "report-problems"
    fingerprints = tmp_path / "fingerprints.json"
    # The record command checks facts against wizard/currency.py; severity:A cites this page there.
    fact, quote = SCENARIOS[page][0][0]
    learn = tmp_path / "learn"
    shutil.copytree(version_dir(page, "old"), learn)
    py = [sys.executable, "-m"]
    rec = subprocess.run([*py, "macros.watch.record", "--fingerprints", str(fingerprints), "--learn-dir", str(learn),
                          "--fact", fact, "--page", page, "--locale", "pt-BR", "--quote", quote],
                         cwd=ROOT, capture_output=True, text=True)
    assert rec.returncode == 0, rec.stderr
    entry = fpdata.load(fingerprints)[fact][page]["pt-BR"]
    assert entry["url"] == learn_page(page).url("pt-BR")
    assert entry["section"]["anchor"] == "how-quickly-will-i-get-an-initial-response"
    watch = [*py, "macros.watch.watch", "--fingerprints", str(fingerprints), "--learn-dir", str(learn)]
    assert subprocess.run(watch, cwd=ROOT, capture_output=True, text=True).returncode == 0
    shutil.rmtree(learn)
    shutil.copytree(version_dir(page, "new"), learn)
    out = subprocess.run(watch, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1
    assert "severity:A  CHANGED" in out.stdout
    assert out.stdout.strip().splitlines()[-1].startswith("1 facts watched: 0 unchanged, 1 changed, 0 missing")
