"""One test per fact of the guidance, read the way the guidance reads, by today's rules.

Facts that changed since the sources have a test of the rule as Microsoft documents it now
(GDAP, roles, resellers and Azure, names); facts not re-confirmed keep the source's rule and
are checked to say so on the result.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard import route
from wizard.browser import step_data
from wizard.currency import CHECKS
from wizard.engine import InvalidAnswerError
from wizard.facts import CONTACTS, SEVERITIES, VEHICLES
from wizard.flow import QUESTIONS, RETIRED_QUESTIONS
from wizard.guides import GUIDE_PAGES
from wizard.i18n import Translator
from wizard.outcomes import WITHDRAWN
from wizard.sources import SOURCES

ROOT = Path(__file__).resolve().parents[1]
FOR_CUSTOMER = {"scope": "customer-subscription"}
GDAP = {"admin_access": "yes"}
AZURE_READY = {**FOR_CUSTOMER, "product": "azure", "topic": "break-fix", **GDAP, "azure_role": "yes"}
AZURE_BREAKFIX = {**AZURE_READY, "impact": "critical"}
EMS_READY = {"role": "direct-partner", **FOR_CUSTOMER, "product": "ems", **GDAP, "support_role": "yes"}


def changed_facts(out: dict) -> set[str]:
    return {c["fact"] for c in out["currency"]["changed"]}


def test_csp_customers_cannot_open_tickets_and_contact_their_partner():
    out = route({"role": "customer", "product": "ems", "topic": "non-break-fix"})
    assert out["contact"] == "csp-partner"
    assert out["severity"] is None
    assert any("cannot open support tickets" in c for c in out["caveats"])


@pytest.mark.parametrize("role", ["direct-partner", "indirect-provider"])
def test_direct_bill_partners_and_indirect_providers_file_for_the_customer(role):
    out = route({"role": role, **AZURE_BREAKFIX})
    assert out["contact"] == "microsoft-via-partner-center"
    assert out["outcome"] == "azure-service-request"
    assert out["targets_for"] == "you"


@pytest.mark.parametrize("product", ["azure", "microsoft-365", "dynamics-365", "ems"])
def test_indirect_resellers_work_with_their_indirect_provider(product):
    answers = {"role": "indirect-reseller", **FOR_CUSTOMER, "product": product,
               "topic": "break-fix", "impact": "moderate"}
    out = route(answers)
    assert out["contact"] == "indirect-provider"
    assert out["severity"] == "B", "the provider files it with the severity the impact gives"


def test_changed_indirect_resellers_cannot_create_azure_requests():
    out = route({"role": "indirect-reseller", **FOR_CUSTOMER, "product": "azure", "topic": "non-break-fix"})
    assert out["outcome"] == "reseller-via-provider"
    assert any("cannot create Azure support requests" in c for c in out["caveats"])
    assert "reseller-azure-access" in {f.fact_id for f in WITHDRAWN}, "the 2021 route is withdrawn, once"
    assert CHECKS["reseller-no-azure"].status == "current"


@pytest.mark.parametrize("product", ["microsoft-365", "dynamics-365", "ems"])
def test_reseller_filing_for_other_products_states_both_microsoft_pages(product):
    out = route({"role": "indirect-reseller", **FOR_CUSTOMER, "product": product, "topic": "non-break-fix"})
    text = " ".join(out["caveats"])
    assert "pages disagree" in text and "GDAP role guidance" in text and "newest variant" in text
    azure = route({"role": "indirect-reseller", **FOR_CUSTOMER, "product": "azure", "topic": "non-break-fix"})
    assert "pages disagree" not in " ".join(azure["caveats"]), "the Azure restriction is not contested"


def test_resellers_are_not_told_to_check_service_health_before_they_file():
    out = route({"role": "indirect-reseller", **FOR_CUSTOMER, "product": "azure", "topic": "break-fix",
                 "impact": "critical"})
    assert not any("before you file" in c for c in out["caveats"]), "the provider files, not the reseller"


def test_provider_filed_targets_are_presented_as_the_providers_request_to_microsoft():
    out = route({"role": "indirect-reseller", **FOR_CUSTOMER, "product": "microsoft-365",
                 "topic": "break-fix", "impact": "critical"})
    assert out["targets_for"] == "provider"
    assert any(c.startswith("The site's reading:") and "request your provider files" in c
               for c in out["caveats"])
    html = step_data({"role": "indirect-reseller", **FOR_CUSTOMER, "product": "microsoft-365",
                      "topic": "break-fix", "impact": "critical"})["html"]["main"]
    assert "Severity of your provider&#x27;s request" in html
    assert "Microsoft&#x27;s first-response target for your provider" in html


def test_service_requests_start_in_partner_center_and_continue_in_the_azure_portal():
    out = route({"role": "direct-partner", **AZURE_BREAKFIX})
    assert out["channel"] == "partner-center-azure-portal"
    steps = " ".join(out["steps"])
    assert "select Service request, then New request" in steps and "New request" in steps
    assert "Cloud Solution Provider" in steps, "support plan field"
    assert "your own contact information, not the customer's" in steps
    assert "Basics" not in steps, "today's form has no Basics tab"
    assert "Problem description" in steps and "Review + create" in steps


def test_microsoft_365_requests_use_todays_admin_center_labels():
    out = route({**EMS_READY, "product": "microsoft-365", "topic": "non-break-fix"})
    steps = " ".join(out["steps"])
    assert "Help & support" in steps and "Contact me" in steps and "View service requests" in steps
    assert "View all support tickets" not in steps and "More…" not in steps


def test_changed_azure_follow_up_is_all_support_requests():
    out = route({"role": "direct-partner", **AZURE_BREAKFIX})
    assert any("Help + support" in s and "All support requests" in s for s in out["steps"])
    assert not any("Manage support requests" in s for s in out["steps"])
    assert {"az-review", "az-new-request"} <= changed_facts(out)


@pytest.mark.parametrize("product", ["microsoft-365", "ems"])
def test_microsoft_365_and_ems_continue_in_the_admin_center(product):
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": product, **GDAP,
                 "support_role": "yes", "topic": "non-break-fix"})
    assert out["outcome"] == "admin-center-service-request"
    assert out["channel"] == "partner-center-admin-center"
    assert any("own contact details" in s for s in out["steps"])


@pytest.mark.parametrize("product", ["azure", "microsoft-365", "ems"])
def test_changed_without_an_active_gdap_relationship_you_restore_access_first(product):
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": product, "topic": "break-fix",
                 "admin_access": "no"})
    assert out["outcome"] == "restore-admin-access"
    assert out["channel"] == "partner-center-admin-relationships"
    assert any("cannot file a support request" in c for c in out["caveats"])
    assert out["first_response"] is None, "nothing is filed yet"
    replaced = {r["fact"] for r in out["currency"]["replaces"]}
    assert "azure-customer-domain-route" in replaced, "the retired portal.azure.com/<domain> route is named as gone"
    assert not any("portal.azure.com/" in s for s in out["steps"])


def test_changed_azure_needs_the_support_request_contributor_role():
    out = route({"role": "indirect-provider", **FOR_CUSTOMER, "product": "azure", "topic": "break-fix",
                 **GDAP, "azure_role": "no"})
    assert out["outcome"] == "azure-needs-role"
    assert any("Support Request Contributor" in s for s in out["steps"])
    assert out["contact"] == "subscription-owner", "not only the customer's administrator"
    assert any("Admin agents group is its Owner" in s for s in out["steps"])
    assert "azure-helpdesk-support-group" in {r["fact"] for r in out["currency"]["replaces"]}


@pytest.mark.parametrize("product", ["microsoft-365", "ems"])
def test_changed_admin_center_requests_need_a_gdap_support_role(product):
    base = {"role": "direct-partner", **FOR_CUSTOMER, "product": product, "topic": "break-fix", **GDAP}
    out = route({**base, "support_role": "no"})
    assert out["outcome"] == "needs-support-role"
    assert any("Service Support Administrator" in s for s in out["steps"])
    inside = route({**base, "support_role": "not-assigned"})
    assert inside["outcome"] == "assign-support-role", "a role in the relationship but in no group"
    assert inside["contact"] == "own-security-admin", "the fix is in the partner's own tenant"
    assert not any("customer approves" in s for s in inside["steps"])


def test_admin_agent_is_still_needed_alongside_the_gdap_role():
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "microsoft-365", "topic": "break-fix",
                 **GDAP, "support_role": "yes", "impact": "critical"})
    assert any("Admin agent role in Partner Center" in c for c in out["caveats"])
    was = {c["was"] for c in out["currency"]["changed"]}
    assert not any("Admin agent" in w for w in was), "the source is not quoted as naming Admin agents"


DYNAMICS = {"role": "direct-partner", **FOR_CUSTOMER, "product": "dynamics-365"}


def test_dynamics_requests_continue_in_the_power_platform_admin_center():
    out = route({**DYNAMICS, "topic": "break-fix", **GDAP, "support_role": "yes", "impact": "minimal"})
    assert out["outcome"] == "dynamics-service-request"
    assert out["channel"] == "partner-center-power-platform"
    assert out["severity"] == "C"
    steps = " ".join(out["steps"])
    assert "Power Platform admin center" in steps and "Microsoft 365 admin center" not in steps
    own = route({"role": "indirect-provider", "scope": "own-subscription", "product": "dynamics-365"})
    assert own["outcome"] == "own-subscription-power-platform"
    assert "Power Platform admin center" in " ".join(own["steps"])


def test_advanced_support_for_partners_is_the_sources_rule_not_a_gate():
    assert "dynamics_plan" not in {q.id for q in QUESTIONS}, "no plan question before the topic"
    out = route({**DYNAMICS, "topic": "non-break-fix", **GDAP, "support_role": "yes"})
    assert out["contact"] == "microsoft-via-partner-center"
    assert any("The 2021 source required Advanced Support for Partners" in c for c in out["caveats"])
    assert CHECKS["dynamics-asfp"].status == "not-reconfirmed"
    assert "dynamics-plan-gate" in {r["fact"] for r in out["currency"]["replaces"]}
    billing = route({**DYNAMICS, "topic": "billing"})
    assert billing["outcome"] == "partner-center-help", "billing is never gated by a support plan"


def test_a_link_made_before_gdap_names_the_question_not_the_key():
    old = {**DYNAMICS, "dynamics_plan": "none"}
    data = step_data(old, "pt-BR")
    assert data["error"]["reason"] == "retired"
    assert "dynamics_plan" not in data["error"]["message"] and "dynamics_plan" not in data["html"]["alert"]
    assert Translator("pt-BR")(RETIRED_QUESTIONS["dynamics_plan"]) in data["error"]["message"]
    for key in RETIRED_QUESTIONS:
        with pytest.raises(InvalidAnswerError) as err:
            route({"role": "direct-partner", key: "x"})
        assert key in err.value.describe(Translator("ru")), "the CLI, where the key was typed, names it"


@pytest.mark.parametrize("role", ["direct-partner", "indirect-provider"])
@pytest.mark.parametrize("product", ["azure", "microsoft-365", "dynamics-365", "ems", "marketplace"])
def test_billing_goes_to_partner_center_help_and_support(role, product):
    out = route({"role": role, **FOR_CUSTOMER, "product": product, "topic": "billing"})
    assert out["outcome"] == "partner-center-help"
    assert out["channel_url"] == "https://partner.microsoft.com/dashboard/v2/support/"
    assert out["first_response"] is None and out["severity"] is None, "no unlabelled one-day target"
    assert "admin_access" not in {a["id"] for a in out["answers"]}, "no GDAP questions for billing"
    assert any(s["title"] == "Which support portal should I use?" for s in _learn_pages(out))


@pytest.mark.parametrize("product", ["azure", "microsoft-365"])
def test_suspected_fraud_is_acted_on_at_once_not_a_one_day_ticket(product):
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": product, "topic": "fraud"})
    assert out["outcome"] == ("suspected-fraud" if product == "azure" else "suspected-fraud-other")
    assert out["first_response"] is None and out["severity"] is None
    assert out["severity_note_text"].startswith("Act now")
    reseller = route({"role": "indirect-reseller", **FOR_CUSTOMER, "product": product, "topic": "fraud"})
    assert reseller["first_response"] is None
    assert any("tell your provider at once" in c for c in reseller["caveats"])


@pytest.mark.parametrize("product", ["microsoft-365", "dynamics-365", "ems", "marketplace"])
def test_a_fraud_outside_azure_is_not_sent_to_azure_support(product):
    """Microsoft's fraud pages speak of Azure; outside Azure the steps never say "Azure
    support" and the Partner Center step is marked as the site's reading."""
    out = route({"role": "indirect-provider", **FOR_CUSTOMER, "product": product, "topic": "fraud"})
    assert out["outcome"] == "suspected-fraud-other"
    text = " ".join([out["contact_label"],
                     *out["steps"], *out["caveats"]])
    assert "Azure support" not in text
    assert any(s.startswith("The site's reading") and "Help + support" in s for s in out["steps"])


