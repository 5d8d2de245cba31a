"""What each outcome tells the reader: whom to contact, where, the steps and the caveats.

Steps and caveats are :class:`~wizard.facts.Fact` objects, each traced to its source section
and checked against Microsoft's current pages (:mod:`wizard.currency`). Caveats that depend on
the answers (product, topic) are listed in :data:`CAVEAT_RULES`. Facts of the sources that
Microsoft no longer documents are kept in :data:`WITHDRAWN`: the wizard no longer gives them,
and the "What has changed" page lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .facts import CS, DIRECT_BILL_PLAN, PTS, RP, Fact
from .flow import Condition, when
from .i18n import N_
from .sources import SourceRef


@dataclass(frozen=True)
class OutcomeSpec:
    id: str
    contact: str
    channel: str
    title: str
    steps: tuple[Fact, ...]
    caveats: tuple[Fact, ...] = ()
    #: True when the request is filed under the CSP support benefit, so the severity and
    #: first-response targets of that benefit apply.
    csp_benefit: bool = False
    #: True when someone else (the indirect provider) files the request: the severity and the
    #: first-response target are then those of the provider's request to Microsoft.
    filed_by_provider: bool = False
    #: Routes of the sources this outcome replaces, no longer documented (shown as such).
    replaces: tuple[Fact, ...] = ()
    #: True for the customer's result: the severity and the first-response target are those
    #: a request gets if the partner escalates it to Microsoft, and a message for the partner
    #: is included (:mod:`wizard.message`).
    partner_escalation: bool = False
    #: True when the request goes to Microsoft under a support plan of the reader's own: its
    #: severity is set by that plan's terms when the request is filed, not by the CSP benefit.
    own_plan: bool = False
    #: True when the reader acts at once rather than waits for a target (a suspected fraud).
    urgent: bool = False
    #: Microsoft Learn pages (:mod:`wizard.learn` ids) with the step-by-step instructions for
    #: the steps, linked from the result in the reader's language.
    howto: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaveatRule:
    fact: Fact
    applies: Condition
    #: Only for outcomes filed under the CSP benefit.
    csp_benefit_only: bool = False
    #: Only for outcomes where the reader files the request (not the indirect provider).
    filers_only: bool = False


def _f(fact_id: str, text: str, source: str, section: str, guide: str, learn: str | None = None,
       reading: bool = False) -> Fact:
    return Fact(fact_id, text, SourceRef(source, section, guide), learn, reading)


_SR = "submit-a-service-request-for-a-customer"
_AZ = "microsoft-azure"
_M365 = "office-365-microsoft-dynamics-crm-online-enterprise-mobility-suite"
_MKT = "support-for-commercial-marketplace-products"
_DYN = "how-do-i-get-additional-dynamics-365-support"
_OWN_AZ = "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center"
_OWN_M365 = "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center"
_ENT = "what-is-included-as-part-of-the-support-entitlement"
_GUIDE = "microsoft-partner-support-guidance"
_WHEN = "report-a-service-problem-on-behalf-of-a-customer---including-when-and-how-to-do-so"
_SUBMIT_GUIDE = "report-a-problem.md#submit-a-service-request"
_ACCESS_GUIDE = "report-a-problem.md#admin-access"

# --- Steps ----------------------------------------------------------------------------------

PC_OPEN = _f("pc-open-customer",
             N_("In Partner Center, open Customers and select the customer."),
             RP, _SR, _SUBMIT_GUIDE)
PC_SERVICE_REQUESTS = _f("pc-service-requests",
                         N_("In the customer's menu, select Service request, then New request."),
                         RP, _SR, _SUBMIT_GUIDE)
PC_NEW_AZURE = _f("pc-new-azure", N_("Choose Azure as the product; the Azure portal opens."),
                  RP, _SR, _SUBMIT_GUIDE)
PC_NEW_M365 = _f("pc-new-m365",
                 N_("Choose the product (Microsoft 365 or Enterprise Mobility + Security); the "
                    "Microsoft 365 admin center opens."),
                 RP, _SR, _SUBMIT_GUIDE)
PC_NEW_DYNAMICS = _f("pc-new-dynamics",
                     N_("Choose Dynamics 365 as the product; the request continues in the Power "
                        "Platform admin center."),
                     RP, _SR, "report-a-problem.md#dynamics-365")
PPAC_REQUEST = _f("ppac-request",
                  N_("In the Power Platform admin center, select Help + support, then New support "
                     "request; describe the problem and, if the suggested solutions do not help, "
                     "create the support request with your own contact details."),
                  RP, _M365, "report-a-problem.md#dynamics-365")
PPAC_REVIEW = _f("ppac-review",
                 N_("To follow up later, open Help + support in the Power Platform admin center: "
                    "your support requests are listed there."),
                 RP, _M365, "report-a-problem.md#dynamics-365")
AZ_NEW = _f("az-new-request", N_("Select Create a support request."), RP, _AZ, "report-a-problem.md#azure")
AZ_FORM = _f("az-form",
             N_("Go through the tabs Problem description, Recommended solution and Additional "
                "details, then select Review + create and Create."),
             RP, _AZ, "report-a-problem.md#azure")
AZ_PLAN = _f("az-plan-csp",
             N_("If the form asks for a support plan, choose Cloud Solution Provider."),
             RP, _AZ, "report-a-problem.md#azure")
AZ_CONTACT = _f("az-own-contact",
                N_("Under Additional details, give your own contact information, not the "
                   "customer's."),
                RP, _AZ, "report-a-problem.md#azure")
AZ_REVIEW = _f("az-review",
               N_("To follow up later, open Help + support in the Azure portal and select All support "
                  "requests."),
               RP, _AZ, "report-a-problem.md#azure")
M365_CATEGORY = _f("m365-category",
                   N_("In the Microsoft 365 admin center, select Help & support, describe the "
                      "problem, then select Contact support."),
                   RP, _M365, "report-a-problem.md#microsoft-365")
M365_SUBMIT = _f("m365-submit",
                 N_("Give your own contact details, not the customer's, and select Contact me."),
                 RP, _M365, "report-a-problem.md#microsoft-365")
M365_REVIEW = _f("m365-review",
                 N_("To follow up later, select Support, then View service requests, in the "
                    "Microsoft 365 admin center."),
                 RP, _M365, "report-a-problem.md#microsoft-365")
GDAP_REQUEST = _f("gdap-request",
                  N_("In Partner Center, open the customer and request an admin relationship (GDAP) "
                     "with the Microsoft Entra roles your work needs, including one that can create "
                     "support requests."),
                  RP, _AZ, _ACCESS_GUIDE)
GDAP_APPROVE = _f("gdap-approve",
                  N_("Send the request to the customer: a GDAP relationship starts only when the "
                     "customer approves it, and it lasts for a set time (at most two years)."),
                  RP, _AZ, _ACCESS_GUIDE)
GDAP_ASSIGN = _f("gdap-assign",
                 N_("Once the relationship is active, assign its roles to the security group of the "
                    "people in your organization who file requests."),
                 RP, _AZ, _ACCESS_GUIDE)
GDAP_SUPPORT_ROLE = _f("gdap-support-role",
                       N_("Make sure one of the relationship's roles can create support requests: "
                          "Microsoft names Service Support Administrator as the least-privileged "
                          "role for this."),
                       RP, _M365, _ACCESS_GUIDE)
GDAP_ADMIN_AGENT = _f("gdap-admin-agent",
                      N_("The person who files also needs the Admin agent role in Partner Center: "
                         "Partner Center asks for it alongside the GDAP role."),
                      RP, _SR, _ACCESS_GUIDE)
AZ_RBAC_ROLE = _f("az-rbac-role",
                  N_("On the customer's Azure subscription, the Azure role Support Request "
                     "Contributor must be assigned to you or to your security group under Access "
                     "control (IAM)."),
                  RP, _AZ, _ACCESS_GUIDE)
AZ_OWNER_ASSIGNS = _f("az-owner-assigns",
                      N_("If your organization created the subscription through CSP, your Admin "
                         "agents group is its Owner: an Admin agent can assign the role, or nest your "
                         "Azure security group under Admin agents. Otherwise ask an owner in the "
                         "customer's organization."),
                      RP, _AZ, _ACCESS_GUIDE)
THEN_FILE = _f("then-file",
               N_("Then file the service request for the customer from Partner Center."),
               RP, _SR, _SUBMIT_GUIDE)
PCH_OPEN = _f("pch-open",
              N_("In Partner Center, select the Help icon (?) to open the Help + support panel and "
                 "look at the suggested articles."),
              RP, _WHEN, "report-a-problem.md#billing")
PCH_CREATE = _f("pch-create",
                N_("If they do not answer it, select Create support request and describe the question "
                   "about your invoice, reconciliation file, price or purchase."),
                RP, _WHEN, "report-a-problem.md#billing")
PCH_REVIEW = _f("pch-review",
                N_("To follow up later, open the Help + support panel and select View my support "
                   "requests."),
                RP, _WHEN, "report-a-problem.md#billing")
FRAUD_ALERTS = _f("fraud-alerts",
                  N_("Open Security Alerts in Partner Center and look at the alert and the customer "
                     "it concerns at once: the longer a fraud alert waits, the more it can cost."),
                  RP, _WHEN, "report-a-problem.md#fraud")
FRAUD_CONTAIN = _f("fraud-contain",
                   N_("Contain it with the customer: stop or remove the resources you do not "
                      "recognize and change the credentials that may be compromised."),
                   RP, _WHEN, "report-a-problem.md#fraud")
FRAUD_AZURE_SUPPORT = _f("fraud-azure-support",
                         N_("Contact Azure support immediately and report the incident."),
                         RP, _WHEN, "report-a-problem.md#fraud")
FRAUD_RAISE_PCH = _f("fraud-raise-pch",
                     N_("In Partner Center, open Help + support at once, select Create support "
                        "request and describe the suspected fraud and the customer it concerns."),
                     RP, _WHEN, "report-a-problem.md#fraud", reading=True)
MKT_PAGE = _f("mkt-open-page",
              N_("In Partner Center, open the offer's Offer details page (from the marketplace "
                 "offers you can sell)."),
              RP, _MKT, "report-a-problem.md#marketplace")
MKT_CONTACT = _f("mkt-contact",
                 N_("Use the publisher's contacts listed there: customer support, an engineering "
                    "contact or its contact for CSP partners."),
                 RP, _MKT, "report-a-problem.md#marketplace")
DYN_PLAN_CHECK = _f("dyn-plan-check",
                    N_("If Microsoft asks for a partner support plan, Advanced Support for Partners "
                       "or Premier Support for Partners is what the 2021 source named; check which "
                       "plan your organization holds."),
                    RP, _SR, "report-a-problem.md#dynamics-365")
CUST_CONTACT = _f("customer-contact",
                  N_("Contact your CSP partner through the support channel they told you about."),
                  CS, _GUIDE, "customer-support.md#customers-cannot-open-tickets")
CUST_FIND_PARTNER = _f("customer-find-partner",
                       N_("Not sure who your partner is? An administrator of your organization sees "
                          "your partners in the Microsoft 365 admin center, on the Partner "
                          "relationships page."),
                       CS, _GUIDE, "customer-support.md#customers-cannot-open-tickets")
CUST_SEND = _f("customer-send-message",
               N_("Send your partner the message below: copy it, print it or open it in your mail "
                  "program, and fill in the details it asks for."),
               CS, _GUIDE, "customer-support.md#customers-cannot-open-tickets")
CUST_DESCRIBE = _f("customer-describe",
                   N_("Describe the problem and how it affects your business; your partner "
                      "diagnoses it and, when needed, takes it to Microsoft or, for a marketplace "
                      "product, to its publisher."),
                   CS, _GUIDE, "customer-support.md#partner-duties")
RESELLER_CONTACT = _f("reseller-contact",
                      N_("Contact your indirect provider and pass on the customer's problem."),
                      CS, _GUIDE, "customer-support.md#partner-role")
RESELLER_FILES = _f("reseller-provider-files",
                    N_("Your indirect provider files the service request for the customer in "
                       "Partner Center."),
                    RP, _WHEN, "report-a-problem.md#when-to-file")
RESELLER_PROVIDER_BILLING = _f("reseller-provider-billing",
                               N_("Your indirect provider bills you, so it answers questions about "
                                  "those charges and takes them, or a suspected fraud, to its own "
                                  "Partner Center support where needed."),
                               RP, _WHEN, "report-a-problem.md#billing", reading=True)
OWN_AZ_SIGNIN = _f("own-azure-signin",
                   N_("Sign in to the Azure portal directly with your own partner account."),
                   RP, _OWN_AZ, "faq.md#azure-portal-directly")
OWN_M365_SIGNIN = _f("own-m365-signin",
                     N_("Sign in to the Microsoft 365 admin center directly with your own "
                        "partner account."),
                     RP, _OWN_M365, "faq.md#admin-center-directly")
OWN_PPAC_SIGNIN = _f("own-ppac-signin",
                     N_("Sign in to the Power Platform admin center directly with your own partner "
                        "account."),
                     RP, _OWN_M365, "faq.md#admin-center-directly")
OWN_ENTITLEMENT = _f("own-entitlement",
                     N_("When you create the Azure request, give a support plan of your own: an "
                        "Azure support plan, Premier Support for Partners, or a plan that your "
                        "partner program benefits include."),
                     RP, _OWN_AZ, "faq.md#own-tenant")
OWN_FILE = _f("own-file", N_("Create the service request for your own subscription."),
              RP, _OWN_M365, "faq.md#admin-center-directly")

# --- Caveats --------------------------------------------------------------------------------

CAV_CUSTOMER_NO_TICKETS = _f(
    "customer-no-tickets",
    N_("For what you bought through your CSP partner, you cannot open support tickets with "
       "Microsoft yourself; a subscription bought directly from Microsoft has Microsoft's own "
       "support."),
    CS, _GUIDE, "customer-support.md#customers-cannot-open-tickets")
CAV_CUSTOMER_TERMS = _f(
    "customer-terms",
    N_("Your partner decides the type of support, service hours, contact method and any "
       "charge, and should have told you about them."),
    CS, _GUIDE, "customer-support.md#what-to-tell-customers")
CAV_CUSTOMER_BILLING = _f(
    "customer-billing-partner",
    N_("Billing and subscription questions also go to your CSP partner first."),
    CS, _GUIDE, "customer-support.md#partner-duties")
CAV_CUSTOMER_MARKETPLACE = _f(
    "customer-marketplace-isv",
    N_("For a marketplace product from another publisher, Microsoft gives no product support: "
       "technical questions go to the publisher, and your partner can give you its contact."),
    RP, _MKT, "report-a-problem.md#marketplace")
CAV_PARTNER_TARGETS = _f(
    "partner-targets",
    N_("The severity and first-response target shown are Microsoft's targets for the request your "
       "partner files if they escalate the problem to Microsoft. How quickly your partner answers "
       "you is up to your agreement with them; the sources set no target for it."),
    RP, "how-quickly-will-i-get-an-initial-response", "severity.md#response-notes", reading=True)
CAV_OWN_NOT_BENEFIT = _f(
    "own-not-benefit",
    N_("Support for your own partner tenant is not part of the CSP support benefit."),
    RP, _ENT, "faq.md#own-tenant")
CAV_OWN_AZURE_FEE = _f(
    "own-azure-fee",
    N_("Azure support has a fee, which a support plan from your partner program benefits can cover."),
    RP, _ENT, "faq.md#own-tenant")
CAV_OWN_NO_FEE = _f(
    "own-no-fee",
    N_("Microsoft 365, Dynamics 365 and EMS charge no separate support fee."),
    RP, _ENT, "faq.md#own-tenant")
CAV_OWN_CONTEXT = _f(
    "own-context",
    N_("Signed in directly you see your own context, not a customer's: use this route only for "
       "your own subscriptions."),
    RP, _OWN_AZ, "faq.md#azure-portal-directly")
#: The same statement as the Microsoft 365 FAQ answer makes it, for the admin-center routes.
CAV_OWN_CONTEXT_M365 = _f(
    "own-context", CAV_OWN_CONTEXT.text, RP, _OWN_M365, "faq.md#admin-center-directly")
CAV_MKT_NOT_MS = _f(
    "mkt-not-microsoft",
    N_("Microsoft does not provide product support for commercial marketplace products; the "
       "publisher does, and should give a way to contact it directly."),
    RP, _MKT, "report-a-problem.md#marketplace")
CAV_MKT_BILLING = _f(
    "mkt-billing-partner",
    N_("For billing and subscription questions about a marketplace product, the customer's CSP "
       "partner is the first contact."),
    RP, _MKT, "report-a-problem.md#marketplace")
CAV_MKT_COMMERCE = _f(
    "mkt-commerce-microsoft",
    N_("For a marketplace product, you handle the customer's billing, account and payment "
       "questions; Microsoft supports you only with its commerce functions, such as transactions "
       "and billing in Partner Center."),
    RP, _MKT, "report-a-problem.md#marketplace")
CAV_RESELLER_NO_AZURE = _f(
    "reseller-no-azure",
    N_("Indirect resellers cannot create Azure support requests for a customer; the indirect "
       "provider files them."),
    RP, _AZ, "report-a-problem.md#indirect-resellers")
CAV_RESELLER_PAGES = _f(
    "reseller-pages-disagree",
    N_("For Microsoft 365, Dynamics 365 and EMS, Microsoft's pages disagree. The GDAP role guidance "
       "lists Service Support Administrator for indirect resellers, and an older variant of the "
       "Report a problem page names resellers among those who can file; its newest variant names "
       "only direct-bill partners and indirect providers. With a GDAP relationship that includes "
       "Service Support Administrator you may be able to file in the product's admin center "
       "yourself; otherwise your provider files."),
    RP, _WHEN, "report-a-problem.md#indirect-resellers")
CAV_RESELLER_FRAUD = _f(
    "reseller-fraud-now",
    N_("For a suspected fraud, tell your provider at once: Microsoft's security alerts go to the "
       "partner who provides the Azure subscription, who should act on them immediately."),
    RP, _WHEN, "report-a-problem.md#fraud")
CAV_PROVIDER_TARGETS = _f(
    "provider-targets",
    N_("The severity and first-response target shown are Microsoft's targets for the request your "
       "provider files. How quickly your provider answers you is up to your agreement with them; "
       "the sources set no target for it."),
    RP, "how-quickly-will-i-get-an-initial-response", "severity.md#response-notes", reading=True)
CAV_NO_ACCESS = _f(
    "no-access-no-filing",
    N_("Without an active admin relationship and the roles it grants, you cannot file a support "
       "request for this customer until access is restored."),
    RP, _AZ, _ACCESS_GUIDE)
CAV_DYN_ASFP = _f(
    "dynamics-asfp",
    N_("The 2021 source required Advanced Support for Partners or a higher plan to file Dynamics "
       "365 incidents for a CSP customer; no current Microsoft page states that rule either way."),
    RP, _SR, "report-a-problem.md#dynamics-365")
CAV_DYN_AREAS = _f(
    "dynamics-areas",
    N_("Dynamics 365 support also handles Dynamics 365 plan subscriptions, licensing, billing, "
       "finance and operations apps, product licenses and further technical help."),
    RP, _DYN, "faq.md#dynamics-support")
CAV_CHECK_HEALTH = _f(
    "check-service-health",
    N_("If a service is down or degraded, check the customer's service health in Partner Center "
       "before you file."),
    PTS, "provide-technical-support", "technical-support.md#service-health")
CAV_BILLING_FREE = _f(
    "billing-free",
    N_("Billing and subscription-management support is included in the CSP benefit at no charge."),
    RP, _ENT, "faq.md#entitlement")
CAV_BILLING_PORTALS = _f(
    "billing-portals",
    N_("Microsoft sends some commercial questions elsewhere: Azure quota and consumption questions "
       "to Azure support, and seat assignments or seat counts that differ from Partner Center to "
       "the Microsoft 365 admin center."),
    RP, _WHEN, "report-a-problem.md#billing")
CAV_NON_BREAK_FIX = _f(
    "non-break-fix-slower",
    N_("Requests that are not break-fix incidents may take up to %(duration)s for a first "
       "response."),
    RP, "how-quickly-will-i-get-an-initial-response", "severity.md#response-notes")
CAV_DIRECT_BILL_PLAN = DIRECT_BILL_PLAN

# --- Routes of the sources that the wizard no longer gives -----------------------------------

OLD_DOMAIN_ROUTE = _f(
    "azure-customer-domain-route",
    N_("Without admin rights, file an Azure request from portal.azure.com followed by the "
       "customer's domain name, copied from the customer's Account page in Partner Center."),
    RP, _AZ, "report-a-problem.md#admin-access")
OLD_HELPDESK_GROUP = _f(
    "azure-helpdesk-support-group",
    N_("Helpdesk agents cannot create Azure requests, but a support group set up in the "
       "customer's Azure portal with permission to file them can."),
    RP, _AZ, "report-a-problem.md#admin-access")
OLD_RESELLER_ACCESS = _f(
    "reseller-azure-access",
    N_("An indirect reseller files Azure requests itself once the indirect provider grants it "
       "access to the customer's Azure account."),
    RP, _AZ, "report-a-problem.md#indirect-resellers")
OLD_DAP = _f(
    "delegated-admin-privileges",
    N_("Delegated admin privileges (DAP) give a CSP partner access to its customers' environments, "
       "to support, configure and manage their subscriptions."),
    PTS, "provide-technical-support", "technical-support.md#delegated-admin")
OLD_DYNAMICS_GATE = _f(
    "dynamics-plan-gate",
    N_("Without Advanced Support for Partners or a higher plan, you cannot file Dynamics 365 "
       "incidents for a CSP customer."),
    RP, _SR, "report-a-problem.md#dynamics-365")

WITHDRAWN: tuple[Fact, ...] = (OLD_DOMAIN_ROUTE, OLD_HELPDESK_GROUP, OLD_RESELLER_ACCESS, OLD_DAP,
                               OLD_DYNAMICS_GATE)

OUTCOMES: dict[str, OutcomeSpec] = {
    o.id: o
    for o in (
        OutcomeSpec("customer-contact-partner", "csp-partner", "partner-support-desk",
                    N_("Contact your CSP partner"),
                    (CUST_CONTACT, CUST_FIND_PARTNER, CUST_DESCRIBE, CUST_SEND),
                    (CAV_CUSTOMER_NO_TICKETS, CAV_CUSTOMER_TERMS, CAV_CUSTOMER_BILLING),
                    partner_escalation=True),
        OutcomeSpec("own-subscription-azure", "own-support-plan", "azure-portal-direct",
                    N_("File in the Azure portal under your own support plan"),
                    (OWN_AZ_SIGNIN, AZ_NEW, OWN_ENTITLEMENT),
                    (CAV_OWN_NOT_BENEFIT, CAV_OWN_AZURE_FEE, CAV_OWN_CONTEXT),
                    own_plan=True),
        OutcomeSpec("own-subscription-admin-center", "own-admin-center", "admin-center-direct",
                    N_("File in your own Microsoft 365 admin center"),
                    (OWN_M365_SIGNIN, OWN_FILE),
                    (CAV_OWN_NOT_BENEFIT, CAV_OWN_NO_FEE, CAV_OWN_CONTEXT_M365),
                    own_plan=True),
        OutcomeSpec("own-subscription-power-platform", "own-power-platform", "power-platform-direct",
                    N_("File in your own Power Platform admin center"),
                    (OWN_PPAC_SIGNIN, PPAC_REQUEST, PPAC_REVIEW),
                    (CAV_OWN_NOT_BENEFIT, CAV_OWN_NO_FEE, CAV_OWN_CONTEXT_M365),
                    own_plan=True),
        OutcomeSpec("marketplace-isv", "isv-publisher", "partner-center-offer-details",
                    N_("Contact the product's publisher"),
                    (MKT_PAGE, MKT_CONTACT),
                    (CAV_MKT_NOT_MS, CAV_MKT_BILLING)),
        OutcomeSpec("reseller-via-provider", "indirect-provider", "indirect-provider",
                    N_("Ask your indirect provider to file the request"),
                    (RESELLER_CONTACT, RESELLER_FILES),
                    (), csp_benefit=True, filed_by_provider=True),
        OutcomeSpec("reseller-billing-via-provider", "indirect-provider", "indirect-provider",
                    N_("Ask your indirect provider about the charges or the suspected fraud"),
                    (RESELLER_CONTACT, RESELLER_PROVIDER_BILLING),
                    (), filed_by_provider=True),
        OutcomeSpec("partner-center-help", "partner-center-support", "partner-center-help",
                    N_("Ask Partner Center support about your billing"),
                    (PCH_OPEN, PCH_CREATE, PCH_REVIEW),
                    (CAV_BILLING_FREE, CAV_BILLING_PORTALS)),
        OutcomeSpec("suspected-fraud", "fraud-response", "security-alerts",
                    N_("Act on the suspected fraud now"),
                    (FRAUD_ALERTS, FRAUD_CONTAIN, FRAUD_AZURE_SUPPORT),
                    (), urgent=True),
        OutcomeSpec("suspected-fraud-other", "partner-center-support", "partner-center-help",
                    N_("Act on the suspected fraud now"),
                    (FRAUD_CONTAIN, FRAUD_RAISE_PCH),
                    (), urgent=True),
        OutcomeSpec("restore-admin-access", "customer-admin", "partner-center-admin-relationships",
                    N_("Get an admin relationship (GDAP) with the customer first"),
                    (GDAP_REQUEST, GDAP_APPROVE, GDAP_ASSIGN, THEN_FILE),
                    (CAV_NO_ACCESS,), replaces=(OLD_DOMAIN_ROUTE, OLD_DAP),
                    howto=("gdap-request", "gdap-assign-roles")),
        OutcomeSpec("azure-needs-role", "subscription-owner", "azure-access-control",
                    N_("Get the Azure support role on the customer's subscription first"),
                    (AZ_RBAC_ROLE, AZ_OWNER_ASSIGNS, THEN_FILE),
                    (CAV_NO_ACCESS,), replaces=(OLD_HELPDESK_GROUP,),
                    howto=("azure-role-assignments",)),
        OutcomeSpec("assign-support-role", "own-security-admin", "partner-center-security-groups",
                    N_("Assign the support role to your security group"),
                    (GDAP_ASSIGN, GDAP_ADMIN_AGENT, THEN_FILE),
                    (), howto=("gdap-assign-roles",)),
        OutcomeSpec("needs-support-role", "customer-admin", "partner-center-admin-relationships",
                    N_("Get a GDAP role that can create support requests first"),
                    (GDAP_SUPPORT_ROLE, GDAP_REQUEST, GDAP_APPROVE, GDAP_ASSIGN, THEN_FILE),
                    (CAV_NO_ACCESS,), howto=("gdap-roles-by-task", "gdap-request", "gdap-assign-roles")),
        OutcomeSpec("azure-service-request", "microsoft-via-partner-center",
                    "partner-center-azure-portal",
                    N_("File an Azure service request for the customer"),
                    (PC_OPEN, PC_SERVICE_REQUESTS, PC_NEW_AZURE, AZ_NEW, AZ_PLAN, AZ_CONTACT, AZ_FORM,
                     AZ_REVIEW),
                    (), csp_benefit=True),
        OutcomeSpec("admin-center-service-request", "microsoft-via-partner-center",
                    "partner-center-admin-center",
                    N_("File a service request for the customer in the Microsoft 365 admin center"),
                    (PC_OPEN, PC_SERVICE_REQUESTS, PC_NEW_M365, M365_CATEGORY, M365_SUBMIT,
                     M365_REVIEW),
                    (GDAP_ADMIN_AGENT,), csp_benefit=True),
        OutcomeSpec("dynamics-service-request", "microsoft-via-partner-center",
                    "partner-center-power-platform",
                    N_("File a Dynamics 365 service request for the customer"),
                    (PC_OPEN, PC_SERVICE_REQUESTS, PC_NEW_DYNAMICS, PPAC_REQUEST, PPAC_REVIEW,
                     DYN_PLAN_CHECK),
                    (GDAP_ADMIN_AGENT, CAV_DYN_ASFP, CAV_DYN_AREAS), csp_benefit=True,
                    replaces=(OLD_DYNAMICS_GATE,)),
    )
}

#: Caveats that depend on the answers rather than on the outcome alone.
CAVEAT_RULES: tuple[CaveatRule, ...] = (
    CaveatRule(CAV_RESELLER_NO_AZURE, when({"role": "indirect-reseller", "product": "azure"})),
    CaveatRule(CAV_RESELLER_PAGES, when({"role": "indirect-reseller",
                                         "product": ("microsoft-365", "dynamics-365", "ems"),
                                         "topic": ("break-fix", "non-break-fix")})),
    CaveatRule(CAV_RESELLER_FRAUD, when({"role": "indirect-reseller", "topic": "fraud"})),
    CaveatRule(CAV_PROVIDER_TARGETS, when({"role": "indirect-reseller", "topic": "break-fix"}),
               csp_benefit_only=True),
    CaveatRule(CAV_PARTNER_TARGETS, when({"role": "customer", "topic": "break-fix",
                                          "impact": ("critical", "moderate", "minimal"),
                                          "product": ("azure", "microsoft-365", "dynamics-365", "ems")})),
    CaveatRule(CAV_CUSTOMER_MARKETPLACE, when({"role": "customer", "product": "marketplace"})),
    CaveatRule(CAV_MKT_BILLING, when({"role": "customer", "product": "marketplace"})),
    CaveatRule(CAV_MKT_COMMERCE, when({"role": ("direct-partner", "indirect-provider"),
                                       "product": "marketplace", "topic": "billing"})),
    CaveatRule(CAV_CHECK_HEALTH, when({"topic": "break-fix"}), csp_benefit_only=True,
               filers_only=True),
    CaveatRule(CAV_DIRECT_BILL_PLAN, when({"role": "direct-partner", "product": "dynamics-365",
                                           "scope": "customer-subscription",
                                           "topic": ("break-fix", "non-break-fix")})),
    CaveatRule(CAV_NON_BREAK_FIX, when({"topic": "non-break-fix"}), csp_benefit_only=True),
)
