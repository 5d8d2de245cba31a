"""One test per fact of the guidance, read the way the guidance reads, by today's rules.

Facts that changed since the sources have a test of the rule as Microsoft documents it now
(GDAP, roles, resellers and Azure, names); facts not re-confirmed keep the source's rule and
are checked to say so on the result.
"""

from __future__ import annotations

import pytest

from wizard import route
from wizard.browser import step_data
from wizard.facts import CONTACTS, SEVERITIES, VEHICLES
from wizard.sources import SOURCES

FOR_CUSTOMER = {"scope": "customer-subscription"}
GDAP = {"admin_access": "yes"}
AZURE_READY = {**FOR_CUSTOMER, "product": "azure", **GDAP, "azure_role": "yes"}
AZURE_BREAKFIX = {**AZURE_READY, "topic": "break-fix", "impact": "critical"}


def changed_facts(out: dict) -> set[str]:
    return {c["fact"] for c in out["currency"]["changed"]}


def test_csp_customers_cannot_open_tickets_and_contact_their_partner():
    out = route({"role": "customer", "product": "azure", "topic": "billing"})
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
    assert "reseller-no-azure" in changed_facts(out), "says what the 2021 source said instead"


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
    assert "Service requests" in steps and "New request" in steps
    assert "Cloud Solution Provider" in steps, "support plan field"
    assert "your own details, not the customer's" in steps


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
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": product, "admin_access": "no"})
    assert out["outcome"] == "restore-admin-access"
    assert out["channel"] == "partner-center-admin-relationships"
    assert any("cannot file a support request" in c for c in out["caveats"])
    assert out["first_response"] is None, "nothing is filed yet"
    replaced = {r["fact"] for r in out["currency"]["replaces"]}
    assert "azure-customer-domain-route" in replaced, "the retired portal.azure.com/<domain> route is named as gone"
    assert not any("portal.azure.com/" in s for s in out["steps"])


def test_changed_azure_needs_the_support_request_contributor_role():
    out = route({"role": "indirect-provider", **FOR_CUSTOMER, "product": "azure", **GDAP, "azure_role": "no"})
    assert out["outcome"] == "azure-needs-role"
    assert any("Support Request Contributor" in s for s in out["steps"])
    assert "azure-helpdesk-support-group" in {r["fact"] for r in out["currency"]["replaces"]}


@pytest.mark.parametrize("product", ["microsoft-365", "ems"])
def test_changed_admin_center_requests_need_a_gdap_support_role(product):
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": product, **GDAP, "support_role": "no"})
    assert out["outcome"] == "needs-support-role"
    assert any("Service Support Administrator" in s for s in out["steps"])


def test_dynamics_requests_need_asfp_or_higher_as_the_source_said():
    base = {"role": "direct-partner", **FOR_CUSTOMER, "product": "dynamics-365"}
    none = route({**base, "dynamics_plan": "none"})
    assert none["outcome"] == "dynamics-plan-required"
    assert none["contact"] != "dynamics-support", "the sources do not send incidents without ASfP there"
    assert any(c.startswith("The site's reading:") for c in none["caveats"])
    assert any("must hold Advanced Support for Partners or Premier Support" in c for c in none["caveats"])
    assert none["currency"]["not_reconfirmed_since"] == ["2021-03"]
    filed = route({**base, "dynamics_plan": "asfp-or-higher", **GDAP, "support_role": "yes",
                   "topic": "break-fix", "dynamics_area": "other", "impact": "minimal"})
    assert filed["outcome"] == "dynamics-service-request"
    assert filed["severity"] == "C"


