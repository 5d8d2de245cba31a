"""Freshness as data: for every fact, what it was last read against, and when.

The sources (:mod:`wizard.sources`) are dated 2018 to 2021. Each fact the site or the wizard
states has a :class:`Check` here, keyed by its fact id (``contact:...``, ``channel:...``,
``severity:...``, ``vehicle:...``, or the id of a step, caveat or note):

- ``current``: a current Microsoft Learn page (``pages``) still says it.
- ``changed``: Microsoft documents something else now; the fact's text states it as it is now,
  ``pages`` say where, and ``was`` what the source said (only what a Microsoft page said).
- ``not-reconfirmed``: no current page was found that states it either way; it is given as
  the source stated it, with the source's date. ``note`` says what was looked at.
- ``withdrawn``: the source's fact is no longer given by the wizard; ``note`` says why.

``basis`` records what the check was made against (:data:`BASES`): a stored copy of a current
Learn page, an older live variant of it, or, where the current page could not be read in full,
the newest full text of Microsoft's sources: the September 2023 copy in the public repository
``kvamseek/partner-center`` (``copy`` names its files, :data:`COPY_2023` their ``ms.date``).
A fact is never called current on that copy alone (the tests check it). ``checked`` is the day
the pages were read. ``make freshness`` prints the whole table. Nothing here depends on today's
date.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_

STATUSES = ("current", "changed", "not-reconfirmed", "withdrawn")
#: What a check was made against.
BASES = ("learn", "learn-older", "copy-2023", "none")
#: The day the facts below were last read against Microsoft Learn.
REVIEW = "2026-12-03"
#: The public repository holding the September 2023 copy of Microsoft's Partner Center sources.
COPY_REPO = "kvamseek/partner-center"
#: Files of that copy the checks rest on, with each file's own ``ms.date``.
COPY_2023: dict[str, str] = {
    "report-problems-on-behalf-of-a-customer.md": "2023-09-23",
    "csp-commercial-marketplace-support.md": "2023-07-31",
    "mpn-benefits-technical-support.md": "2023-03-27",
    "customers-revoke-admin-privileges.md": "2023-09-20",
    "support-resource-options.md": "2022-08-12",
    "report-problems-with-partner-center.md": "2023-09-27",
    "security-alerts-dashboard.md": "2023-09-27",
    "azure-fraud-notification.md": "2023-09-27",
    "gdap-faq.md": "2023-08-10",
    "customer-support.md": "2023-09-26",
    "gdap-customer-terminate.md": "2023-03-21",
}


@dataclass(frozen=True)
class Check:
    status: str
    checked: str
    #: Microsoft Learn pages (:data:`wizard.learn.LEARN_PAGES` ids) that state the fact now, or,
    #: for a fact not re-confirmed, the pages where it was looked for.
    pages: tuple[str, ...] = ()
    #: What the source said, for a changed or withdrawn fact (a message for translation): only
    #: what the Microsoft page said, never the site's remark about it.
    was: str | None = None
    #: A short remark on the check (a message for translation).
    note: str | None = None
    #: What the check was made against (:data:`BASES`).
    basis: str = "learn"
    #: Files of the September 2023 copy (:data:`COPY_2023`) read for the check.
    copy: tuple[str, ...] = ()
    #: For the site's own advice that rests on a source's statement (not a statement of
    #: Microsoft's itself): the fact id of that statement. The tables of statements list the
    #: statement, never the advice; the advice keeps this check where the site shows it.
    rests_on: str | None = None
    #: True when the statement names its source itself ("The 2021 source required…"), so a
    #: result quotes it without another "the source stated".
    attributed: bool = False

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; use one of {', '.join(STATUSES)}")
        if self.basis not in BASES:
            raise ValueError(f"unknown basis {self.basis!r}; use one of {', '.join(BASES)}")
        if self.status == "current" and self.basis not in ("learn", "learn-older"):
            raise ValueError("a fact is current only when a current Learn page states it")
        for name in self.copy:
            if name not in COPY_2023:
                raise ValueError(f"unknown file of the 2023 copy: {name!r}")

    @property
    def copy_date(self) -> str | None:
        """The newest ``ms.date`` among the 2023 copy's files read, if any."""
        return max((COPY_2023[name] for name in self.copy), default=None)


#: How a file of the 2023 copy is named where the site lists what its checks were made against.
COPY_LABEL = N_("September 2023 copy of Microsoft's sources, %(file)s (ms.date %(date)s)")


def copy_url(name: str) -> str:
    """The address of a file of the 2023 copy in its public repository."""
    return f"https://github.com/{COPY_REPO}/blob/HEAD/{name}"


