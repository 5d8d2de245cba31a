"""What each outcome tells the reader: whom to contact, where, the steps and the caveats.

Steps and caveats are :class:`~wizard.facts.Fact` objects, each traced to its source section.
Caveats that depend on the answers (product, topic) are listed in :data:`CAVEAT_RULES`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .facts import AZURE_PORTAL_CUSTOMER_URL, CS, DYNAMICS_SUPPORT_URL, PTS, RP, Fact
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


@dataclass(frozen=True)
class CaveatRule:
    fact: Fact
    applies: Condition
    #: Only for outcomes filed under the CSP benefit.
    csp_benefit_only: bool = False


def _f(fact_id: str, text: str, source: str, section: str, guide: str, url: str | None = None) -> Fact:
    return Fact(fact_id, text, SourceRef(source, section, guide), url)


_SR = "submit-a-service-request-for-a-customer"
_AZ = "microsoft-azure"
_M365 = "office-365-microsoft-dynamics-crm-online-enterprise-mobility-suite"
_MKT = "support-for-commercial-marketplace-products"
_DYN = "how-do-i-get-additional-dynamics-365-support"
_OWN_AZ = "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center"
_OWN_M365 = "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center"
_ENT = "what-is-included-as-part-of-the-support-entitlement"
_GUIDE = "microsoft-partner-support-guidance"

PC_OPEN = _f("pc-open-customer", N_("In Partner Center, under CSP, select Customers and find the customer."),
             RP, _SR, "report-a-problem.md#submit-a-service-request")
PC_SERVICE_REQUESTS = _f("pc-service-requests", N_("In the customer's menu, select Service requests."),
                         RP, _SR, "report-a-problem.md#submit-a-service-request")
PC_NEW_AZURE = _f("pc-new-azure", N_("From the New request list, choose Azure; the Azure portal opens."),
                  RP, _SR, "report-a-problem.md#submit-a-service-request")
PC_NEW_M365 = _f("pc-new-m365",
                 N_("From the New request list, choose Office 365, Dynamics 365, Enterprise Mobility "
                    "Suite; the Microsoft 365 admin center opens."),
                 RP, _SR, "report-a-problem.md#submit-a-service-request")
AZ_NEW = _f("az-new-request", N_("Select New support request."), RP, _AZ, "report-a-problem.md#azure")
AZ_PLAN = _f("az-plan-csp",
             N_("In Basics, set the Support plan field to Cloud Solution Provider."),
             RP, _AZ, "report-a-problem.md#azure")
AZ_CONTACT = _f("az-own-contact",
                N_("In Contact information, enter your own details, not the customer's, then "
                   "select Create."),
                RP, _AZ, "report-a-problem.md#azure")
AZ_REVIEW = _f("az-review",
               N_("To follow up later, open Manage support requests in the Azure portal."),
               RP, _AZ, "report-a-problem.md#azure")
AZ_DOMAIN = _f("az-copy-domain",
               N_("Copy the customer's domain name from their Account page in Partner Center."),
               RP, _AZ, "report-a-problem.md#without-admin-rights")
AZ_GO_DOMAIN = _f("az-go-domain",
                  N_("Go to %(url)s, replacing the last part with that domain name."),
                  RP, _AZ, "report-a-problem.md#without-admin-rights", AZURE_PORTAL_CUSTOMER_URL)
AZ_PICK_SUB = _f("az-pick-subscription",
                 N_("Select the Azure subscription that needs support."),
                 RP, _AZ, "report-a-problem.md#without-admin-rights")
AZ_PROMPTS = _f("az-follow-prompts",
                N_("Select New support request and follow the prompts to create it."),
                RP, _AZ, "report-a-problem.md#without-admin-rights")
AZ_GROUP = _f("az-support-group",
              N_("Use a support group in the customer's Azure portal that has permission to file "
                 "support requests (it can be set up there for helpdesk staff)."),
              RP, _AZ, "report-a-problem.md#helpdesk-agents")
AZ_GROUP_FILE = _f("az-group-files",
                   N_("A member of that group files the support request in the Azure portal."),
                   RP, _AZ, "report-a-problem.md#helpdesk-agents")
AZ_RESELLER_OPEN = _f("az-reseller-open",
                      N_("Sign in to the customer's Azure account with the access your indirect "
                         "provider granted you."),
                      RP, _AZ, "report-a-problem.md#indirect-resellers")
M365_CATEGORY = _f("m365-category",
                   N_("Under Create a service request, choose the support category; select More... "
                      "if you do not see the right one."),
                   RP, _M365, "report-a-problem.md#microsoft-365")
M365_SUBMIT = _f("m365-submit",
                 N_("Fill in the form with your own contact details, not the customer's, and "
                    "select Submit."),
                 RP, _M365, "report-a-problem.md#microsoft-365")
M365_REVIEW = _f("m365-review",
                 N_("To follow up later, open View all support tickets in the Microsoft 365 "
                    "admin center."),
                 RP, _M365, "report-a-problem.md#microsoft-365")
MKT_PAGE = _f("mkt-open-page",
              N_("On the Marketplace page, open the product you need help with."),
              RP, _MKT, "report-a-problem.md#marketplace")
MKT_CONTACT = _f("mkt-contact",
                 N_("Use the support contact shown there: a link to the publisher's support site, "
                    "a support e-mail address or a support phone number."),
                 RP, _MKT, "report-a-problem.md#marketplace")
DYN_CONTACT = _f("dyn-contact",
                 N_("Contact Dynamics 365 technical support at %(url)s."),
                 RP, _DYN, "faq.md#dynamics-support", DYNAMICS_SUPPORT_URL)
CUST_CONTACT = _f("customer-contact",
                  N_("Contact your CSP partner through the support channel they told you about."),
                  CS, _GUIDE, "customer-support.md#customers-cannot-open-tickets")
CUST_DESCRIBE = _f("customer-describe",
                   N_("Describe the problem and how it affects your business; your partner "
                      "diagnoses it and escalates to Microsoft if needed."),
                   CS, _GUIDE, "customer-support.md#partner-duties")
RESELLER_CONTACT = _f("reseller-contact",
                      N_("Contact your indirect provider and pass on the customer's problem."),
                      CS, _GUIDE, "customer-support.md#partner-role")
RESELLER_FILES = _f("reseller-provider-files",
                    N_("Your indirect provider files the service request for the customer in "
                       "Partner Center."),
                    RP, "report-a-service-problem-on-behalf-of-a-customer---including-when-and-how-to-do-so",
                    "report-a-problem.md#when-to-file")
OWN_AZ_SIGNIN = _f("own-azure-signin",
                   N_("Sign in to the Azure portal directly with your own partner account."),
                   RP, _OWN_AZ, "faq.md#azure-portal-directly")
OWN_M365_SIGNIN = _f("own-m365-signin",
                     N_("Sign in to the Microsoft 365 admin center directly with your own "
                        "partner account."),
                     RP, _OWN_M365, "faq.md#admin-center-directly")
OWN_ENTITLEMENT = _f("own-entitlement",
                     N_("When you create the request, give your own valid support entitlement, "
                        "such as your partner network (MPN) agreement ID, a Premier contract or an "
                        "Azure support plan."),
                     RP, _OWN_AZ, "faq.md#own-tenant")
OWN_FILE = _f("own-file", N_("Create the service request for your own subscription."),
              RP, _OWN_M365, "faq.md#admin-center-directly")

# Caveats attached to outcomes.
CAV_CUSTOMER_NO_TICKETS = _f(
    "customer-no-tickets",
    N_("Customers in the CSP programme cannot open support tickets with Microsoft themselves."),
    CS, _GUIDE, "customer-support.md#customers-cannot-open-tickets")
CAV_CUSTOMER_TERMS = _f(
    "customer-terms",
    N_("Your partner decides the type of support, service hours, contact method and any "
       "charge, and should have told you about them."),
    CS, _GUIDE, "customer-support.md#what-to-tell-customers")
CAV_OWN_NOT_BENEFIT = _f(
    "own-not-benefit",
    N_("Support for your own partner tenant is not part of the CSP support benefit."),
    RP, _ENT, "faq.md#own-tenant")
CAV_OWN_AZURE_FEE = _f(
    "own-azure-fee",
    N_("Azure support has a fee, which a cloud support subscription or other partner network "
       "benefits can cover; Office 365, Dynamics CRM Online and EMS charge no separate support fee."),
    RP, _ENT, "faq.md#own-tenant")
CAV_OWN_CONTEXT = _f(
    "own-context",
    N_("Signed in directly you see your own context, not a customer's: use this route only for "
       "your own subscriptions."),
    RP, _OWN_AZ, "faq.md#azure-portal-directly")
CAV_MKT_NOT_MS = _f(
    "mkt-not-microsoft",
    N_("Microsoft does not provide product support for commercial marketplace products."),
    RP, _MKT, "report-a-problem.md#marketplace")
CAV_RESELLER_ACCESS = _f(
    "reseller-access",
    N_("An indirect reseller can file Azure requests for a customer only after the indirect "
       "provider grants access to the customer's Azure account; this differs from administering "
       "Office 365 on a customer's behalf."),
    RP, _AZ, "report-a-problem.md#indirect-resellers")
CAV_NO_ADMIN_WHY = _f(
    "no-admin-why",
    N_("This route is for partners without admin rights: admin privileges were not requested "
       "when the relationship began, or you manage only the customer's Azure subscriptions."),
    RP, _AZ, "report-a-problem.md#without-admin-rights")
CAV_HELPDESK = _f(
    "helpdesk-cannot-file",
    N_("Helpdesk agents in Partner Center cannot create service requests in the Azure portal."),
    RP, _AZ, "report-a-problem.md#helpdesk-agents")
CAV_DYN_ASFP = _f(
    "dynamics-asfp",
    N_("Filing Dynamics 365 incidents for a CSP customer requires an Advanced Support for "
       "Partners contract or higher."),
    RP, _SR, "report-a-problem.md#dynamics-365")
CAV_DYN_AREAS = _f(
    "dynamics-areas",
    N_("Dynamics support also handles Dynamics 365 plan subscriptions, licensing, billing, "
       "Finance and Operations, product licences and further technical help."),
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
CAV_DISPUTES_FRAUD = _f(
    "disputes-fraud",
    N_("Billing disputes and fraud concerns are raised with a service request in the same way."),
    RP, "report-a-service-problem-on-behalf-of-a-customer---including-when-and-how-to-do-so",
    "report-a-problem.md#when-to-file")
CAV_NON_BREAK_FIX = _f(
    "non-break-fix-slower",
    N_("Requests that are not break-fix incidents may take up to %(duration)s for a first "
       "response."),
    RP, "how-quickly-will-i-get-an-initial-response", "severity.md#response-notes")

OUTCOMES: dict[str, OutcomeSpec] = {
    o.id: o
    for o in (
        OutcomeSpec("customer-contact-partner", "csp-partner", "partner-support-desk",
                    N_("Contact your CSP partner"),
                    (CUST_CONTACT, CUST_DESCRIBE),
                    (CAV_CUSTOMER_NO_TICKETS, CAV_CUSTOMER_TERMS)),
        OutcomeSpec("own-subscription-azure", "own-support-plan", "azure-portal-direct",
                    N_("File in the Azure portal under your own support plan"),
                    (OWN_AZ_SIGNIN, OWN_ENTITLEMENT),
                    (CAV_OWN_NOT_BENEFIT, CAV_OWN_AZURE_FEE, CAV_OWN_CONTEXT)),
        OutcomeSpec("own-subscription-admin-center", "own-support-plan", "admin-center-direct",
                    N_("File in the Microsoft 365 admin center under your own support plan"),
                    (OWN_M365_SIGNIN, OWN_FILE, OWN_ENTITLEMENT),
                    (CAV_OWN_NOT_BENEFIT, CAV_OWN_AZURE_FEE, CAV_OWN_CONTEXT)),
        OutcomeSpec("marketplace-isv", "isv-publisher", "marketplace-product-page",
                    N_("Contact the product's publisher"),
                    (MKT_PAGE, MKT_CONTACT),
                    (CAV_MKT_NOT_MS,)),
        OutcomeSpec("reseller-azure-portal", "microsoft-via-partner-center",
                    "azure-portal-granted-access",
                    N_("File the Azure request yourself with the access you were granted"),
                    (AZ_RESELLER_OPEN, AZ_NEW, AZ_PLAN, AZ_CONTACT, AZ_REVIEW),
                    (CAV_RESELLER_ACCESS,), csp_benefit=True),
        OutcomeSpec("reseller-via-provider", "indirect-provider", "indirect-provider",
                    N_("Ask your indirect provider to file the request"),
                    (RESELLER_CONTACT, RESELLER_FILES),
                    (), csp_benefit=True),
        OutcomeSpec("azure-no-admin-rights", "microsoft-via-partner-center",
                    "azure-portal-customer-domain",
                    N_("File the Azure request from the customer's portal address"),
                    (AZ_DOMAIN, AZ_GO_DOMAIN, AZ_PICK_SUB, AZ_PROMPTS),
                    (CAV_NO_ADMIN_WHY,), csp_benefit=True),
        OutcomeSpec("azure-service-request", "microsoft-via-partner-center",
                    "partner-center-azure-portal",
                    N_("File an Azure service request for the customer"),
                    (PC_OPEN, PC_SERVICE_REQUESTS, PC_NEW_AZURE, AZ_NEW, AZ_PLAN, AZ_CONTACT,
                     AZ_REVIEW),
                    (), csp_benefit=True),
        OutcomeSpec("azure-helpdesk-support-group", "microsoft-via-partner-center",
                    "azure-support-group",
                    N_("File through a support group in the customer's Azure portal"),
                    (AZ_GROUP, AZ_GROUP_FILE, AZ_PLAN, AZ_CONTACT),
                    (CAV_HELPDESK,), csp_benefit=True),
        OutcomeSpec("admin-center-service-request", "microsoft-via-partner-center",
                    "partner-center-admin-center",
                    N_("File a service request for the customer in the Microsoft 365 admin center"),
                    (PC_OPEN, PC_SERVICE_REQUESTS, PC_NEW_M365, M365_CATEGORY, M365_SUBMIT,
                     M365_REVIEW),
                    (), csp_benefit=True),
        OutcomeSpec("dynamics-service-request", "microsoft-via-partner-center",
                    "partner-center-admin-center",
                    N_("File a Dynamics 365 service request for the customer"),
                    (PC_OPEN, PC_SERVICE_REQUESTS, PC_NEW_M365, M365_CATEGORY, M365_SUBMIT,
                     M365_REVIEW),
                    (CAV_DYN_ASFP,), csp_benefit=True),
        OutcomeSpec("dynamics-support", "dynamics-support", "dynamics-support",
                    N_("Contact Dynamics 365 support"),
                    (DYN_CONTACT,),
                    (CAV_DYN_AREAS,)),
    )
}

#: Caveats that depend on the answers rather than on the outcome alone.
CAVEAT_RULES: tuple[CaveatRule, ...] = (
    CaveatRule(CAV_CHECK_HEALTH, when({"topic": "break-fix"}), csp_benefit_only=True),
    CaveatRule(CAV_DYN_ASFP, when({"role": "indirect-reseller", "product": "dynamics-365"}),
               csp_benefit_only=True),
    CaveatRule(CAV_DYN_ASFP, when({"dynamics_plan": "none"})),
    CaveatRule(CAV_RESELLER_ACCESS, when({"role": "indirect-reseller", "product": "azure",
                                          "provider_access": "not-granted"})),
    CaveatRule(CAV_BILLING_FREE, when({"topic": "billing"}), csp_benefit_only=True),
    CaveatRule(CAV_DISPUTES_FRAUD, when({"topic": ("billing", "fraud")}), csp_benefit_only=True),
    CaveatRule(CAV_NON_BREAK_FIX, when({"topic": ("non-break-fix", "billing", "fraud")}),
               csp_benefit_only=True),
)
