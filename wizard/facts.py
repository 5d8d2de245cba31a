"""Support facts as data: contacts, channels, severities, response targets, vehicles.

Every fact carries a :class:`~wizard.sources.SourceRef`. The site's tables, the decision
table, the CLI and the browser wizard all read these values; nothing restates them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .currency import Check, check
from .i18n import N_
from .learn import learn_page
from .sources import SourceRef

RP = "report-problems"
CS = "customer-support"
PTS = "provide-technical-support"


class _Checked:
    """Mixin: a fact's freshness (:mod:`wizard.currency`), looked up by its fact id."""

    #: Prefix of the fact id for this kind of fact ("" for steps, caveats and notes).
    KIND = ""

    @property
    def fact_id(self) -> str:
        return f"{self.KIND}:{self.id}" if self.KIND else self.id  # type: ignore[attr-defined]

    @property
    def currency(self) -> Check:
        return check(self.fact_id)


@dataclass(frozen=True)
class Fact(_Checked):
    id: str
    text: str
    ref: SourceRef
    #: The Microsoft Learn page (:mod:`wizard.learn` id) a ``%(url)s`` placeholder in the text
    #: stands for; its address follows the reader's language.
    learn: str | None = None
    #: True for the site's own reading of the sources (shown labeled as such), not a
    #: statement any source makes.
    reading: bool = False

    def address(self, locale: str = "en") -> str | None:
        return learn_page(self.learn).url(locale) if self.learn else None


@dataclass(frozen=True)
class Contact(_Checked):
    KIND = "contact"
    id: str
    label: str
    ref: SourceRef
    #: The claim the source makes about this contact, as a sentence, for the tables of facts
    #: (a message for translation); only where the label alone states nothing.
    claim: str | None = None


@dataclass(frozen=True)
class Channel(_Checked):
    KIND = "channel"
    id: str
    label: str
    url: str | None
    ref: SourceRef
    #: A Microsoft Learn page (:mod:`wizard.learn`) that is the channel; its address follows
    #: the reader's language, so ``url`` is ``None`` then.
    learn: str | None = None
    #: The claim the source makes about this channel, as a sentence (see :attr:`Contact.claim`).
    claim: str | None = None

    def address(self, locale: str = "en") -> str | None:
        return learn_page(self.learn).url(locale) if self.learn else self.url


@dataclass(frozen=True)
class Severity(_Checked):
    KIND = "severity"
    id: str
    impact: str
    label: str
    description: str
    first_response: str
    ref: SourceRef


@dataclass(frozen=True)
class Vehicle(_Checked):
    KIND = "vehicle"
    id: str
    kind: str
    label: str
    basis: str
    ref: SourceRef


_FAQ_RESPONSE = SourceRef(RP, "how-quickly-will-i-get-an-initial-response", "severity.md#severity-levels")
_NOTES = SourceRef(RP, "how-quickly-will-i-get-an-initial-response", "severity.md#response-notes")
_VEHICLES = SourceRef(CS, "microsoft-partner-support-guidance", "severity.md#support-vehicles")
_SUBMIT = SourceRef(RP, "submit-a-service-request-for-a-customer", "report-a-problem.md#submit-a-service-request")
_ACCESS = SourceRef(RP, "microsoft-azure", "report-a-problem.md#admin-access")
_WHEN = SourceRef(RP, "report-a-service-problem-on-behalf-of-a-customer---including-when-and-how-to-do-so",
                  "report-a-problem.md#when-to-file")

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
            _SUBMIT,
        ),
        Contact(
            "customer-admin",
            N_("The customer's administrator, to approve the access you need"),
            _ACCESS,
        ),
        Contact(
            "subscription-owner",
            N_("An owner of the customer's Azure subscription: your Admin agents when you created it "
               "through CSP, otherwise the customer's administrator"),
            _ACCESS,
        ),
        Contact(
            "own-security-admin",
            N_("An administrator in your own organization who manages your GDAP security groups"),
            _ACCESS,
        ),
        Contact(
            "partner-center-support",
            N_("Microsoft, through a support request of your own in Partner Center"),
            _WHEN,
        ),
        Contact(
            "fraud-response",
            N_("You at once, then Azure support: act on the alert and report the incident immediately"),
            _WHEN,
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
            claim=N_("For further Dynamics 365 questions, partners contact Dynamics 365 support."),
        ),
        Contact(
            "own-support-plan",
            N_("Microsoft, under your own support plan (not the CSP benefit)"),
            SourceRef(RP, "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center",
                      "faq.md#own-tenant"),
        ),
        Contact(
            "own-admin-center",
            N_("Microsoft, from your own Microsoft 365 admin center (not the CSP benefit)"),
            SourceRef(RP,
                      "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center",
                      "faq.md#admin-center-directly"),
        ),
        Contact(
            "own-power-platform",
            N_("Microsoft, from your own Power Platform admin center (not the CSP benefit)"),
            SourceRef(RP,
                      "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center",
                      "faq.md#admin-center-directly"),
        ),
    )
}

