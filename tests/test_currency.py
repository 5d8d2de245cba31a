"""Freshness as data: every fact has a status and a check date, every changed fact a current
Microsoft page, withdrawn facts are no longer given, and old share links still resume.

Nothing here depends on today's date: the checks compare the data with itself.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

from macros.pages.currency import all_facts, changes_table, fact_note, sources_table, unconfirmed_table
from macros.pages.helpers import md
from wizard.browser import step_data
from wizard.currency import CHECKS, READING_NOTES, STATUSES, Check
from wizard.engine import decide, decision_facts
from wizard.flow import RETIRED_QUESTIONS
from wizard.i18n import Translator
from wizard.learn import LEARN_PAGES
from wizard.outcomes import OUTCOMES, WITHDRAWN
from wizard.paths import enumerate_paths
from wizard.text import CHANNEL_LINE, CONTACT_LINE

ROOT = Path(__file__).resolve().parents[1]
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FACTS = all_facts()


@pytest.mark.parametrize("fact_id", sorted(FACTS))
def test_every_fact_has_a_status_and_a_check_date(fact_id):
    check = FACTS[fact_id].currency
    assert check.status in STATUSES
    assert ISO_DAY.match(check.checked), f"{fact_id}: check date {check.checked!r}"
    for page in check.pages:
        assert page in LEARN_PAGES, f"{fact_id}: unknown Learn page {page!r}"
    if check.status in ("changed", "withdrawn"):
        assert check.pages, f"{fact_id}: a {check.status} fact needs the current page that says so"
        assert check.was, f"{fact_id}: a {check.status} fact needs what the source said"
    if check.status == "not-reconfirmed":
        assert check.note, f"{fact_id}: say what was looked at"


def test_no_check_without_a_fact():
    assert set(CHECKS) == set(FACTS), "a check for a fact that no longer exists, or a fact with none"


def test_current_pages_are_learn_addresses_in_the_readers_language():
    for page in LEARN_PAGES.values():
        assert page.url("en").startswith("https://learn.microsoft.com/en-us/")
        assert page.url("zh").startswith("https://learn.microsoft.com/zh-cn/")
        assert "docs.microsoft.com" not in page.url("ru")


def test_no_outcome_gives_a_withdrawn_fact():
    given = {f.fact_id for answers in enumerate_paths() for f in decision_facts(decide(answers))}
    withdrawn = {f.fact_id for f in WITHDRAWN}
    assert not given & withdrawn
    assert all(FACTS[f].currency.status == "withdrawn" for f in withdrawn)
    assert not {f for f in given if FACTS[f].currency.status == "withdrawn"}


def test_every_result_says_when_its_facts_were_checked():
    for answers in enumerate_paths():
        data = step_data(answers)
        assert data["status"] == "outcome"
        assert 'data-checked="' in data["html"]["main"]
        dated = {f.currency.checked for f in decision_facts(decide(answers))}
        assert data["outcome"]["currency"]["checked"] == min(dated)


@pytest.mark.parametrize("old_link", [
    # 2021 answers that no longer exist: resume at the last valid question with the notice.
    {"role": "direct-partner", "scope": "customer-subscription", "product": "azure",
     "admin_access": "yes", "pc_role": "helpdesk-agent"},
    {"role": "indirect-reseller", "scope": "customer-subscription", "product": "azure",
     "provider_access": "granted", "topic": "break-fix", "impact": "critical"},
])
def test_an_old_share_link_with_a_retired_answer_resumes_with_a_notice(old_link):
    data = step_data(old_link, "ru")
    assert data["status"] in ("question", "outcome")
    assert data["error"] is not None and data["error"]["reason"] == "retired"
    assert data["html"]["alert"], "the localized notice is shown"
    assert "pc_role" not in data["query"] and "provider_access" not in data["query"]
    retired = next(k for k in ("pc_role", "provider_access") if k in old_link)
    assert retired not in data["html"]["alert"], "the reader sees the question, not the key"
    assert escape(Translator("ru")(RETIRED_QUESTIONS[retired])) in data["html"]["alert"]


def test_no_fact_is_current_on_the_2023_copy_alone():
    for fact_id, check in CHECKS.items():
        if check.status == "current":
            assert check.basis in ("learn", "learn-older"), fact_id
            assert check.pages, f"{fact_id}: current needs the Learn page that states it"
        if check.basis == "copy-2023":
            assert check.copy and check.copy_date, f"{fact_id}: name the 2023 files read"
    with pytest.raises(ValueError):
        Check("current", "2026-12-03", ("report-problems",), basis="copy-2023",
              copy=("report-problems-on-behalf-of-a-customer.md",))


def test_what_the_source_said_is_a_microsoft_statement_not_the_sites_remark():
    """After "the source said" (and its translations) stands only what a Microsoft page said:
    never the site's own remark about its sources."""
    self_reference = {
        "en": re.compile(r"\b(the sources?|this site|the site)\b", re.IGNORECASE),
        "pt-BR": re.compile(r"\b(as fontes|a fonte (o |a )?chama|este site|o site (diz|dá|lê))\b", re.IGNORECASE),
        "ru": re.compile(r"\b(источники|источник называет|этот сайт|сайт (считает|читает))\b", re.IGNORECASE),
        "zh": re.compile(r"来源|本站|本网站"),
    }
    for fact_id, check in CHECKS.items():
        if check.was is None:
            continue
        for locale in ("en", "pt-BR", "ru", "zh"):
            was = Translator(locale)(check.was)
            assert not self_reference[locale].search(was), f"{fact_id} ({locale}): {was!r}"
    readings = [f for f in FACTS.values() if getattr(f, "reading", False)]
    assert readings
    for fact in readings:
        assert fact.currency.status != "changed", "a reading of the site's cannot have a 'was'"
        assert fact.currency.note in READING_NOTES, f"{fact.id}: a site's reading is labelled as one"