def test_an_azure_fraud_goes_to_azure_support_immediately():
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "azure", "topic": "fraud"})
    assert any("Contact Azure support immediately" in s for s in out["steps"])
    assert not any("Help + support" in s for s in out["steps"])


def _learn_pages(out: dict) -> list[dict]:
    return [p for c in out["currency"]["changed"] for p in c["pages"]]


@pytest.mark.parametrize("role", ["direct-partner", "indirect-reseller", "indirect-provider"])
@pytest.mark.parametrize("scope", ["customer-subscription", "own-subscription"])
def test_marketplace_products_are_supported_by_the_publishing_isv(role, scope):
    answers = {"role": role, "scope": scope, "product": "marketplace"}
    if scope == "customer-subscription":
        answers["topic"] = "break-fix"
    out = route(answers)
    assert out["contact"] == "isv-publisher"
    assert out["channel"] == "partner-center-offer-details"
    assert "Offer details" in " ".join(out["steps"])
    assert out["severity"] is None
    assert any("billing and subscription questions" in c for c in out["caveats"])


def test_marketplace_billing_stays_with_the_csp_partner_and_microsofts_commerce_support():
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "marketplace", "topic": "billing"})
    assert out["contact"] == "partner-center-support"
    assert any("commerce functions" in c for c in out["caveats"])
    customer = route({"role": "customer", "product": "marketplace", "topic": "break-fix"})
    assert not any("takes it to Microsoft" in s and "publisher" not in s for s in customer["steps"])
    assert any("Microsoft gives no product support" in c for c in customer["caveats"])