PARTNER_CENTER_URL = "https://partner.microsoft.com/dashboard"
AZURE_PORTAL_URL = "https://portal.azure.com/"
M365_ADMIN_CENTER_URL = "https://admin.cloud.microsoft/"
POWER_PLATFORM_ADMIN_URL = "https://admin.powerplatform.microsoft.com/"
#: The Partner Center support workspace, as Microsoft's "Which support portal should I use?" links it.
PARTNER_CENTER_SUPPORT_URL = "https://partner.microsoft.com/dashboard/v2/support/"

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
            "partner-center-admin-relationships",
            N_("Partner Center: the customer's admin relationships (GDAP)"),
            PARTNER_CENTER_URL,
            _ACCESS,
        ),
        Channel(
            "partner-center-security-groups",
            N_("Partner Center: the admin relationship's security groups and roles (GDAP)"),
            PARTNER_CENTER_URL,
            _ACCESS,
        ),
        Channel(
            "azure-access-control",
            N_("The Azure portal: access control (IAM) of the customer's subscription"),
            AZURE_PORTAL_URL,
            _ACCESS,
        ),
        Channel(
            "partner-center-admin-center",
            N_("Partner Center service request, continued in the Microsoft 365 admin center"),
            PARTNER_CENTER_URL,
            SourceRef(RP, "office-365-microsoft-dynamics-crm-online-enterprise-mobility-suite",
                      "report-a-problem.md#microsoft-365"),
        ),
        Channel(
            "partner-center-power-platform",
            N_("Partner Center service request, continued in the Power Platform admin center"),
            PARTNER_CENTER_URL,
            SourceRef(RP, "office-365-microsoft-dynamics-crm-online-enterprise-mobility-suite",
                      "report-a-problem.md#dynamics-365"),
        ),
        Channel(
            "partner-center-help",
            N_("Partner Center Help + support, with your own partner account"),
            PARTNER_CENTER_SUPPORT_URL,
            _WHEN,
        ),
        Channel(
            "security-alerts",
            N_("Partner Center Security Alerts, then an Azure support request"),
            PARTNER_CENTER_URL,
            _WHEN,
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
            M365_ADMIN_CENTER_URL,
            SourceRef(RP,
                      "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center",
                      "faq.md#admin-center-directly"),
        ),
        Channel(
            "power-platform-direct",
            N_("The Power Platform admin center, signed in directly with your own account"),
            POWER_PLATFORM_ADMIN_URL,
            SourceRef(RP,
                      "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center",
                      "faq.md#admin-center-directly"),
        ),
        Channel(
            "partner-center-offer-details",
            N_("The publisher's contacts on the offer's Offer details page in Partner Center"),
            PARTNER_CENTER_URL,
            SourceRef(RP, "support-for-commercial-marketplace-products", "report-a-problem.md#marketplace"),
        ),
        Channel(
            "dynamics-support",
            N_("Dynamics 365 technical support"),
            None,
            SourceRef(RP, "how-do-i-get-additional-dynamics-365-support", "report-a-problem.md#dynamics-365"),
            learn="dynamics-support",
            claim=N_("Dynamics 365 support is contacted through Microsoft's Dynamics 365 technical "
                     "support page."),
        ),
        Channel(
            "partner-support-plans",
            N_("Microsoft's partner support plans (Advanced Support for Partners, Premier Support for "
               "Partners)"),
            None,
            SourceRef(RP, "submit-a-service-request-for-a-customer", "report-a-problem.md#dynamics-365"),
            learn="technical-support-benefits",
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
            N_("Available to every partner in the CSP program"), _VEHICLES),
    Vehicle("premier", "technical", N_("Premier Support for Partners"), N_("Paid"), _VEHICLES),
    Vehicle("advanced", "technical", N_("Advanced Support for Partners"), N_("Paid"), _VEHICLES),
    Vehicle("signature", "technical", N_("Partner Cloud Support (formerly Signature Cloud Support)"),
            N_("A benefit of the Microsoft AI Cloud Partner Program"), _VEHICLES),
    Vehicle("on-premises", "technical",
            N_("Partner On-premises Support (formerly Microsoft product support)"),
            N_("A benefit of the Microsoft AI Cloud Partner Program, for on-premises products"),
            _VEHICLES),
)

VEHICLE_KINDS: dict[str, str] = {
    "commercial": N_("Commercial issues"),
    "technical": N_("Technical issues"),
}

#: General notes on the response targets, shown with every result that has one.
ENGLISH_TARGETS = Fact("english-targets",
                       N_("These first-response targets apply only to support in English."), _NOTES)
LOCAL_LANGUAGE_HOURS = Fact("local-language-hours",
                            N_("Support in your local language is available during business hours."), _NOTES)
NO_PHONE = Fact("no-phone", N_("Service requests cannot be filed by phone in this program."),
                SourceRef(RP, "can-i-submit-a-service-request-by-phone", "faq.md#phone"))
RESPONSE_NOTES: tuple[Fact, ...] = (ENGLISH_TARGETS, LOCAL_LANGUAGE_HOURS, NO_PHONE)

#: Direct-bill partners need a paid partner support plan (a requirement the sources predate).
DIRECT_BILL_PLAN = Fact(
    "direct-bill-plan",
    N_("Direct-bill partners must hold Advanced Support for Partners or Premier Support for Partners."),
    SourceRef(PTS, "microsoft-partner-support-guidance", "technical-support.md#support-plans"))