def test_changes_page_lists_every_changed_and_withdrawn_fact_in_every_language():
    for locale in ("en", "pt-BR", "ru", "zh"):
        html = changes_table(locale)
        rows = [line for line in html.splitlines() if line.startswith("| ") and "---" not in line][1:]
        # one row per statement of a source, with every fact that replaces it
        expected = {(f.currency.status, f.currency.was) for f in FACTS.values()
                    if f.currency.status in ("changed", "withdrawn")}
        assert len(rows) == len(expected)
        assert "learn.microsoft.com" in html


@pytest.mark.parametrize("locale", ["en", "pt-BR", "ru", "zh"])
def test_a_contact_channel_or_severity_reads_as_one_in_the_tables(locale):
    """A label alone ("Dynamics 365 support", "A: Critical impact") is no statement: the tables
    say what it is, in the words the wizard's result uses."""
    t = Translator(locale)
    html = changes_table(locale) + unconfirmed_table(locale)
    named = 0
    for fact_id, item in FACTS.items():
        kind = fact_id.partition(":")[0]
        if kind not in ("contact", "channel", "severity") or item.currency.status == "current":
            continue
        label = t(item.label)
        if kind == "severity":  # stated with its target (the severity-claim test checks how)
            assert f"| {md(label)} |" not in html and f"| {md(item.id + ': ' + label)} |" not in html, fact_id
            named += 1
            continue
        # The source's claim about the contact or channel where it makes one, else the label
        # said as what it is.
        line = t(item.claim) if getattr(item, "claim", None) else (
            t(CONTACT_LINE, contact=label) if kind == "contact" else t(CHANNEL_LINE, channel=label))
        assert md(line) in html, fact_id
        assert f"| {md(label)} |" not in html, f"{fact_id} shown as a bare label"
        named += 1
    assert named >= 5


def test_sources_table_links_learn_and_shows_no_internal_file_names():
    for locale, segment in (("en", "en-us"), ("pt-BR", "pt-br"), ("ru", "ru-ru"), ("zh", "zh-cn")):
        html = sources_table(locale)
        assert f"https://learn.microsoft.com/{segment}/" in html
        assert ".txt" not in html and ".md" not in html


def test_notes_for_changed_and_unconfirmed_facts_and_none_for_current_ones():
    assert "Changed since" in fact_note("az-review")
    assert "not re-confirmed by any current Microsoft page" in fact_note("severity:A")
    # a note names the statement it is about: on a page it may follow another statement's note
    for locale in ("en", "pt-BR", "ru", "zh"):
        t = Translator(locale)
        step = next(f for f in FACTS.values() if getattr(f, "fact_id", "") == "az-plan-csp")
        assert md(t(step.text)) in fact_note("az-plan-csp", locale)
    assert fact_note("customer-no-tickets") == "", "a current fact needs no note"
    # and says why it is not re-confirmed: the phone rule is gone from the 2023 copy
    from wizard.currency import GONE_2023, IN_2023

    for locale in ("en", "pt-BR", "ru", "zh"):
        t = Translator(locale)
        assert md(t(GONE_2023)) in fact_note("no-phone", locale), locale
        assert md(t(IN_2023)) in fact_note("english-targets", locale), locale


