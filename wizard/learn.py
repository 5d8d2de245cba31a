"""Microsoft Learn pages the guidance was checked against, with their address in each language.

A reader opens the page in their own language: :meth:`LearnPage.url` builds the address for
the site's locale where Microsoft publishes the page in it (``locales``; Learn publishes its
Partner Center, Azure and Microsoft 365 pages in Portuguese (Brazil), Russian and Chinese
(Simplified) too, often machine-translated), and the English one otherwise. When each page was
last read for a fact is recorded with the fact (:mod:`wizard.currency`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_

#: Site locale -> Microsoft Learn's locale segment.
LEARN_LOCALES: dict[str, str] = {"en": "en-us", "pt-BR": "pt-br", "ru": "ru-ru", "zh": "zh-cn"}
LEARN_HOST = "https://learn.microsoft.com"


@dataclass(frozen=True)
class LearnPage:
    id: str
    title: str
    #: The path after the locale segment, e.g. ``partner-center/gdap-introduction``.
    path: str
    #: Site locales in which Microsoft publishes this page (English is always there).
    locales: frozenset[str] = frozenset(LEARN_LOCALES)

    def url(self, locale: str = "en") -> str:
        segment = LEARN_LOCALES[locale if locale in self.locales else "en"]
        return f"{LEARN_HOST}/{segment}/{self.path}"


LEARN_PAGES: dict[str, LearnPage] = {
    p.id: p
    for p in (
        LearnPage("report-problems", N_("Report a problem on behalf of a customer"),
                  "partner-center/customers/report-problems-on-behalf-of-a-customer"),
        LearnPage("customer-support", N_("Provide different types of support to your customers"),
                  "partner-center/customers/customer-support"),
        LearnPage("escalating-to-microsoft",
                  N_("Escalate customer service problems to Microsoft or report vulnerabilities"),
                  "partner-center/customers/escalating-to-microsoft"),
        LearnPage("check-service-health", N_("Check the service health of your customers"),
                  "partner-center/check-service-health"),
        LearnPage("gdap-introduction", N_("Introduction to granular delegated admin privileges (GDAP)"),
                  "partner-center/gdap-introduction"),
        LearnPage("gdap-roles-by-task", N_("GDAP role guidance"),
                  "partner-center/gdap-least-privileged-roles-by-task"),
        LearnPage("gdap-request", N_("Obtain granular admin permissions to manage a customer's service"),
                  "partner-center/gdap-obtain-admin-permissions-to-manage-customer"),
        LearnPage("gdap-assign-roles", N_("Assign Microsoft Entra roles to security groups (GDAP)"),
                  "partner-center/gdap-assign-azure-ad-roles"),
        LearnPage("gdap-faq", N_("GDAP frequently asked questions"),
                  "partner-center/customers/gdap-faq"),
        LearnPage("gdap-partner-terminate", N_("Partner-led termination of a GDAP relationship"),
                  "partner-center/gdap-partner-terminate"),
        LearnPage("revoke-admin-privileges", N_("Obtain permissions to manage a customer's service or subscription"),
                  "partner-center/customers-revoke-admin-privileges"),
        LearnPage("technical-support-benefits",
                  N_("Partner technical support for cloud or on-premises products"),
                  "partner-center/benefits/mpn-benefits-technical-support"),
        LearnPage("partner-program", N_("Roles, permissions, and workspace access for users"),
                  "partner-center/permissions-overview"),
        LearnPage("national-clouds",
                  N_("Different Partner Center REST URL end points for use in certain countries or "
                     "regions"),
                  "partner-center/developer/partner-center-rest-urls"),
        LearnPage("direct-bill-requirements", N_("Requirements for direct-bill partners"),
                  "partner-center/enroll/direct-partner-new-requirements"),
        LearnPage("marketplace-support", N_("Support for commercial marketplace products in CSP"),
                  "partner-center/customers/csp-commercial-marketplace-support"),
        LearnPage("partner-center-help", N_("Get support in Partner Center"),
                  "partner-center/report-problems-with-partner-center"),
        LearnPage("support-portals", N_("Which support portal should I use?"),
                  "partner-center/support-resource-options"),
        LearnPage("security-alerts", N_("Respond to security events with the Security Alerts dashboard"),
                  "partner-center/security-alerts-dashboard"),
        LearnPage("fraud-alerts", N_("Detect and respond to security alerts"),
                  "partner-center/azure-fraud-notification"),
        LearnPage("azure-create-request", N_("Create an Azure support request"),
                  "azure/azure-portal/supportability/how-to-create-azure-support-request"),
        LearnPage("azure-manage-requests", N_("Manage an Azure support request"),
                  "azure/azure-portal/supportability/how-to-manage-azure-support-request"),
        LearnPage("azure-role-assignments", N_("Assign Azure roles using the Azure portal"),
                  "azure/role-based-access-control/role-assignments-portal"),
        LearnPage("m365-contact-support", N_("Get support for Microsoft 365 for business"),
                  "microsoft-365/admin/contact-support-for-business-products"),
        LearnPage("m365-whats-new", N_("What's new in the Microsoft 365 admin center"),
                  "microsoft-365/admin/whats-new-in-preview"),
        LearnPage("m365-partners", N_("Manage Microsoft-certified solution provider partner relationships"),
                  "microsoft-365/commerce/manage-partners"),
        LearnPage("dynamics-support", N_("Get Help + support (Power Platform and Dynamics 365)"),
                  "power-platform/admin/get-help-support"),
    )
}


def learn_page(page_id: str) -> LearnPage:
    if page_id not in LEARN_PAGES:
        raise KeyError(f"unknown Learn page {page_id!r}; known: {', '.join(LEARN_PAGES)}")
    return LEARN_PAGES[page_id]
