"""Microsoft Learn pages the guidance was checked against, with their address in each language.

A reader opens the page in their own language: :meth:`LearnPage.url` builds the address for
the site's locale where Microsoft publishes the page in it (``locales``; Learn publishes its
Partner Center, Azure and Microsoft 365 pages in Portuguese (Brazil), Russian and Chinese
(Simplified) too, often machine-translated), and the English one otherwise. ``seen`` is the
page's own date as it showed when it was read (``None`` where the stored copy carried none).
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
    locales: frozenset[str]
    #: The page's own date when it was read (ISO), if the copy showed one.
    seen: str | None = None

    def url(self, locale: str = "en") -> str:
        segment = LEARN_LOCALES[locale if locale in self.locales else "en"]
        return f"{LEARN_HOST}/{segment}/{self.path}"

    def localized(self, locale: str) -> bool:
        """True when the address for ``locale`` is a page in that language."""
        return locale == "en" or locale in self.locales


ALL = frozenset(LEARN_LOCALES)


def _page(pid: str, title: str, path: str, locales: frozenset[str] = ALL, seen: str | None = None) -> LearnPage:
    return LearnPage(pid, title, path, locales, seen)


LEARN_PAGES: dict[str, LearnPage] = {
    p.id: p
    for p in (
        _page("report-problems", N_("Report a problem on behalf of a customer"),
              "partner-center/customers/report-problems-on-behalf-of-a-customer"),
        _page("customer-support", N_("Provide support to your customers"),
              "partner-center/customer-support"),
        _page("escalating-to-microsoft", N_("Escalate a problem to Microsoft"),
              "partner-center/customers/escalating-to-microsoft"),
        _page("gdap-introduction", N_("Introduction to granular delegated admin privileges (GDAP)"),
              "partner-center/gdap-introduction"),
        _page("gdap-roles-by-task", N_("Least-privileged roles by task (GDAP)"),
              "partner-center/gdap-least-privileged-roles-by-task"),
        _page("revoke-admin-privileges", N_("Obtain permissions to manage a customer's service or subscription"),
              "partner-center/customers-revoke-admin-privileges"),
        _page("technical-support-benefits", N_("Technical support benefits for partners"),
              "partner-center/benefits/mpn-benefits-technical-support"),
        _page("partner-program", N_("Partner Center roles and permissions"),
              "partner-center/permissions-overview"),
        _page("direct-bill-requirements", N_("Requirements for direct-bill partners"),
              "partner-center/enroll/direct-partner-new-requirements"),
        _page("marketplace-support", N_("Support for commercial marketplace products in CSP"),
              "partner-center/customers/csp-commercial-marketplace-support"),
        _page("azure-manage-requests", N_("Manage an Azure support request"),
              "azure/azure-portal/supportability/how-to-manage-azure-support-request"),
        _page("m365-contact-support", N_("Get support for Microsoft 365 for business"),
              "microsoft-365/admin/contact-support-for-business-products"),
        _page("dynamics-support", N_("Get Help + support (Power Platform and Dynamics 365)"),
              "power-platform/admin/get-help-support"),
    )
}


def learn_page(page_id: str) -> LearnPage:
    if page_id not in LEARN_PAGES:
        raise KeyError(f"unknown Learn page {page_id!r}; known: {', '.join(LEARN_PAGES)}")
    return LEARN_PAGES[page_id]