def test_own_tenant_azure_needs_a_plan_of_your_own_and_m365_does_not():
    azure = route({"role": "direct-partner", "scope": "own-subscription", "product": "azure"})
    assert azure["contact"] == "own-support-plan"
    assert azure["channel"] == "azure-portal-direct"
    assert any("support plan of your own" in s for s in azure["steps"])
    assert not any("MPN" in s for s in azure["steps"] + azure["caveats"]), "the program is no longer MPN"
    assert azure["first_response"] is None, "the CSP targets do not cover the partner's own tenant"
    m365 = route({"role": "indirect-reseller", "scope": "own-subscription", "product": "microsoft-365"})
    assert m365["channel"] == "admin-center-direct"
    assert not any("support plan" in s or "Premier" in s for s in m365["steps"]), \
        "the source ties the plan requirement to the Azure portal only"
    assert any("no separate support fee" in c for c in m365["caveats"])


def test_billing_support_is_free_as_an_older_live_variant_says():
    billing = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "microsoft-365", "topic": "billing"})
    assert any("no charge" in c for c in billing["caveats"])
    assert CHECKS["billing-free"].basis == "learn-older"




@pytest.mark.parametrize(("impact", "severity", "target"), [
    ("critical", "A", "PT2H"), ("moderate", "B", "PT4H"), ("minimal", "C", "PT8H"),
])
def test_severity_follows_business_impact(impact, severity, target):
    out = route({**EMS_READY, "topic": "break-fix", "impact": impact})
    assert (out["severity"], out["first_response"]) == (severity, target)
    assert SEVERITIES[severity].first_response == target
    assert SEVERITIES[severity].currency.status == "not-reconfirmed"
    named = {item["fact"]: item for item in out["currency"]["not_reconfirmed"]}
    assert named[f"severity:{severity}"]["source_date"] == "2021-03", "the result says so"
    assert "the first-response target is" in named[f"severity:{severity}"]["text"]