_RP23 = "report-problems-on-behalf-of-a-customer.md"
_MKT23 = "csp-commercial-marketplace-support.md"


def _current(*pages: str, checked: str = REVIEW, note: str | None = None,
             copy: tuple[str, ...] = ()) -> Check:
    return Check("current", checked, pages, None, note, "learn", copy)


def _older(*pages: str, checked: str = REVIEW) -> Check:
    """Stated on an older live variant of the Learn page, not on its newest variant."""
    return Check("current", checked, pages, None, OLDER_VARIANT, "learn-older", (_RP23,))


def _changed(was: str, *pages: str, checked: str = REVIEW, basis: str = "learn",
             copy: tuple[str, ...] = (), note: str | None = None) -> Check:
    return Check("changed", checked, pages, was, note, basis, copy)


def _unconfirmed(note: str, *pages: str, checked: str = REVIEW, basis: str = "copy-2023",
                 copy: tuple[str, ...] = (_RP23,), attributed: bool = False) -> Check:
    return Check("not-reconfirmed", checked, pages, None, note, basis, copy if basis == "copy-2023" else (),
                 attributed=attributed)


def _withdrawn(was: str, *pages: str, note: str | None = None, checked: str = REVIEW) -> Check:
    return Check("withdrawn", checked, pages, was, note)


#: What a withdrawn fact's source said, after the fact's own note on why it was withdrawn.
SOURCE_SAID = N_("The source of %(date)s said: %(was)s")
#: A severity as a statement, in the tables of facts not re-confirmed.
SEVERITY_CLAIM = N_("Severity %(letter)s (%(label)s): the first-response target is %(duration)s.")

#: A remark shared by the facts still in the 2023 copy of the page but on no newer page.
IN_2023 = N_("Microsoft's September 2023 copy of the page still states it; no newer Microsoft page "
             "states it either way.")
#: A remark shared by the facts already missing from the 2023 copy.
GONE_2023 = N_("Microsoft's September 2023 copy of the page no longer states it, and no current "
               "page states it either way.")
#: A remark for the site's own readings: no Microsoft page can state them.
READING_NOTE = N_("The site's own reading of the source, not a statement of Microsoft's; the "
                  "targets it rests on are in Microsoft's September 2023 copy of the page and on "
                  "no newer page.")
#: A remark for the site's own readings of pages it could only read in the 2023 copy.
READING_COPY_NOTE = N_("The site's own reading, not a statement of Microsoft's; the pages it rests on "
                       "are in Microsoft's September 2023 copy, and no current Learn page could be "
                       "read in full to re-confirm them.")
#: The remarks a reading of the site's may carry.
READING_NOTES = (READING_NOTE, READING_COPY_NOTE)
#: Facts seen on a live Learn variant that predates the newest one.
OLDER_VARIANT = N_("Stated on an older live variant of the Learn page; its newest variant does not "
                   "show this paragraph.")
#: Facts whose current route is on Learn but whose details rest on the 2023 copy.
COPY_ONLY = N_("Stated in Microsoft's September 2023 copy of its pages; no current Learn page "
               "could be read in full to re-confirm it.")

#: The source's Dynamics 365 plan rule, kept as the source's, and the reseller pages that disagree.
ASFP_NOTE = N_("The 2021 source's rule. Microsoft's September 2023 copy of the page no longer states "
               "it, and the current GDAP role guidance names only a support role.")
RESELLER_NOTE = N_("Microsoft's pages disagree: the GDAP role guidance and an older live variant of "
                   "the Report a problem page let indirect resellers file, the newest variant names "
                   "only direct-bill partners and indirect providers.")

