"""Freshness as data: for every fact, when it was last read against Microsoft's current pages.

The sources (:mod:`wizard.sources`) are dated 2018 to 2021. Each fact the site or the wizard
states has a :class:`Check` here, keyed by its fact id (``contact:...``, ``channel:...``,
``severity:...``, ``vehicle:...``, or the id of a step, caveat or note):

- ``current``: a current Microsoft page (``pages``) still says it.
- ``changed``: Microsoft documents something else now; the fact's text states it as it is now,
  ``pages`` say where, and ``was`` what the source said.
- ``not-reconfirmed``: no current page was found that states it either way; it is given as
  the source stated it, with the source's date. ``note`` says what was looked at.
- ``withdrawn``: the source's fact is no longer documented; the wizard no longer gives it.

``checked`` is the day someone last read the current pages for the fact. ``make freshness``
prints the whole table; the tests require a check date for every fact and a current page for
every changed one. Nothing here depends on today's date.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_

STATUSES = ("current", "changed", "not-reconfirmed", "withdrawn")
#: The day the facts below were last read against Microsoft Learn.
REVIEW = "2026-12-01"


@dataclass(frozen=True)
class Check:
    status: str
    checked: str
    #: Microsoft Learn pages (:data:`wizard.learn.LEARN_PAGES` ids) that state the fact now, or,
    #: for a fact not re-confirmed, the pages where it was looked for.
    pages: tuple[str, ...] = ()
    #: What the source said, for a changed or withdrawn fact (a message for translation).
    was: str | None = None
    #: A short remark on the check (a message for translation).
    note: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; use one of {', '.join(STATUSES)}")


def _current(*pages: str, checked: str = REVIEW) -> Check:
    return Check("current", checked, pages)


def _changed(was: str, *pages: str, checked: str = REVIEW) -> Check:
    return Check("changed", checked, pages, was)


def _unconfirmed(note: str, *pages: str, checked: str = REVIEW) -> Check:
    return Check("not-reconfirmed", checked, pages, None, note)


def _withdrawn(was: str, *pages: str, checked: str = REVIEW) -> Check:
    return Check("withdrawn", checked, pages, was)


#: A remark shared by the facts still in the 2023 copy of the page but on no newer page.
IN_2023 = N_("Still in the September 2023 version of the page; no newer Microsoft page states it "
             "either way.")
#: A remark shared by the facts already missing from the 2023 copy.
GONE_2023 = N_("Already missing from the September 2023 version of the page; no current page "
               "states it either way.")
NOT_SEEN = N_("No current Microsoft page was found that states it either way.")

CHECKS: dict[str, Check] = {
    # Contacts.
    "contact:csp-partner": _current("customer-support"),
    "contact:indirect-provider": _current("customer-support"),
    "contact:microsoft-via-partner-center": _current("report-problems", "escalating-to-microsoft"),
    "contact:customer-admin": _current("gdap-introduction"),
    "contact:isv-publisher": _current("marketplace-support"),
    "contact:dynamics-support": _unconfirmed(GONE_2023, "report-problems"),
    "contact:own-support-plan": _current("report-problems"),
    "contact:own-admin-center": _current("report-problems"),
    # Channels.
    "channel:partner-support-desk": _current("customer-support"),
    "channel:indirect-provider": _current("customer-support"),
    "channel:partner-center-azure-portal": _current("report-problems"),
    "channel:partner-center-admin-relationships": _current("gdap-introduction"),
    "channel:azure-access-control": _current("gdap-roles-by-task"),
    "channel:partner-center-admin-center": _current("report-problems"),
    "channel:azure-portal-direct": _unconfirmed(IN_2023, "report-problems"),
    "channel:admin-center-direct": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("The source calls it the Office 365 admin center."), "m365-contact-support"),
    "channel:marketplace-product-page": _current("marketplace-support"),
    "channel:dynamics-support": _unconfirmed(GONE_2023, "report-problems"),
    "channel:partner-support-plans": _current("technical-support-benefits"),
    # Severities and response targets.
    "severity:A": _unconfirmed(IN_2023, "report-problems"),
    "severity:B": _unconfirmed(IN_2023, "report-problems"),
    "severity:C": _unconfirmed(IN_2023, "report-problems"),
    "english-targets": _unconfirmed(IN_2023, "report-problems"),
    "local-language-hours": _unconfirmed(IN_2023, "report-problems"),
    "no-phone": _unconfirmed(GONE_2023, "report-problems"),
    "non-break-fix-slower": _unconfirmed(IN_2023, "report-problems"),
    # Support vehicles.
    "vehicle:commercial": _current("customer-support"),
    "vehicle:premier": _current("technical-support-benefits", "escalating-to-microsoft"),
    "vehicle:advanced": _current("technical-support-benefits", "escalating-to-microsoft"),
    "vehicle:signature": _changed(
        N_("Signature Cloud Support, included with a Gold or Silver competency of the Microsoft "
           "Partner Network (MPN)."),
        "technical-support-benefits", "partner-program"),
    "direct-bill-plan": _changed(
        N_("The sources set no support plan requirement for direct-bill partners."),
        "direct-bill-requirements"),
    # Steps.
    "pc-open-customer": _changed(
        N_("In Partner Center, under CSP, select Customers and find the customer."), "report-problems"),
    "pc-service-requests": _current("report-problems"),
    "pc-new-azure": _current("report-problems"),
    "pc-new-m365": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("The product list names Office 365, Dynamics 365 and Enterprise Mobility Suite, and the "
           "Office 365 admin center opens."), "report-problems"),
    "az-new-request": _changed(
        # glossary-ok: label-new-support-request quoting the 2021 source's label (zh 2021: 新建支持请求).
        N_("Select New support request."), "azure-manage-requests"),
    "az-plan-csp": _unconfirmed(IN_2023, "report-problems"),
    "az-own-contact": _unconfirmed(IN_2023, "report-problems"),
    "az-review": _changed(
        # glossary-ok: label-all-support-requests quoting the 2021 source's label, since renamed.
        N_("To follow up, open Manage support requests in the Azure portal."), "azure-manage-requests"),
    "m365-category": _unconfirmed(IN_2023, "report-problems"),
    "m365-submit": _unconfirmed(IN_2023, "report-problems"),
    "m365-review": _unconfirmed(IN_2023, "report-problems"),
    "gdap-request": _changed(
        N_("Delegated admin privileges (DAP) are requested when the customer relationship begins."),
        "gdap-introduction"),
    "gdap-approve": _current("gdap-introduction"),
    "gdap-assign": _current("gdap-introduction"),
    "gdap-support-role": _changed(
        N_("An Admin agent in Partner Center can file; a Helpdesk agent cannot file Azure requests."),
        "gdap-roles-by-task"),
    "az-rbac-role": _changed(
        N_("An Admin agent in Partner Center can file; a Helpdesk agent cannot file Azure requests."),
        "gdap-roles-by-task"),
    "then-file": _current("report-problems"),
    "mkt-open-page": _unconfirmed(IN_2023, "marketplace-support"),
    "mkt-contact": _current("marketplace-support"),
    "dyn-contact": _unconfirmed(GONE_2023, "report-problems"),
    "dyn-plan-check": _unconfirmed(GONE_2023, "report-problems", "technical-support-benefits"),
    "dyn-plan-then": _unconfirmed(GONE_2023, "report-problems"),
    "customer-contact": _current("customer-support"),
    "customer-describe": _current("customer-support"),
    "customer-send-message": _current("customer-support"),
    "customer-billing-partner": _current("customer-support", "marketplace-support"),
    "partner-targets": _unconfirmed(IN_2023, "report-problems"),
    "reseller-contact": _current("customer-support"),
    "reseller-provider-files": _current("report-problems"),
    "own-azure-signin": _unconfirmed(IN_2023, "report-problems"),
    "own-m365-signin": _unconfirmed(IN_2023, "report-problems"),
    "own-entitlement": _changed(
        N_("Give your own valid support entitlement, such as your Microsoft Partner Network (MPN) "
           "agreement ID, a Premier contract or an Azure support plan."),
        "report-problems", "partner-program"),
    "own-file": _unconfirmed(IN_2023, "report-problems"),
    # Caveats.
    "customer-no-tickets": _current("customer-support"),
    "customer-terms": _current("customer-support"),
    "own-not-benefit": _current("report-problems"),
    "own-azure-fee": _changed(
        N_("Azure support has a fee, which Signature Cloud Support or other Microsoft Partner "
           "Network benefits can cover."), "technical-support-benefits"),
    "own-no-fee": _unconfirmed(IN_2023, "report-problems"),
    "own-context": _unconfirmed(IN_2023, "report-problems"),
    "mkt-not-microsoft": _current("marketplace-support"),
    "mkt-billing-partner": _changed(
        N_("The sources send every marketplace question to the publisher."), "marketplace-support"),
    "reseller-no-azure": _changed(
        N_("An indirect reseller files Azure requests itself once the indirect provider grants it "
           "access to the customer's Azure account."), "report-problems"),
    "provider-targets": _unconfirmed(IN_2023, "report-problems"),
    "no-access-no-filing": _current("revoke-admin-privileges"),
    "dynamics-asfp": _unconfirmed(GONE_2023, "report-problems"),
    "dynamics-no-other-route": _unconfirmed(GONE_2023, "report-problems"),
    "dynamics-areas": _unconfirmed(GONE_2023, "report-problems"),
    "check-service-health": _current("escalating-to-microsoft"),
    "billing-free": _current("customer-support"),
    "disputes-fraud": _unconfirmed(GONE_2023, "report-problems"),
    # Withdrawn: the source said it; Microsoft no longer documents it.
    "azure-customer-domain-route": _withdrawn(
        N_("Without admin rights, file from portal.azure.com followed by the customer's domain."),
        "revoke-admin-privileges"),
    "azure-helpdesk-support-group": _withdrawn(
        N_("A helpdesk agent files through a support group in the customer's Azure portal."),
        "gdap-roles-by-task"),
    "reseller-azure-access": _withdrawn(
        N_("An indirect reseller files Azure requests once its provider grants access."),
        "report-problems"),
    "delegated-admin-privileges": _withdrawn(
        N_("Delegated admin privileges (DAP) give the partner's Admin agents admin rights in the "
           "customer's tenant."), "gdap-introduction"),
}


def check(fact_id: str) -> Check:
    """The check of a fact; a fact without one is an error the tests catch."""
    if fact_id not in CHECKS:
        raise KeyError(f"fact {fact_id!r} has no freshness check in wizard/currency.py")
    return CHECKS[fact_id]
