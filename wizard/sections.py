"""Titles of the source pages' sections that facts cite, as readers see them.

The data (:mod:`wizard.sources`) names a section by its anchor on the original page
(``how-quickly-will-i-get-an-initial-response``); the CLI, the browser wizard and the site show
its heading instead, translated. Every section a source lists needs a title here
(``tests/test_cli.py`` checks that).
"""

from __future__ import annotations

from .i18n import N_, Translator

SECTION_TITLES: dict[str, str] = {
    "provide-technical-support": N_("Provide technical support"),
    "microsoft-partner-support-guidance": N_("Microsoft partner support guidance"),
    "providing-billing-subscription-management-and-technical-support":
        N_("Providing billing, subscription management and technical support"),
    "report-a-service-problem-on-behalf-of-a-customer---including-when-and-how-to-do-so":
        N_("Report a service problem on behalf of a customer: when and how"),
    "submit-a-service-request-for-a-customer": N_("Submit a service request for a customer"),
    "microsoft-azure": N_("Microsoft Azure"),
    "office-365-microsoft-dynamics-crm-online-enterprise-mobility-suite":
        # glossary-ok: microsoft-365-admin-center The heading of the 2021 source page, quoted as it was.
        N_("Office 365, Microsoft Dynamics CRM Online, Enterprise Mobility Suite"),
    "support-for-commercial-marketplace-products": N_("Support for commercial marketplace products"),
    "what-is-included-as-part-of-the-support-entitlement":
        N_("What is included as part of the support entitlement?"),
    "how-quickly-will-i-get-an-initial-response": N_("How quickly will I get an initial response?"),
    "can-i-submit-a-service-request-by-phone": N_("Can I submit a service request by phone?"),
    "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center":
        N_("What happens if I sign in to the Azure portal and bypass Partner Center?"),
    "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center":
        # glossary-ok: microsoft-365-admin-center The heading of the 2021 source page, quoted as it was.
        N_("What happens if I sign in to the Office 365 admin center portal and bypass Partner Center?"),
    "how-do-i-get-additional-dynamics-365-support": N_("How do I get additional Dynamics 365 support?"),
}


def section_title(section: str, t: Translator) -> str:
    """The translated heading of a source section (its anchor id if it has no title yet)."""
    message = SECTION_TITLES.get(section)
    return t(message) if message else section