CHECKS: dict[str, Check] = {
    # Contacts.
    "contact:csp-partner": _current("customer-support"),
    "contact:indirect-provider": _current("customer-support"),
    "contact:microsoft-via-partner-center": _current("report-problems", "escalating-to-microsoft"),
    "contact:customer-admin": _current("gdap-introduction", "gdap-request"),
    "contact:subscription-owner": _changed(
        N_("A Helpdesk agent in Partner Center cannot create service requests in the Azure portal."),
        "gdap-faq", "gdap-roles-by-task", basis="copy-2023", copy=("gdap-faq.md",), note=COPY_ONLY),
    "contact:own-security-admin": _current("gdap-assign-roles"),
    "contact:isv-publisher": _current("marketplace-support"),
    "contact:partner-center-support": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "partner-center-help", "support-portals", basis="copy-2023",
        copy=("support-resource-options.md", "report-problems-with-partner-center.md"), note=COPY_ONLY),
    "contact:fraud-response": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "security-alerts", "fraud-alerts", basis="copy-2023",
        copy=("security-alerts-dashboard.md", "azure-fraud-notification.md"), note=COPY_ONLY),
    "contact:dynamics-support": _unconfirmed(GONE_2023, "report-problems"),
    "contact:own-support-plan": _older("report-problems", "technical-support-benefits"),
    "contact:own-admin-center": _current("m365-contact-support", copy=(_RP23,)),
    "contact:own-power-platform": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("File for your own subscription from the Office 365 admin center."),
        "gdap-roles-by-task", "dynamics-support"),
    # Channels.
    "channel:partner-support-desk": _current("customer-support"),
    "channel:indirect-provider": _current("customer-support"),
    "channel:partner-center-azure-portal": _current("report-problems"),
    "channel:partner-center-admin-relationships": _current("gdap-request", "gdap-introduction"),
    "channel:partner-center-security-groups": _current("gdap-assign-roles"),
    "channel:azure-access-control": _current("gdap-roles-by-task"),
    "channel:partner-center-admin-center": _current("report-problems", "gdap-roles-by-task"),
    "channel:partner-center-power-platform": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("Partner Center service request, continued in the Office 365 admin center."),
        "gdap-roles-by-task"),
    "channel:partner-center-help": _changed(
        N_("A service request for the customer, filed in Partner Center."),
        "partner-center-help", "support-portals", basis="copy-2023",
        copy=("support-resource-options.md", "report-problems-with-partner-center.md"), note=COPY_ONLY),
    "channel:security-alerts": _changed(
        N_("A service request for the customer, filed in Partner Center."),
        "security-alerts", "fraud-alerts", basis="copy-2023",
        copy=("security-alerts-dashboard.md", "azure-fraud-notification.md"), note=COPY_ONLY),
    "channel:azure-portal-direct": _current("azure-create-request", "technical-support-benefits"),
    "channel:admin-center-direct": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("The Office 365 admin center, signed in directly with your own partner account."),
        "m365-contact-support", copy=(_RP23,)),
    "channel:power-platform-direct": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("The Office 365 admin center, signed in directly with your own partner account."),
        "gdap-roles-by-task", "dynamics-support"),
    "channel:partner-center-offer-details": _changed(
        N_("The support contact on the product's page in the marketplace."),
        "marketplace-support", basis="copy-2023", copy=(_MKT23,), note=COPY_ONLY),
    "channel:dynamics-support": _unconfirmed(GONE_2023, "report-problems"),
    "channel:partner-support-plans": _current("technical-support-benefits", "escalating-to-microsoft"),
    # Severities and response targets.
    "severity:A": _unconfirmed(IN_2023, "report-problems"),
    "severity:B": _unconfirmed(IN_2023, "report-problems"),
    "severity:C": _unconfirmed(IN_2023, "report-problems"),
    "english-targets": _unconfirmed(IN_2023, "report-problems"),
    "local-language-hours": _unconfirmed(IN_2023, "report-problems"),
    "no-phone": _unconfirmed(GONE_2023, "report-problems"),
    "non-break-fix-slower": _unconfirmed(IN_2023, "report-problems"),
    # Support vehicles.
    "vehicle:commercial": _current("escalating-to-microsoft"),
    "vehicle:premier": _current("technical-support-benefits", "escalating-to-microsoft"),
    "vehicle:advanced": _current("technical-support-benefits", "escalating-to-microsoft"),
    "vehicle:signature": _changed(
        N_("Signature Cloud Support, included with a Gold or Silver competency of the Microsoft "
           "Partner Network (MPN)."),
        "technical-support-benefits", "escalating-to-microsoft"),
    "vehicle:on-premises": _changed(
        N_("Microsoft product support, for on-premises products."),
        "technical-support-benefits", "escalating-to-microsoft"),
    "direct-bill-plan": _current("direct-bill-requirements"),
    # Steps.
    "pc-open-customer": _changed(
        N_("In Partner Center, under CSP, select Customers and find the customer."), "report-problems"),
    "pc-service-requests": _current("report-problems"),
    "pc-new-azure": _current("report-problems"),
    "pc-new-m365": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("The product list names Office 365 and Enterprise Mobility Suite, and the Office 365 admin "
           "center opens."),
        # The current names are the GDAP role guidance's; the newest Report a problem page still
        # uses the old ones in its introduction and backs only the "product or workload" step.
        "gdap-roles-by-task", "report-problems"),
    "pc-new-dynamics": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("For Microsoft Dynamics CRM Online, the Office 365 admin center opens."),
        "gdap-roles-by-task", "report-problems"),
    "ppac-request": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("Under Create a service request in the Office 365 admin center, choose the support category."),
        "gdap-roles-by-task", "dynamics-support"),
    "ppac-review": _changed(
        N_("To follow up later, open View all support tickets in the admin center."),
        "dynamics-support"),
    "az-new-request": _changed(
        # glossary-ok: label-new-support-request quoting the 2021 source's label (zh 2021: 新建支持请求).
        N_("Select New support request."), "azure-create-request"),
    "az-form": _changed(
        N_("In the Basics section, set the Support plan field to Cloud Solution Provider; in the "
           "Contact information section, enter your own details."), "azure-create-request"),
    "az-plan-csp": _unconfirmed(IN_2023, "azure-create-request", "technical-support-benefits",
                                copy=(_RP23, "mpn-benefits-technical-support.md")),
    "az-own-contact": _unconfirmed(IN_2023, "azure-create-request"),
    "az-review": _changed(
        # glossary-ok: label-all-support-requests quoting the 2021 source's label, since renamed.
        N_("To follow up, open Manage support requests in the Azure portal."), "azure-manage-requests"),
    "m365-category": _changed(
        N_("In the Create a service request section, choose the support category; select More… to "
           "see more."), "m365-contact-support"),
    "m365-submit": _changed(
        N_("Fill in the service request form and select Submit."), "m365-contact-support"),
    "m365-review": _changed(
        N_("To follow up later, select View all support tickets."),
        "m365-contact-support", "m365-whats-new"),
    "gdap-request": _changed(
        N_("Delegated admin privileges (DAP) are requested when the customer relationship begins."),
        "gdap-request", "gdap-roles-by-task"),
    "gdap-approve": _current("gdap-introduction", "gdap-faq"),
    "gdap-assign": _current("gdap-assign-roles"),
    "gdap-support-role": _current("gdap-roles-by-task"),
    "gdap-admin-agent": _current("report-problems"),
    "az-rbac-role": _changed(
        N_("A Helpdesk agent in Partner Center cannot create service requests in the Azure portal."),
        "gdap-roles-by-task"),
    "az-owner-assigns": _changed(
        N_("A Helpdesk agent in Partner Center cannot create service requests in the Azure portal."),
        "gdap-faq", "gdap-introduction", basis="copy-2023", copy=("gdap-faq.md",), note=COPY_ONLY),
    "then-file": _current("report-problems"),
    "pch-open": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "partner-center-help", basis="copy-2023", copy=("report-problems-with-partner-center.md",),
        note=COPY_ONLY),
    "pch-create": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "partner-center-help", basis="copy-2023", copy=("report-problems-with-partner-center.md",),
        note=COPY_ONLY),
    "pch-review": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "partner-center-help", basis="copy-2023", copy=("report-problems-with-partner-center.md",),
        note=COPY_ONLY),
    "fraud-alerts": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "security-alerts", basis="copy-2023", copy=("security-alerts-dashboard.md",), note=COPY_ONLY),
    "fraud-contain": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "fraud-alerts", basis="copy-2023", copy=("azure-fraud-notification.md",), note=COPY_ONLY),
    "fraud-azure-support": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "fraud-alerts", basis="copy-2023", copy=("azure-fraud-notification.md",), note=COPY_ONLY),
    "mkt-open-page": _changed(
        N_("On the marketplace page, select the product you need help with."),
        "marketplace-support", basis="copy-2023", copy=(_MKT23,), note=COPY_ONLY),
    "mkt-contact": _changed(
        N_("Look on the product page for a link to the publisher's support site, a support email "
           "address or a support phone number."),
        "marketplace-support", basis="copy-2023", copy=(_MKT23,), note=COPY_ONLY),
    # The site's advice on the source's plan rule ("dynamics-asfp"), not a statement of its own.
    "dyn-plan-check": Check("not-reconfirmed", REVIEW, ("report-problems", "gdap-roles-by-task"), None,
                            ASFP_NOTE, "copy-2023", (_RP23,), rests_on="dynamics-asfp"),
    "customer-contact": _current("customer-support"),
    "customer-find-partner": _current("m365-partners", copy=("gdap-customer-terminate.md",)),
    "customer-describe": _current("customer-support", "marketplace-support"),
    "customer-send-message": _current("customer-support"),
    "customer-billing-partner": _current("customer-support", "marketplace-support"),
    "partner-targets": _unconfirmed(READING_NOTE, "report-problems"),
    "reseller-contact": _current("customer-support"),
    "reseller-provider-files": _current("report-problems", "gdap-roles-by-task"),
    "own-azure-signin": _current("azure-create-request", "technical-support-benefits"),
    "own-m365-signin": _current("m365-contact-support"),
    "own-ppac-signin": _changed(
        # glossary-ok: microsoft-365-admin-center quoting the 2021 source, which names the old portal.
        N_("Sign in to the Office 365 admin center directly with your own partner account."),
        "gdap-roles-by-task", "dynamics-support"),
    "own-entitlement": _changed(
        N_("Give your own valid support entitlement, such as your Microsoft Partner Network (MPN) "
           "agreement ID, a Premier contract or an Azure support plan."),
        "technical-support-benefits", "azure-create-request", copy=(_RP23,)),
    "own-file": _current("m365-contact-support"),
    # Caveats.
    "customer-no-tickets": _current("customer-support", "m365-contact-support"),
    "customer-terms": _current("customer-support"),
    "customer-marketplace-isv": _current("marketplace-support"),
    "own-not-benefit": _older("report-problems"),
    "own-azure-fee": _changed(
        N_("Azure support has a fee, which Signature Cloud Support or other Microsoft Partner "
           "Network benefits can cover."), "report-problems", "technical-support-benefits",
        basis="learn-older", copy=(_RP23,), note=OLDER_VARIANT),
    "own-no-fee": _older("report-problems"),
    "own-context": _unconfirmed(IN_2023, "report-problems"),
    "mkt-not-microsoft": _current("marketplace-support"),
    "mkt-billing-partner": _current("marketplace-support"),
    "reseller-no-azure": _current("gdap-roles-by-task", "report-problems"),
    "reseller-pages-disagree": _current("gdap-roles-by-task", "report-problems", note=RESELLER_NOTE),
    "reseller-fraud-now": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "security-alerts", "fraud-alerts", basis="copy-2023",
        copy=("security-alerts-dashboard.md", "azure-fraud-notification.md"), note=COPY_ONLY),
    "provider-targets": _unconfirmed(READING_NOTE, "report-problems"),
    "reseller-provider-billing": _unconfirmed(READING_NOTE, "report-problems", "customer-support"),
    "no-access-no-filing": _current("revoke-admin-privileges", copy=("customers-revoke-admin-privileges.md",)),
    "dynamics-asfp": _unconfirmed(ASFP_NOTE, "report-problems", "gdap-roles-by-task", attributed=True),
    "dynamics-areas": _unconfirmed(GONE_2023, "report-problems", "dynamics-support"),
    "check-service-health": _current("customer-support", "check-service-health"),
    "billing-free": _older("report-problems"),
    "billing-portals": _changed(
        N_("Billing disputes and fraud concerns go through the same service request process."),
        "support-portals", basis="copy-2023", copy=("support-resource-options.md",), note=COPY_ONLY),
    "mkt-commerce-microsoft": _current("marketplace-support"),
    "fraud-raise-pch": _unconfirmed(READING_COPY_NOTE, "fraud-alerts", "partner-center-help",
                                    copy=("azure-fraud-notification.md",)),
    # Withdrawn: the source said it; the wizard no longer gives it.
    "azure-customer-domain-route": _withdrawn(
        N_("Without admin rights, file from portal.azure.com followed by the customer's domain."),
        "revoke-admin-privileges"),
    "azure-helpdesk-support-group": _withdrawn(
        N_("A helpdesk agent files through a support group in the customer's Azure portal."),
        "gdap-roles-by-task"),
    "reseller-azure-access": _withdrawn(
        N_("An indirect reseller files Azure requests once its provider grants access."),
        "gdap-roles-by-task", "report-problems"),
    "delegated-admin-privileges": _withdrawn(
        N_("As a CSP partner you hold delegated admin privileges, which give you access to your "
           "customers' environments to support, configure and manage their subscriptions."),
        "gdap-introduction", "revoke-admin-privileges",
        note=N_("Retired as a route: Microsoft has replaced DAP with GDAP and is removing it; Learn "
                "still describes DAP as legacy.")),
    "dynamics-plan-gate": _withdrawn(
        N_("Partners who file Dynamics 365 incidents for a CSP customer must hold Advanced Support "
           "for Partners or a higher plan."),
        "gdap-roles-by-task",
        note=N_("No longer a question the wizard asks first: the source's rule is given with the "
                "Dynamics 365 result, dated and marked as not re-confirmed.")),
}


def check(fact_id: str) -> Check:
    """The check of a fact; a fact without one is an error the tests catch."""
    if fact_id not in CHECKS:
        raise KeyError(f"fact {fact_id!r} has no freshness check in wizard/currency.py")
    return CHECKS[fact_id]