def test_response_targets_are_for_english_only_with_local_language_in_business_hours_and_no_phone():
    out = route({**EMS_READY, "topic": "break-fix", "impact": "critical"})
    caveats = " ".join(out["caveats"])
    assert "apply only to support in English" in caveats
    assert "business hours" in caveats
    assert "by phone" in caveats


def test_a_result_names_each_statement_no_current_page_reconfirms_and_says_the_phone_rule_is_gone():
    from wizard.text import outcome_text

    answers = {**EMS_READY, "topic": "break-fix", "impact": "critical"}
    named = {item["fact"]: item for item in route(answers)["currency"]["not_reconfirmed"]}
    assert set(named) >= {"severity:A", "english-targets", "local-language-hours", "no-phone"}
    assert "no longer states it" in named["no-phone"]["why"]
    assert "still states it" in named["english-targets"]["why"]
    for lang in ("en", "pt-BR", "ru", "zh"):
        text = outcome_text(route(answers, lang), Translator(lang))
        phone = route(answers, lang)["currency"]["not_reconfirmed"]
        phone = next(i for i in phone if i["fact"] == "no-phone")
        assert phone["text"] in text and phone["why"] in text, lang
        html = step_data(list(answers.items()), lang)["html"]["main"]
        assert 'data-currency="not-reconfirmed" data-fact="no-phone"' in html, lang


