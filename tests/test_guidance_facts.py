"""One test per fact of the guidance, read the way the guidance reads."""

from __future__ import annotations

import pytest

from wizard import route
from wizard.facts import CONTACTS, SEVERITIES, VEHICLES
from wizard.sources import SOURCES

FOR_CUSTOMER = {"scope": "customer-subscription"}
AZURE_BREAKFIX = {**FOR_CUSTOMER, "product": "azure", "topic": "break-fix", "impact": "critical"}


def test_csp_customers_cannot_open_tickets_and_contact_their_partner():
    out = route({"role": "customer"})
    assert out["contact"] == "csp-partner"
    assert out["severity"] is None
    assert any("cannot open support tickets" in c for c in out["caveats"])


@pytest.mark.parametrize("role", ["direct-partner", "indirect-provider"])
def test_direct_bill_partners_and_indirect_providers_file_for_the_customer(role):
    out = route({"role": role, **AZURE_BREAKFIX, "admin_access": "yes", "pc_role": "admin-agent"})
    assert out["contact"] == "microsoft-via-partner-center"
    assert out["outcome"] == "azure-service-request"


@pytest.mark.parametrize("product", ["microsoft-365", "dynamics-365", "ems"])
def test_indirect_resellers_work_with_their_indirect_provider(product):
    answers = {"role": "indirect-reseller", **FOR_CUSTOMER, "product": product,
               "topic": "break-fix", "impact": "moderate"}
    out = route(answers)
    assert out["contact"] == "indirect-provider"
    assert out["severity"] == "B", "the provider files it with the severity the impact gives"


def test_service_requests_start_in_partner_center_and_continue_in_the_azure_portal():
    out = route({"role": "direct-partner", **AZURE_BREAKFIX, "admin_access": "yes",
                 "pc_role": "admin-agent"})
    assert out["channel"] == "partner-center-azure-portal"
    steps = " ".join(out["steps"])
    assert "Service requests" in steps and "New request" in steps
    assert "Cloud Solution Provider" in steps, "support plan field"
    assert "your own details, not the customer's" in steps


@pytest.mark.parametrize("product", ["microsoft-365", "ems"])
def test_microsoft_365_and_ems_continue_in_the_admin_center(product):
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": product, "topic": "non-break-fix"})
    assert out["outcome"] == "admin-center-service-request"
    assert out["channel"] == "partner-center-admin-center"
    assert any("own contact details" in s for s in out["steps"])


def test_without_admin_rights_azure_goes_through_the_customer_domain_address():
    out = route({"role": "direct-partner", **AZURE_BREAKFIX, "admin_access": "no"})
    assert out["channel"] == "azure-portal-customer-domain"
    assert out["channel_url"] == "https://portal.azure.com/<customer domain>"
    assert any("https://portal.azure.com/<customer domain>" in s for s in out["steps"])
    assert any("Account page" in s for s in out["steps"])


def test_indirect_reseller_needs_provider_access_for_azure():
    granted = route({"role": "indirect-reseller", **AZURE_BREAKFIX, "provider_access": "granted"})
    assert granted["outcome"] == "reseller-azure-portal"
    not_granted = route({"role": "indirect-reseller", **AZURE_BREAKFIX, "provider_access": "not-granted"})
    assert not_granted["contact"] == "indirect-provider"
    assert any("grants access to the customer's Azure account" in c for c in not_granted["caveats"])


def test_helpdesk_agent_cannot_file_azure_requests_but_a_support_group_can():
    out = route({"role": "direct-partner", **AZURE_BREAKFIX, "admin_access": "yes",
                 "pc_role": "helpdesk-agent"})
    assert out["outcome"] == "azure-helpdesk-support-group"
    assert out["channel"] == "azure-support-group"
    assert any("cannot create service requests" in c for c in out["caveats"])


def test_dynamics_requests_need_asfp_or_higher_otherwise_dynamics_support():
    base = {"role": "direct-partner", **FOR_CUSTOMER, "product": "dynamics-365"}
    assert route({**base, "dynamics_plan": "none"})["contact"] == "dynamics-support"
    filed = route({**base, "dynamics_plan": "asfp-or-higher", "topic": "break-fix",
                   "dynamics_area": "other", "impact": "minimal"})
    assert filed["outcome"] == "dynamics-service-request"
    assert filed["severity"] == "C"