def test_make_freshness_prints_every_fact_and_the_oldest_check():
    proc = subprocess.run([sys.executable, "-m", "macros.tools.freshness"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    for fact_id in FACTS:
        assert fact_id in proc.stdout
    assert "oldest check: " in proc.stdout
    assert f"{len(FACTS)} facts" in proc.stdout
    assert proc.stdout.count("checked against: ") == len(FACTS) + 1, "each check says what it was made against"
    assert "kvamseek/partner-center" in proc.stdout and "ms.date 2023-09-23" in proc.stdout
    for line in proc.stdout.splitlines():
        if line.split()[1:2] == ["current"]:
            fact = line.split()[0]
            assert FACTS[fact].currency.basis != "copy-2023", f"{fact}: current on the 2023 copy alone"


def test_every_outcome_is_reachable():
    reached = {decide(a).spec.id for a in enumerate_paths()}
    assert reached == set(OUTCOMES)


def test_retired_source_links_each_topic_to_the_page_that_documents_it_now() -> None:
    from wizard.engine import _source_json
    from wizard.i18n import Translator
    from wizard.outcomes import CAV_CHECK_HEALTH, OLD_DAP
    from wizard.sources import SOURCES

    pts = SOURCES["provide-technical-support"]
    assert pts.retired
    assert pts.learn_id("technical-support.md#support-plans") == "escalating-to-microsoft"
    for fact, page in ((CAV_CHECK_HEALTH, "check-service-health"), (OLD_DAP, "gdap-introduction")):
        assert fact.ref.source == pts.id
        for locale in ("en", "ru"):
            url = _source_json(fact.ref, Translator(locale))["url"]
            assert url == LEARN_PAGES[page].url(locale), "not the escalation page"


def test_each_language_dates_a_source_by_its_own_version_or_names_the_version() -> None:
    from macros.pages.main import cite
    from wizard.engine import _source_json
    from wizard.outcomes import CAV_CHECK_HEALTH
    from wizard.sources import SOURCES

    pts = SOURCES["provide-technical-support"]
    # pt-BR and ru have their own 2018 versions; zh-CN's is from 2019; English has none.
    assert (pts.date_in("pt-BR"), pts.date_in("ru"), pts.date_in("zh"), pts.date_in("en")) == (
        "2018-10", "2018-10", "2019-12", "2019-12")
    assert '<time datetime="2018-10">' in cite(pts.id, "pt-BR") and "2019-12" not in cite(pts.id, "pt-BR")
    assert "2019-12" not in fact_note("delegated-admin-privileges", "ru")
    en = cite(pts.id, "en")
    assert '<time datetime="2019-12">' in en and "(Simplified Chinese version)" in en
    assert "(Simplified Chinese version)" not in cite(pts.id, "zh")
    assert _source_json(CAV_CHECK_HEALTH.ref, Translator("pt-BR"))["date"] == "2018-10"
    # A source with a single version needs no language after its date.
    assert "version)" not in cite("report-problems", "en")


def test_unconfirmed_table_states_claims_not_labels_in_every_language() -> None:
    from macros.pages.currency import unconfirmed_table
    from wizard.facts import CHANNELS, CONTACTS, SEVERITIES

    labels = [c.label for c in (*CONTACTS.values(), *CHANNELS.values())] + [s.label for s in SEVERITIES.values()]
    for locale in ("en", "pt-BR", "ru", "zh"):
        t = Translator(locale)
        html = unconfirmed_table(locale)
        cells = [line.split(" | ")[0].lstrip("| ") for line in html.splitlines()
                 if line.startswith("| ") and "---" not in line][1:]
        assert cells
        for label in labels:
            assert t(label) not in cells, f"{locale}: a bare label {t(label)!r} as a statement"
        if locale == "en":
            assert "Severity A (critical impact): the first-response target is 2 hours." in cells
    for item in (*CONTACTS.values(), *CHANNELS.values()):
        if item.currency.status == "not-reconfirmed":
            assert item.claim, f"{item.fact_id}: a fact given as the source stated it needs its claim"


def test_a_withdrawn_fact_with_its_own_reason_is_not_called_undocumented() -> None:
    dap = CHECKS["delegated-admin-privileges"]
    assert dap.status == "withdrawn" and dap.note
    for locale in ("en", "pt-BR", "ru", "zh"):
        t = Translator(locale)
        note = fact_note("delegated-admin-privileges", locale)
        assert t(dap.note).split()[0] in note
        assert t("No longer documented by Microsoft. The source of %(date)s said: %(was)s",
                 date="", was="").split(".")[0] not in note
    row = next(line for line in changes_table("en").splitlines() if line.startswith("| As a CSP partner you hold"))
    assert "No longer documented" not in row and "Retired as a route" in row
    # Without a reason of its own, a withdrawn fact keeps the plain label.
    assert "No longer documented by Microsoft" in fact_note("azure-customer-domain-route")


def test_the_wizard_gives_dap_its_reason_not_no_longer_documented() -> None:
    from wizard.browser import currency_html
    from wizard.engine import route
    from wizard.text import currency_text
    from wizard.ui import ui_strings

    answers = {"role": "direct-partner", "topic": "break-fix", "product": "azure",
               "scope": "customer-subscription", "admin_access": "no"}
    for locale in ("en", "pt-BR", "ru", "zh"):
        t = Translator(locale)
        out = route(answers, locale)
        why = t(CHECKS["delegated-admin-privileges"].note)
        text = currency_text(out, t)
        html = currency_html(out, ui_strings(t))
        dap_line = next(line for line in text.splitlines() if why in line)
        assert "DAP" in dap_line
        assert html.count('data-currency="withdrawn"') == 2  # DAP with its reason, the domain route without
        if locale == "en":
            assert "No longer documented" not in dap_line
            assert text.count("No longer documented") == 1, "the domain route keeps the plain label"


def test_the_wizards_sources_say_which_version_a_date_belongs_to() -> None:
    from wizard.engine import route

    answers = {"role": "direct-partner", "scope": "customer-subscription", "product": "azure",
               "topic": "break-fix", "admin_access": "yes", "azure_role": "yes", "impact": "critical"}
    en = route(answers, "en")
    pts = next(s for s in en["sources"] if s["source"] == "provide-technical-support")
    assert (pts["date"], pts["version"]) == ("2019-12", "Simplified Chinese")
    pt = next(s for s in route(answers, "pt-BR")["sources"] if s["source"] == "provide-technical-support")
    assert (pt["date"], pt["version"]) == ("2018-10", None), "pt-BR has its own version, of October 2018"
    assert "(Simplified Chinese version)" in step_data(answers, "en")["html"]["main"]
    assert "versão em" not in step_data(answers, "pt-BR")["html"]["main"]


def test_the_customer_menu_item_is_named_in_the_singular_in_every_language() -> None:
    # Partner Center's customer menu names the item "Service request" (one request), so the step
    # and its translations name it so, in the term Partner Center uses in each language.
    from wizard.outcomes import PC_SERVICE_REQUESTS

    expected = {"en": "Service request,", "pt-BR": "Solicitação de serviço",
                "ru": "«Запрос на обслуживание»", "zh": "“服务请求”"}
    assert "Service requests" not in PC_SERVICE_REQUESTS.text
    for locale, term in expected.items():
        text = Translator(locale)(PC_SERVICE_REQUESTS.text)
        assert term in text, f"{locale}: {text!r}"
        assert "Solicitações de serviço" not in text and "Запросы на обслуживание" not in text


def test_the_sites_own_plan_check_is_not_listed_as_a_statement_of_the_source() -> None:
    # "Check which plan your organization holds" is the site's advice on the source's plan rule;
    # the table of statements lists the rule (dynamics-asfp) and not the advice.
    facts = all_facts()
    assert CHECKS["dyn-plan-check"].rests_on == "dynamics-asfp"
    for fact_id, check in CHECKS.items():
        if check.rests_on:
            assert check.rests_on in facts and CHECKS[check.rests_on].status == check.status, fact_id
    for locale in ("en", "pt-BR", "ru", "zh"):
        t = Translator(locale)
        html = unconfirmed_table(locale)
        assert md(t(facts["dynamics-asfp"].text)) in html
        assert md(t(facts["dyn-plan-check"].text)) not in html, locale
    # The wizard still marks the advice as resting on a rule no current page states.
    assert facts["dyn-plan-check"].currency.status == "not-reconfirmed"


def _statements(html: str) -> list[str]:
    return [line.split(" | ")[0].lstrip("| ").split("<br>(")[0] for line in html.splitlines()
            if line.startswith("| ") and "---" not in line][1:]


def test_a_statement_is_listed_once_in_the_tables_and_in_a_result(monkeypatch) -> None:
    from macros.pages import currency as page
    from wizard.engine import route
    from wizard.text import currency_text

    for locale in ("en", "pt-BR", "ru", "zh"):
        for html in (unconfirmed_table(locale), changes_table(locale)):
            rows = _statements(html)
            assert len(rows) == len(set(rows)), locale
    # Two facts stating the same thing are one row, whatever each one's source said.
    facts = all_facts()
    twin = facts["az-new-request"]
    copy = type(twin)("az-new-request-twin", twin.text, twin.ref, twin.learn, twin.reading)
    monkeypatch.setitem(CHECKS, "az-new-request-twin",
                        Check("changed", "2026-12-01", twin.currency.pages, "An older wording.", None))
    monkeypatch.setattr(page, "all_facts", lambda: {**facts, copy.fact_id: copy})
    row = next(line for line in page.changes_table("en").splitlines() if "Select Create a support request." in line)
    assert page.changes_table("en").count("Select Create a support request.") == 1
    assert "Select New support request." in row and "An older wording." in row
    unconfirmed = facts["no-phone"]
    monkeypatch.setattr(page, "all_facts", lambda: {**facts, "no-phone-twin": unconfirmed})
    assert page.unconfirmed_table("en").count(statement_text := md(unconfirmed.text)) == 1, statement_text
    # A billing result says the source's billing statement once, with every page that replaces it.
    out = route({"role": "direct-partner", "scope": "customer-subscription", "product": "azure",
                 "topic": "billing"}, "en")
    text = currency_text(out, Translator("en"))
    line = next(line for line in text.splitlines() if "Billing disputes and fraud" in line)
    assert text.count("Billing disputes and fraud") == 1
    pages = {p["url"] for c in out["currency"]["changed"] if c["was"] in line for p in c["pages"]}
    assert len(out["currency"]["changed"]) > 2 and pages and all(url in line for url in pages)


def test_a_technical_support_citation_links_the_page_that_documents_its_topic_now() -> None:
    from macros.pages.main import cite
    from wizard.sources import SOURCES

    pts = SOURCES["provide-technical-support"]
    pages = {"delegated-admin": "gdap-introduction", "what-you-can-see": "report-problems",
             "admin-tasks": "report-problems", "service-health": "check-service-health"}
    for locale in ("en", "pt-BR", "ru", "zh"):
        t = Translator(locale)
        for anchor, page in pages.items():
            line = cite(pts.id, locale, topic=f"technical-support.md#{anchor}")
            url = LEARN_PAGES[page].url(locale)
            assert f"[{md(t(LEARN_PAGES[page].title))}]({url}" in line, (locale, anchor)
            assert LEARN_PAGES["escalating-to-microsoft"].url(locale) not in line
            assert f"[{md(t(pts.title))}]" not in line, "the retired title links nowhere"
        # Escalation and support plans stay on the escalation page.
        assert LEARN_PAGES["escalating-to-microsoft"].url(locale) in cite(pts.id, locale)
    admin = cite(pts.id, "en", topic="technical-support.md#admin-tasks")
    assert "report-problems-on-behalf-of-a-customer#perform-administrative-tasks-for-your-customers)" in admin
    with pytest.raises(KeyError):
        cite(pts.id, "en", topic="technical-support.md#escalate")
    # Each language's page passes the topic for those four sections and only for them.
    root = Path(__file__).resolve().parents[1] / "docs"
    for locale in ("en", "pt-BR", "ru", "zh"):
        section, cited = "", {}
        for line in (root / locale / "technical-support.md").read_text(encoding="utf-8").splitlines():
            if match := re.match(r"## .*\{ #([\w-]+) \}", line):
                section = match.group(1)
            if line.startswith('{{ cite("provide-technical-support"'):
                topic = re.search(r'topic="technical-support\.md#([\w-]+)"', line)
                cited[section] = topic.group(1) if topic else ""
        assert cited == {**{a: a for a in pages}, "escalate": "", "support-plans": ""}, locale


def test_a_result_puts_only_microsofts_words_after_the_source_stated() -> None:
    """The site's readings and advice, and statements that name their source themselves, are
    listed with their note but never quoted as what the source stated."""
    from wizard import route
    from wizard.text import outcome_text

    t = Translator("en")
    frame = t("The source of %(date)s stated: “%(was)s” %(why)s").split("%(date)s")[0]
    seen_own = set()
    for answers in enumerate_paths():
        out = route(answers)
        for item in out["currency"]["not_reconfirmed"]:
            fact = all_facts()[item["fact"]]
            check = fact.currency
            own = getattr(fact, "reading", False) or check.rests_on or check.attributed
            assert item["quoted"] is (not own), item["fact"]
            if own:
                seen_own.add(item["fact"])
        text = outcome_text(out, t)
        assert not re.search(re.escape(frame) + r"[^“\n]*“The site's reading", text), answers
        assert "“The 2021 source" not in text and "“If Microsoft asks" not in text, answers
    assert {"partner-targets", "dyn-plan-check", "dynamics-asfp"} <= seen_own