def test_non_break_fix_requests_may_take_one_business_day():
    out = route({**EMS_READY, "topic": "non-break-fix"})
    assert out["severity"] is None
    assert out["first_response"] == "P1D"
    assert out["first_response_text"] == "1 business day"


def test_check_service_health_first_when_a_service_is_down_or_degraded():
    out = route({**EMS_READY, "topic": "break-fix", "impact": "critical"})
    assert any("service health" in c for c in out["caveats"])
    assert any(s["guide"] == "technical-support.md#service-health" for s in out["sources"])


def test_changed_escalation_vehicles_partner_cloud_support_replaces_signature():
    kinds = {v.id: v.kind for v in VEHICLES}
    assert kinds == {"commercial": "commercial", "premier": "technical", "advanced": "technical",
                     "signature": "technical", "on-premises": "technical"}
    signature = next(v for v in VEHICLES if v.id == "signature")
    assert signature.label.startswith("Partner Cloud Support")
    assert signature.currency.status == "changed"
    assert "Gold or Silver" in (signature.currency.was or "")


def test_every_outcome_names_its_sources_with_dates_and_learn_addresses():
    out = route({"role": "customer", "product": "azure", "topic": "billing"}, "pt-BR")
    assert out["sources"]
    for source in out["sources"]:
        assert source["date"] == SOURCES[source["source"]].date_in("pt-BR")
        assert len(source["date"]) == 7
        assert source["url"].startswith("https://learn.microsoft.com/pt-br/")
        assert ".txt" not in str(source)


