"""Support facts as data: contacts, channels, severities, response targets, vehicles.

Every fact carries a :class:`~wizard.sources.SourceRef`. The site's tables, the decision
table, the CLI and the browser wizard all read these values; nothing restates them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_
from .sources import SourceRef

RP = "report-problems"
CS = "customer-support"
PTS = "provide-technical-support"


@dataclass(frozen=True)
class Fact:
    id: str
    text: str
    ref: SourceRef
    #: The address a ``%(url)s`` placeholder in the text stands for.
    url: str | None = None


@dataclass(frozen=True)
class Contact:
    id: str
    label: str
    ref: SourceRef


@dataclass(frozen=True)
class Channel:
    id: str
    label: str
    url: str | None
    ref: SourceRef


@dataclass(frozen=True)
class Severity:
    id: str
    impact: str
    label: str
    description: str
    first_response: str
    ref: SourceRef


@dataclass(frozen=True)
class Vehicle:
    id: str
    kind: str
    label: str
    basis: str
    ref: SourceRef


_FAQ_RESPONSE = SourceRef(RP, "how-quickly-will-i-get-an-initial-response", "severity.md#severity-levels")
_NOTES = SourceRef(RP, "how-quickly-will-i-get-an-initial-response", "severity.md#response-notes")
_VEHICLES = SourceRef(CS, "microsoft-partner-support-guidance", "severity.md#support-vehicles")

CONTACTS: dict[str, Contact] = {
    c.id: c
    for c in (
        Contact(
            "csp-partner",
            N_("Your CSP partner"),
            SourceRef(CS, "microsoft-partner-support-guidance",
                      "customer-support.md#customers-cannot-open-tickets"),
        ),
        Contact(
            "indirect-provider",
            N_("Your indirect provider"),
            SourceRef(CS, "microsoft-partner-support-guidance", "customer-support.md#partner-role"),
        ),
        Contact(
            "microsoft-via-partner-center",
            N_("Microsoft, through a service request you file for the customer"),
            SourceRef(RP, "submit-a-service-request-for-a-customer",
                      "report-a-problem.md#submit-a-service-request"),
        ),
        Contact(
            "isv-publisher",
            N_("The software vendor (ISV) that published the marketplace product"),
            SourceRef(RP, "support-for-commercial-marketplace-products", "report-a-problem.md#marketplace"),
        ),
        Contact(
            "dynamics-support",
            N_("Dynamics 365 support"),
            SourceRef(RP, "how-do-i-get-additional-dynamics-365-support", "faq.md#dynamics-support"),
        ),
        Contact(
            "own-support-plan",
            N_("Microsoft, under your own support plan (not the CSP benefit)"),
            SourceRef(RP, "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center",
                      "faq.md#own-tenant"),
        ),
    )
}

PARTNER_CENTER_URL = "https://partner.microsoft.com/"
AZURE_PORTAL_URL = "https://portal.azure.com/"
#: The customer's own Azure portal address; ``<customer domain>`` is filled in by the reader.
AZURE_PORTAL_CUSTOMER_URL = "https://portal.azure.com/<customer domain>"
DYNAMICS_SUPPORT_URL = (
    "https://docs.microsoft.com/dynamics365/customer-engagement/admin/contact-technical-support"
)
PARTNER_SUPPORT_PLANS_URL = "https://partner.microsoft.com/support/partnersupport"

CHANNELS: dict[str, Channel] = {
    c.id: c
    for c in (
        Channel(
            "partner-support-desk",
            N_("The support contact your partner gave you (their service hours and contact method)"),
            None,
            SourceRef(CS, "microsoft-partner-support-guidance",
                      "customer-support.md#what-to-tell-customers"),
        ),
        Channel(
            "indirect-provider",
            N_("Your indirect provider's partner support"),
            None,
            SourceRef(CS, "microsoft-partner-support-guidance", "customer-support.md#partner-role"),
        ),
        Channel(
            "partner-center-azure-portal",
            N_("Partner Center service request, continued in the Azure portal"),
            PARTNER_CENTER_URL,
            SourceRef(RP, "microsoft-azure", "report-a-problem.md#azure"),
        ),
        Channel(
            "azure-portal-customer-domain",
            N_("The Azure portal address with the customer's domain name"),
            AZURE_PORTAL_CUSTOMER_URL,
            SourceRef(RP, "microsoft-azure", "report-a-problem.md#without-admin-rights"),
        ),
        Channel(
            "azure-support-group",
            N_("A support group in the customer's Azure portal with permission to file requests"),
            AZURE_PORTAL_URL,
            SourceRef(RP, "microsoft-azure", "report-a-problem.md#helpdesk-agents"),
        ),
        Channel(
            "azure-portal-granted-access",
            N_("The Azure portal, with the access your indirect provider granted you"),
            AZURE_PORTAL_URL,
            SourceRef(RP, "microsoft-azure", "report-a-problem.md#indirect-resellers"),
        ),
        Channel(
            "partner-center-admin-center",
            N_("Partner Center service request, continued in the Microsoft 365 admin center"),
            PARTNER_CENTER_URL,
            SourceRef(RP, "office-365-microsoft-dynamics-crm-online-enterprise-mobility-suite",
                      "report-a-problem.md#microsoft-365"),
        ),
        Channel(
            "azure-portal-direct",
            N_("The Azure portal, signed in directly with your own partner account"),
            AZURE_PORTAL_URL,
            SourceRef(RP, "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center",
                      "faq.md#azure-portal-directly"),
        ),
        Channel(
            "admin-center-direct",
            N_("The Microsoft 365 admin center, signed in directly with your own partner account"),
            None,
            SourceRef(RP,
                      "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center",
                      "faq.md#admin-center-directly"),
        ),
        Channel(
            "marketplace-product-page",
            N_("The support contact on the product's Marketplace page"),
            None,
            SourceRef(RP, "support-for-commercial-marketplace-products", "report-a-problem.md#marketplace"),
        ),
        Channel(
            "dynamics-support",
            N_("Dynamics 365 technical support"),
            DYNAMICS_SUPPORT_URL,
            SourceRef(RP, "how-do-i-get-additional-dynamics-365-support", "report-a-problem.md#dynamics-365"),
        ),
    )
}

SEVERITIES: dict[str, Severity] = {
    s.id: s
    for s in (
        Severity(
            "A", "critical", N_("Critical impact"),
            N_("Significant loss or degradation of services; production is down."),
            "PT2H", _FAQ_RESPONSE,
        ),
        Severity(
            "B", "moderate", N_("Moderate impact"),
            N_("Moderate loss or degradation of services; production is partly affected."),
            "PT4H", _FAQ_RESPONSE,
        ),
        Severity(
            "C", "minimal", N_("Minimal impact"),
            N_("Minimal loss or degradation; services are still available, "
               "or only non-production services are affected."),
            "PT8H", _FAQ_RESPONSE,
        ),
    )
}
SEVERITY_BY_IMPACT: dict[str, Severity] = {s.impact: s for s in SEVERITIES.values()}

#: Requests inside the entitlement that are not break-fix incidents: up to one business day.
NON_BREAK_FIX_RESPONSE = "P1D"
NON_BREAK_FIX_REF = _NOTES

VEHICLES: tuple[Vehicle, ...] = (
    Vehicle("commercial", "commercial", N_("Commercial issue support"),
            N_("Available to every partner in the CSP programme"), _VEHICLES),
    Vehicle("premier", "technical", N_("Premier Support for Partners"), N_("Paid"), _VEHICLES),
    Vehicle("advanced", "technical", N_("Advanced Support for Partners"), N_("Paid"), _VEHICLES),
    Vehicle("signature", "technical", N_("Signature Cloud Support"),
            N_("Included with a Gold or Silver competency"), _VEHICLES),
)

VEHICLE_KINDS: dict[str, str] = {
    "commercial": N_("Commercial issues"),
    "technical": N_("Technical issues"),
}

#: General notes on the response targets, shown with every result that has one.
ENGLISH_TARGETS = Fact("english-targets", N_("The first-response targets apply to support in English."), _NOTES)
LOCAL_LANGUAGE_HOURS = Fact("local-language-hours",
                            N_("Support in your local language is available during business hours."), _NOTES)
NO_PHONE = Fact("no-phone", N_("Service requests cannot be filed by phone in this programme."),
                SourceRef(RP, "can-i-submit-a-service-request-by-phone", "faq.md#phone"))
RESPONSE_NOTES: tuple[Fact, ...] = (ENGLISH_TARGETS, LOCAL_LANGUAGE_HOURS, NO_PHONE)