@pytest.mark.parametrize("extra", [
    {"topic": "billing"},
    {"topic": "break-fix", "dynamics_area": "finance-operations"},
    {"topic": "non-break-fix", "dynamics_area": "finance-operations"},
])
def test_dynamics_billing_and_finance_operations_go_to_dynamics_support(extra):
    out = route({"role": "indirect-provider", **FOR_CUSTOMER, "product": "dynamics-365",
                 "dynamics_plan": "asfp-or-higher", **extra})
    assert out["contact"] == "dynamics-support"
    assert out["channel_url"].endswith("contact-technical-support")


@pytest.mark.parametrize("role", ["direct-partner", "indirect-reseller", "indirect-provider"])
@pytest.mark.parametrize("scope", ["customer-subscription", "own-subscription"])
def test_marketplace_products_are_supported_by_the_publishing_isv(role, scope):
    out = route({"role": role, "scope": scope, "product": "marketplace"})
    assert out["contact"] == "isv-publisher"
    assert "e-mail" in " ".join(out["steps"]) and "phone" in " ".join(out["steps"])
    assert out["severity"] is None


def test_own_tenant_needs_the_partners_own_entitlement_filed_directly():
    azure = route({"role": "direct-partner", "scope": "own-subscription", "product": "azure"})
    assert azure["contact"] == "own-support-plan"
    assert azure["channel"] == "azure-portal-direct"
    assert any("MPN" in s and "Premier" in s and "Azure support plan" in s for s in azure["steps"])
    assert azure["first_response"] is None, "the CSP targets do not cover the partner's own tenant"
    m365 = route({"role": "indirect-reseller", "scope": "own-subscription", "product": "microsoft-365"})
    assert m365["channel"] == "admin-center-direct"


def test_billing_support_is_free_and_disputes_and_fraud_use_a_service_request():
    billing = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "microsoft-365", "topic": "billing"})
    assert any("no charge" in c for c in billing["caveats"])
    fraud = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "microsoft-365", "topic": "fraud"})
    assert fraud["outcome"] == "admin-center-service-request"
    assert any("fraud" in c for c in fraud["caveats"])


@pytest.mark.parametrize(("impact", "severity", "target"), [
    ("critical", "A", "PT2H"), ("moderate", "B", "PT4H"), ("minimal", "C", "PT8H"),
])
def test_severity_follows_business_impact(impact, severity, target):
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "ems", "topic": "break-fix",
                 "impact": impact})
    assert (out["severity"], out["first_response"]) == (severity, target)
    assert SEVERITIES[severity].first_response == target


def test_response_targets_are_for_english_with_local_language_in_business_hours_and_no_phone():
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "ems", "topic": "break-fix",
                 "impact": "critical"})
    caveats = " ".join(out["caveats"])
    assert "apply to support in English" in caveats
    assert "business hours" in caveats
    assert "by phone" in caveats


def test_non_break_fix_requests_may_take_one_business_day():
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "ems", "topic": "non-break-fix"})
    assert out["severity"] is None
    assert out["first_response"] == "P1D"
    assert out["first_response_text"] == "1 business day"


def test_check_service_health_first_when_a_service_is_down_or_degraded():
    out = route({"role": "direct-partner", **FOR_CUSTOMER, "product": "ems", "topic": "break-fix",
                 "impact": "critical"})
    assert any("service health" in c for c in out["caveats"])
    assert any(s["guide"] == "technical-support.md#service-health" for s in out["sources"])


def test_escalation_vehicles_commercial_for_all_and_three_technical_plans():
    kinds = {v.id: v.kind for v in VEHICLES}
    assert kinds == {"commercial": "commercial", "premier": "technical", "advanced": "technical",
                     "signature": "technical"}


def test_every_outcome_names_its_sources_with_dates():
    out = route({"role": "customer"})
    assert out["sources"]
    for source in out["sources"]:
        assert source["date"] == SOURCES[source["source"]].date
        assert len(source["date"]) == 7


def test_contacts_are_the_stable_vocabulary():
    assert set(CONTACTS) == {"csp-partner", "indirect-provider", "microsoft-via-partner-center",
                             "isv-publisher", "dynamics-support", "own-support-plan"}