def test_contacts_are_the_stable_vocabulary():
    assert set(CONTACTS) == {"csp-partner", "indirect-provider", "microsoft-via-partner-center",
                             "customer-admin", "subscription-owner", "own-security-admin",
                             "partner-center-support", "fraud-response", "isv-publisher",
                             "dynamics-support", "own-support-plan", "own-admin-center",
                             "own-power-platform"}


@pytest.mark.parametrize("locale", ["en", "pt-BR", "ru", "zh"])
def test_the_wizards_links_name_each_guidance_page_by_its_own_title(locale):
    """One place for each page's title: the page's front matter; the wizard's catalog entry must
    read the same in every language (37 pt-BR outcomes once named a page by its old title)."""
    t = Translator(locale)
    for page, title in GUIDE_PAGES.items():
        front = (ROOT / "docs" / locale / page).read_text(encoding="utf-8").split("---", 2)[1]
        own = next(line.split(":", 1)[1].strip().strip('"') for line in front.splitlines()
                   if line.startswith("title:"))
        assert t(title) == own, (locale, page)
    assert "GDAP" in t(GUIDE_PAGES["technical-support.md"]), "DAP is retired"


def test_a_reseller_is_not_told_how_filing_works_for_the_provider():
    out = route({"role": "indirect-reseller", **FOR_CUSTOMER, "product": "azure",
                 "topic": "break-fix", "impact": "critical"})
    assert out["outcome"] == "reseller-via-provider"
    assert not any("by phone" in c for c in out["caveats"])
    assert not any("service health" in c for c in out["caveats"])
    filer = route({"role": "indirect-provider", **FOR_CUSTOMER, "product": "azure", "admin_access": "yes",
                   "azure_role": "yes", "topic": "break-fix", "impact": "critical"})
    assert any("by phone" in c for c in filer["caveats"])


def test_the_azure_form_steps_come_before_its_create_button():
    """What to choose in the form (plan, contact) is said before the step that submits it."""
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "azure", "admin_access": "yes",
                 "azure_role": "yes", "topic": "break-fix", "impact": "critical"})
    steps = out["steps"]
    submit = next(i for i, s in enumerate(steps) if "Review + create" in s)
    assert all(i < submit for i, s in enumerate(steps) if "support plan" in s or "contact information" in s)


@pytest.mark.parametrize("topic", ["billing", "fraud"])
@pytest.mark.parametrize("product", ["azure", "dynamics-365", "marketplace"])
def test_a_resellers_billing_or_fraud_goes_to_its_provider_not_to_a_service_request(product, topic):
    out = route({"role": "indirect-reseller", **FOR_CUSTOMER, "product": product, "topic": topic})
    assert out["outcome"] == "reseller-billing-via-provider"
    assert not any("files the service request" in s for s in out["steps"])
    assert any(s.startswith("The site's reading") and "bills you" in s for s in out["steps"])
    assert out["severity"] is None and out["first_response"] is None


@pytest.mark.parametrize(("answers", "pages"), [
    ({"admin_access": "no"}, ("gdap-request", "gdap-assign-roles")),
    ({"admin_access": "yes", "azure_role": "no"}, ("azure-role-assignments",)),
])
def test_an_access_result_links_microsofts_step_by_step_instructions_in_the_readers_language(answers, pages):
    from wizard.learn import learn_page
    from wizard.text import outcome_text

    full = {"role": "direct-partner", "scope": "customer-subscription", "product": "azure",
            "topic": "break-fix", **answers}
    for lang in ("en", "pt-BR", "ru", "zh"):
        out = route(full, lang)
        urls = [learn_page(p).url(lang) for p in pages]
        assert [h["url"] for h in out["howto"]] == urls, lang
        text = outcome_text(out, Translator(lang))
        assert all(u in text for u in urls), lang
        html = step_data(list(full.items()), lang)["html"]["main"]
        assert all(f'href="{u}"' in html for u in urls), lang
    filing = route({**full, "admin_access": "yes", "azure_role": "yes", "impact": "critical"})
    assert filing["howto"] == [], "filing needs none"