@pytest.mark.parametrize("extra", [
    {"topic": "billing"},
    {"topic": "break-fix", "dynamics_area": "finance-operations"},
    {"topic": "non-break-fix", "dynamics_area": "finance-operations"},
])
def test_dynamics_billing_and_finance_operations_go_to_dynamics_support(extra):
    out = route({"role": "indirect-provider", **FOR_CUSTOMER, "product": "dynamics-365",
                 "dynamics_plan": "asfp-or-higher", **GDAP, "support_role": "yes", **extra})
    assert out["contact"] == "dynamics-support"
    assert any("https://learn.microsoft.com/en-us/power-platform/admin/get-help-support" in s
               for s in out["steps"])
    localized = route({"role": "indirect-provider", **FOR_CUSTOMER, "product": "dynamics-365",
                       "dynamics_plan": "asfp-or-higher", **GDAP, "support_role": "yes", **extra}, "ru")
    assert any("learn.microsoft.com/ru-ru/" in s for s in localized["steps"]), "links follow the language"


@pytest.mark.parametrize("role", ["direct-partner", "indirect-reseller", "indirect-provider"])
@pytest.mark.parametrize("scope", ["customer-subscription", "own-subscription"])
def test_marketplace_products_are_supported_by_the_publishing_isv(role, scope):
    out = route({"role": role, "scope": scope, "product": "marketplace"})
    assert out["contact"] == "isv-publisher"
    assert "email" in " ".join(out["steps"]) and "phone" in " ".join(out["steps"])
    assert out["severity"] is None
    assert any("billing and subscription questions" in c for c in out["caveats"])


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


def test_billing_support_is_free_and_disputes_and_fraud_use_a_service_request():
    base = {"role": "direct-partner", **FOR_CUSTOMER, "product": "microsoft-365", **GDAP, "support_role": "yes"}
    billing = route({**base, "topic": "billing"})
    assert any("no charge" in c for c in billing["caveats"])
    fraud = route({**base, "topic": "fraud"})
    assert fraud["outcome"] == "admin-center-service-request"
    assert any("fraud" in c for c in fraud["caveats"])


EMS_READY = {"role": "direct-partner", **FOR_CUSTOMER, "product": "ems", **GDAP, "support_role": "yes"}


@pytest.mark.parametrize(("impact", "severity", "target"), [
    ("critical", "A", "PT2H"), ("moderate", "B", "PT4H"), ("minimal", "C", "PT8H"),
])
def test_severity_follows_business_impact(impact, severity, target):
    out = route({**EMS_READY, "topic": "break-fix", "impact": impact})
    assert (out["severity"], out["first_response"]) == (severity, target)
    assert SEVERITIES[severity].first_response == target
    assert SEVERITIES[severity].currency.status == "not-reconfirmed"
    assert out["currency"]["not_reconfirmed_since"] == ["2021-03"], "the result says so"


def test_response_targets_are_for_english_only_with_local_language_in_business_hours_and_no_phone():
    out = route({**EMS_READY, "topic": "break-fix", "impact": "critical"})
    caveats = " ".join(out["caveats"])
    assert "apply only to support in English" in caveats
    assert "business hours" in caveats
    assert "by phone" in caveats


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
                     "signature": "technical"}
    signature = next(v for v in VEHICLES if v.id == "signature")
    assert signature.label.startswith("Partner Cloud Support")
    assert signature.currency.status == "changed"
    assert "Gold or Silver" in (signature.currency.was or "")


def test_every_outcome_names_its_sources_with_dates_and_learn_addresses():
    out = route({"role": "customer", "product": "azure", "topic": "billing"}, "pt-BR")
    assert out["sources"]
    for source in out["sources"]:
        assert source["date"] == SOURCES[source["source"]].date
        assert len(source["date"]) == 7
        assert source["url"].startswith("https://learn.microsoft.com/pt-br/")
        assert ".txt" not in str(source)


def test_contacts_are_the_stable_vocabulary():
    assert set(CONTACTS) == {"csp-partner", "indirect-provider", "microsoft-via-partner-center",
                             "customer-admin", "isv-publisher", "dynamics-support", "own-support-plan",
                             "own-admin-center"}
