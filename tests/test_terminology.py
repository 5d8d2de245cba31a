"""Microsoft's own words in every language: the glossary (``locales/glossary.csv``) and the
checks that enforce it on the catalogs, the page sources, the built pages and the CLI, plus
the per-locale typography and date rules.

The enforcing tests read the real content; ``test_each_finding_class_is_caught`` shows, with
deliberately wrong strings, that each kind of slip the project has seen makes them fail.
An intended exception is marked where it stands: ``glossary-ok: <term id> <reason>`` (see
:mod:`macros.tools.glossary`).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from macros.tools import glossary as g
from wizard import cli
from wizard.paths import enumerate_paths
from wizard.typography import problems

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ["pt-BR", "ru", "zh"]
ALL_LOCALES = ["en", *LOCALES]
CATALOG = {"pt-BR": "pt_BR", "ru": "ru", "zh": "zh_Hans"}
TERMS = g.load()
BY_ID = {t.id: t for t in TERMS}
ISO_MONTH = re.compile(r"(?<![\w/.-])(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-\d\d)?(?![\w/-])")

# The terms the glossary must cover: Microsoft's core CSP support vocabulary, the roles and plans,
# the labels the steps name, and the GDAP-era terms of the new routing.
REQUIRED = {
    "partner-center", "service-request", "support-request", "microsoft-365-admin-center", "azure-portal",
    "gdap", "admin-relationship", "entra-roles", "service-support-administrator", "directory-readers",
    "helpdesk-administrator", "support-request-contributor", "admin-agent", "helpdesk-agent",
    "direct-bill-partner", "indirect-reseller", "indirect-provider", "advanced-support-for-partners",
    "premier-support-for-partners", "partner-cloud-support", "signature-cloud-support",
    "partner-on-premises-support", "ai-cloud-partner-program", "microsoft-partner-network",
    "solutions-partner-designation", "commercial-marketplace", "cloud-solution-provider", "tenant", "severity",
    "business-hours", "business-impact", "first-response", "break-fix", "billing", "subscription", "customer",
    "publisher", "service-health", "dynamics-365-finance-and-operations", "enterprise-mobility-security",
    "label-customers", "label-administer", "label-service-requests", "label-new-request", "label-account",
    "label-help-support", "label-create-support-request", "label-new-support-request",
    "label-all-support-requests", "label-support-plan", "label-basics", "label-contact-information",
    "label-m365-support", "label-new-service-request", "label-view-service-requests",
    "placeholder-customer-domain", "only", "resell-another-companys-support",
}


def report(findings: list) -> str:
    return f"{len(findings)} finding(s):\n" + "\n".join(map(str, findings[:60]))


# --- the glossary itself ------------------------------------------------------------------

def test_glossary_has_the_expected_columns_and_unique_ids():
    with g.GLOSSARY.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    columns = ["id", "kind", "en", "en_wrong", "enforce", "note"]
    for col in g.COLUMNS.values():
        columns += [col, f"{col}_status", f"{col}_source", f"{col}_seen", f"{col}_wrong"]
    assert reader.fieldnames == columns
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate term ids"
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


def test_glossary_covers_the_required_terms():
    assert set(BY_ID) >= REQUIRED, sorted(REQUIRED - set(BY_ID))


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.id)
def test_every_term_records_where_each_language_comes_from(term):
    assert term.kind in g.KINDS and term.en
    for locale, info in term.locales.items():
        assert info.status in g.STATUSES, (locale, info.status)
        if info.status == "none":
            assert not info.source, (locale, "a source without a status")
        else:
            assert info.source and re.fullmatch(r"\d{4}-\d\d-\d\d", info.seen), (locale, info)
            assert info.forms, (locale, "a source but no term")
        if info.status == "learn":
            assert "learn.microsoft.com/" in info.source, (locale, info.source)
        if info.status == "pc-2021":
            assert "MicrosoftDocs/partner-center-pr." in info.source, (locale, info.source)
        if info.status == "code":
            assert re.search(r"[\w.-]+/[\w.-]+:\S+", info.source), (locale, info.source)
        # Evidence a reader of the repository can open: a Microsoft page or a public repository
        # file, never a note outside the project.
        assert info.status != "note", (locale, "cite the Microsoft page or file itself")
        assert not re.search(r"\.\./|/work/|shared/reference", info.source), (locale, info.source)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.id)
def test_terms_match_themselves_and_not_their_wrong_variants(term):
    for locale in ALL_LOCALES:
        for form in term.forms(locale):
            if not form.startswith("re:"):
                assert g.uses(term, form, locale), (locale, form)
                assert not g.wrong_variants(term, form, locale), (locale, form)
        for variant in term.wrong(locale):
            if not variant.startswith("re:"):
                assert g.wrong_variants(term, variant, locale), (locale, variant)


def test_the_tbx_export_is_current_and_well_formed():
    from xml.etree import ElementTree as ET

    assert g.TBX.read_text(encoding="utf-8") == g.to_tbx(TERMS), "run `make glossary`"
    root = ET.fromstring(g.TBX.read_bytes())
    assert len(root.findall(".//termEntry")) == len(TERMS)


# --- each finding class, deliberately wrong ----------------------------------------------

# (finding, locale, English source, wrong translation, right translation)
PAIRS = [
    ("'only' lost (pt-BR)", "pt-BR", "The first-response targets apply to support in English only.",
     "As metas de primeira resposta valem para o suporte em inglês.",
     "As metas de primeira resposta valem somente para o suporte em inglês."),
    ("'only' lost (zh)", "zh", "The first-response targets apply to support in English only.",
     "首次响应目标适用于英语支持。", "首次响应目标仅适用于英语支持。"),
    ("Signature Cloud Support as a subscription (zh)", "zh", "If you have Signature Cloud Support, use it.",
     "如果你享有云支持订阅，可以使用它。", "如果你享有 Signature Cloud Support，可以使用它。"),
    ("Signature Cloud Support as 'assinatura' (pt-BR)", "pt-BR", "If you have Signature Cloud Support, use it.",
     "Se você tiver suporte à nuvem de assinatura, use-o.", "Se você tiver o Signature Cloud Support, use-o."),
    ("reselling another company's support (ru)", "ru", "Resell support from another company.",
     "Перепродавать поддержку другой компании.", "Перепродавать поддержку, которую оказывает другая компания."),
    ("English placeholder in a step (ru)", "ru", "Go to https://portal.azure.com/<customer domain>.",
     "Перейдите по адресу https://portal.azure.com/<customer domain>.",
     "Перейдите по адресу https://portal.azure.com/<домен клиента>."),
    ("English placeholder in a URL (zh)", "zh", "Open https://portal.azure.com/<customer domain>.",
     "打开 https://portal.azure.com/<customer domain>。", "打开 https://portal.azure.com/<客户域名>。"),
    ("Helpdesk agent (pt-BR)", "pt-BR", "Helpdesk agents cannot create Azure service requests.",
     "Agentes de helpdesk não podem criar solicitações de serviço do Azure.",
     "Agentes de suporte técnico não podem criar solicitações de serviço do Azure."),
    ("Helpdesk agent (zh)", "zh", "Helpdesk agents cannot create Azure service requests.",
     "支持人员无法创建 Azure 服务请求。", "支持人员代理无法创建 Azure 服务请求。"),
    ("indirect reseller (ru)", "ru", "An indirect reseller works with an indirect provider.",
     "Непрямой реселлер работает с косвенным поставщиком.",
     "Косвенный торговый посредник работает с косвенным поставщиком."),
    ("indirect provider (ru)", "ru", "Ask your indirect provider.",
     "Обратитесь к своему непрямому поставщику.", "Обратитесь к своему косвенному поставщику."),
    ("support plan left in English (ru)", "ru", "You need Advanced Support for Partners.",
     "Вам нужен план Advanced Support for Partners.", "Вам нужна Расширенная поддержка для партнеров."),
    ("support plan left in English (zh)", "zh", "You need Premier Support for Partners.",
     "你需要 Premier Support for Partners。", "你需要合作伙伴顶级支持。"),
    ("ASfP called a contract (pt-BR)", "pt-BR", "You need Advanced Support for Partners.",
     "Você precisa de um contrato de Suporte Avançado para Parceiros.",
     "Você precisa do plano Suporte Avançado para Parceiros."),
    ("Finance & Operations (ru)", "ru", "Finance and Operations apps go to Dynamics support.",
     "Приложения Finance & Operations обслуживает поддержка Dynamics.",
     "Приложения Finance and Operations обслуживает поддержка Dynamics."),
    ("interface label, old wording (zh)", "zh", "Select New support request.",
     "选择“新建支持请求”。", "选择“新支持请求”。"),
    ("interface label left in English (ru)", "ru", "Select New support request.",
     "Выберите New support request.", "Выберите «Новый запрос в службу поддержки» (New support request)."),
    ("tenant (pt-BR)", "pt-BR", "Your own tenant is not covered.",
     "O seu próprio inquilino não está coberto.", "O seu próprio locatário não está coberto."),
]


@pytest.mark.parametrize(("finding", "locale", "english", "wrong", "right"), PAIRS, ids=[p[0] for p in PAIRS])
def test_each_finding_class_is_caught(finding, locale, english, wrong, right):
    assert g.check_pair(TERMS, english, wrong, locale, finding), f"{finding}: not caught"
    assert not g.check_pair(TERMS, english, right, locale, finding), g.check_pair(TERMS, english, right, locale, "")


ENGLISH_SLIPS = [
    ("'only' missing", "The first-response targets apply to support in English.",
     "The first-response targets apply to support in English only."),
    ("UK spelling", "In the Cloud Solution Provider programme, your organisation buys licences.",
     "In the Cloud Solution Provider program, your organization buys licenses."),
    ("Finance & Operations", "Finance & Operations apps go to Dynamics support.",
     "Finance and Operations apps go to Dynamics support."),
    ("three wordings of MPN", "Your partner network (MPN) agreement ID.",
     "Your Microsoft Partner Network (MPN) agreement ID."),
    ("old portal name", "Go to the Office 365 admin center.", "Go to the Microsoft 365 admin center."),
    ("ASfP as a contract", "An Advanced Support for Partners contract is required.",
     "An Advanced Support for Partners plan is required."),
]


@pytest.mark.parametrize(("finding", "wrong", "right"), ENGLISH_SLIPS, ids=[s[0] for s in ENGLISH_SLIPS])
def test_english_slips_are_caught(finding, wrong, right):
    assert g.check_text(TERMS, wrong, "en", finding)
    assert not g.check_text(TERMS, right, "en", finding)


def test_an_exception_marker_silences_only_its_term():
    english, wrong = "Helpdesk agents cannot file.", "支持人员无法提交。"
    assert not g.check_pair(TERMS, english, wrong, "zh", "x", g.exempt_ids(["glossary-ok: helpdesk-agent quoted"]))
    assert g.check_pair(TERMS, english, wrong, "zh", "x", g.exempt_ids(["glossary-ok: indirect-reseller"]))
    page = "Intro\n<!-- glossary-ok: helpdesk-agent the 2021 wording, quoted -->\n支持人员无法提交。\n支持人员。\n"
    lines = {n: ex for n, _, ex in g.page_lines(page)}
    assert lines[3] == {"helpdesk-agent"} and lines[4] == set()


def test_a_marked_message_keeps_its_exception_in_assembled_output_and_nowhere_else():
    quote = g.Quote(g._quote_pattern("来源中称之为 Office 365 管理中心。"), frozenset({"microsoft-365-admin-center"}))
    output = "自 2021 年 3 月以来已有变化；来源当时的说法：来源中称之为 Office 365 管理中心。"
    assert not g.check_text(TERMS, output, "zh", "x", quotes=[quote])
    assert g.check_text(TERMS, output + "请打开 Office 365 管理中心。", "zh", "x", quotes=[quote]), "outside the quote"
    other = g.Quote(quote.pattern, frozenset({"helpdesk-agent"}))
    assert g.check_text(TERMS, output, "zh", "x", quotes=[other]), "a marker names its term"


def test_a_term_inside_a_longer_term_belongs_to_the_longer_one():
    # Microsoft's Russian role name holds «запросов на поддержку», a wrong variant of the concept.
    english = "You need the Azure role Support Request Contributor."
    right = "Нужна роль Azure «Участник для запросов на поддержку» (Support Request Contributor)."
    assert not g.check_pair(TERMS, english, right, "ru", "x")
    wrong = right.replace(")", "), чтобы создавать запросы на поддержку")
    assert g.check_pair(TERMS, english + " It lets you create support requests.", wrong, "ru", "x")


TYPO_SLIPS = [
    ("ru", "Первый ответ в течение 2 часов.", "Первый ответ в течение 2\u00a0часов."),
    ("ru", "Клиент — партнер.", "Клиент\u00a0— партнер."),
    ("zh", "Dynamics 365或Enterprise Mobility + Security", "Dynamics 365 或 Enterprise Mobility + Security"),
    ("zh", "在Azure门户中", "在 Azure 门户中"),
    ("pt-BR", "Selecione Mais...", "Selecione Mais…"),
    ("en", "Select  Create.", "Select Create."),
]


@pytest.mark.parametrize(("locale", "wrong", "right"), TYPO_SLIPS)
def test_typography_slips_are_caught(locale, wrong, right):
    assert problems(wrong, locale)
    assert not problems(right, locale)


def test_iso_months_in_prose_are_caught():
    assert ISO_MONTH.search("versão de 2020-04") and ISO_MONTH.search("от 2020-04")
    assert not ISO_MONTH.search("abril de 2020") and not ISO_MONTH.search("2020 年 4 月")
    assert not ISO_MONTH.search("000_1c1138f7cb65071b.txt") and not ISO_MONTH.search("v2020-04-01/api")


# --- the real content ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def catalog_findings():
    return g.catalog_findings(TERMS)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogs_use_the_glossary(catalog_findings, locale):
    mine = [f for f in catalog_findings if f"/{CATALOG[locale]}/" in f.where]
    assert not mine, report(mine)


def _fresh_english_messages(tmp_path: Path) -> list[tuple[str, list[str]]]:
    out = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-k", "N_",
                    "-k", "NP_:1,2", "--no-location", "--add-comments=glossary-ok:", "-o", str(out), "wizard"],
                   cwd=ROOT, check=True, capture_output=True)
    with out.open("rb") as fh:
        return [(m.id if isinstance(m.id, str) else " ".join(m.id), list(m.auto_comments))
                for m in read_po(fh) if m.id]


def test_english_messages_use_us_english_and_current_names(tmp_path):
    found = g.english_message_findings(TERMS, _fresh_english_messages(tmp_path))
    assert not found, report(found)


@pytest.fixture(scope="module")
def docs_findings():
    return g.docs_findings(TERMS)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_pages_use_the_glossary(docs_findings, locale):
    mine = [f for f in docs_findings if f.where.startswith(f"docs/{locale}/")]
    assert not mine, report(mine)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_pages_write_dates_in_words(locale):
    found = [f"docs/{locale}/{p.name}:{n}: {m.group()}"
             for p in sorted((ROOT / "docs" / locale).glob("*.md"))
             for n, text, _ in g.page_lines(p.read_text(encoding="utf-8"))
             for m in ISO_MONTH.finditer(text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_typography(locale):
    with (ROOT / "locales" / CATALOG[locale] / "LC_MESSAGES" / "wizard.po").open("rb") as fh:
        catalog = read_po(fh)
    found = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            found += [f"{message.id!r}: {p}" for p in problems(text or "", locale)]
    assert not found, f"{len(found)}:\n" + "\n".join(found[:60])


# --- built pages and CLI output -----------------------------------------------------------

BLOCK = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br", "pre", "dt", "dd", "title",
         "tr", "section", "nav", "header", "footer", "label", "button", "option", "summary", "figcaption"}
#: Inline elements the stylesheet shows as blocks (wizard/web/wizard.css): the question number
#: stands on its own line above the prompt, so its text does not run on into the prompt's.
BLOCK_CLASSES = {"csp-wizard__number"}
SKIP = {"script", "style", "svg", "code", "template", "textarea"}
#: What inline code leaves in the text: it is not checked, but the words around it are, with
#: their spacing ("from `portal.azure.com/` followed by" is not a double space).
CODE = "CODE"


class VisibleText(HTMLParser):
    """A page's visible text, block by block; English-only parts (``lang="en"``) are skipped in
    other locales (a page shown in English where the translation is missing)."""

    def __init__(self, skip_english: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_english = skip_english
        self.stack: list[tuple[str, bool, bool]] = []
        self.blocks: list[str] = [""]

    def _hidden(self) -> bool:
        return any(hidden for _, hidden, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = tag in SKIP or (self.skip_english and (attrs.get("lang") or "").startswith("en")
                                 and tag != "html")
        block = tag in BLOCK or bool(BLOCK_CLASSES & set((attrs.get("class") or "").split()))
        if block:
            self.blocks.append("")
        if tag == "code" and not self._hidden():
            self.blocks[-1] += CODE
        if tag not in {"br", "img", "input", "meta", "link", "hr", "wbr"}:
            self.stack.append((tag, hidden, block))

    def handle_endtag(self, tag):
        block = tag in BLOCK
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                block = self.stack[i][2]
                del self.stack[i:]
                break
        if block:
            self.blocks.append("")

    def handle_data(self, data):
        if not self._hidden():
            self.blocks[-1] += data


def built_pages(site, locale: str) -> list[Path]:
    base = site.root if locale == "en" else site.root / locale
    pages = [*sorted(base.rglob("index.html")), base / "404.html"]
    if locale == "en":
        pages = [p for p in pages if p.relative_to(site.root).parts[0] not in LOCALES]
    return [p for p in pages if p.is_file()]


def page_blocks(path: Path, locale: str) -> list[str]:
    parser = VisibleText(skip_english=locale != "en")
    parser.feed(path.read_text(encoding="utf-8"))
    return [" ".join(b.split(" ")).strip("\n") for b in parser.blocks if b.strip()]


def source_exemptions(site, path: Path, locale: str) -> set[str]:
    rel = path.relative_to(site.root if locale == "en" else site.root / locale).parent
    name = "index.md" if str(rel) == "." else f"{rel.parts[0]}.md"
    source = ROOT / "docs" / locale / name
    return g.exempt_ids([source.read_text(encoding="utf-8")]) if source.is_file() else set()


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_built_pages_have_no_wrong_variants(site, locale):
    found = []
    quotes = g.marked_quotes(locale)  # wizard text on the pages keeps its catalog markers
    for path in built_pages(site, locale):
        exempt = source_exemptions(site, path, locale)
        where = str(path.relative_to(site.root))
        for block in page_blocks(path, locale):
            found += g.check_text(TERMS, block, locale, where, exempt, quotes)
    assert not found, report(found)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_built_pages_typography_and_dates(site, locale):
    found = []
    for path in built_pages(site, locale):
        where = path.relative_to(site.root)
        for block in page_blocks(path, locale):
            found += [f"{where}: {p}" for p in problems(block, locale)]
            found += [f"{where}: ISO date in prose {m.group()!r}" for m in ISO_MONTH.finditer(block)]
    assert not found, f"{len(found)}:\n" + "\n".join(found[:60])


def cli_text(locale: str, answers: dict[str, str]) -> str:
    out = io.StringIO()
    args = ["--lang", locale, "route", *[f"{k}={v}" for k, v in answers.items()]]
    assert cli.main(args, stdout=out) == 0
    return out.getvalue()


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_cli_output_uses_the_glossary_and_dates_in_words(locale):
    found = []
    quotes = g.marked_quotes(locale)  # a marked message keeps its exception in the output
    for answers in enumerate_paths():
        text = cli_text(locale, answers)
        where = f"route {' '.join(f'{k}={v}' for k, v in answers.items())}"
        found += g.check_text(TERMS, text, locale, where, quotes=quotes)
        found += [f"ISO date {m.group()!r}" for m in ISO_MONTH.finditer(text)]
    unique = list(dict.fromkeys(map(str, found)))
    assert not unique, f"{len(unique)}:\n" + "\n".join(unique[:40])
