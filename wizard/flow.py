"""The wizard's questions and its decision rules, as data.

A condition is a tuple of alternatives; each alternative maps answer keys to the values that
satisfy it (all keys must match). An empty tuple means "always". The questions are asked in
the order listed, each only when its condition holds. The outcome rules follow the DMN
UNIQUE hit policy: for every complete set of answers exactly one rule matches, which the
tests check by enumerating every path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .facts import CS, RP
from .i18n import N_
from .sources import SourceRef

Condition = tuple[dict[str, frozenset[str]], ...]


def when(*alternatives: dict[str, str | tuple[str, ...]]) -> Condition:
    """Build a condition; a single string stands for a one-value set."""
    return tuple(
        {key: frozenset((value,) if isinstance(value, str) else value) for key, value in alt.items()}
        for alt in alternatives
    )


def holds(condition: Condition, answers: dict[str, str]) -> bool:
    if not condition:
        return True
    return any(
        all(answers.get(key) in values for key, values in alt.items()) for alt in condition
    )


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    help: str | None = None
    #: A short name for the option where the label would be too long, as in the subject of
    #: the customer's message ("Support request: Commercial marketplace product").
    short: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    help: str
    options: tuple[Option, ...]
    ask_when: Condition
    ref: SourceRef
    #: The help a customer sees when the question is an optional follow-up for the message to
    #: the partner (:data:`FOLLOW_UP_KEYS`): the answer changes nothing in whom they contact.
    follow_up_help: str | None = None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)


@dataclass(frozen=True)
class Rule:
    outcome: str
    match: Condition
    why: str
    refs: tuple[SourceRef, ...] = field(default=())


PARTNERS = ("direct-partner", "indirect-reseller", "indirect-provider")
FILERS = ("direct-partner", "indirect-provider")  # partners who file requests themselves
MICROSOFT_CLOUD = ("azure", "microsoft-365", "dynamics-365", "ems")

_ROLE_REF = SourceRef(CS, "microsoft-partner-support-guidance", "customer-support.md#partner-role")
_SCOPE_REF = SourceRef(RP, "what-is-included-as-part-of-the-support-entitlement", "faq.md#own-tenant")
_PRODUCT_REF = SourceRef(RP, "submit-a-service-request-for-a-customer",
                         "report-a-problem.md#submit-a-service-request")
_TOPIC_REF = SourceRef(RP, "how-quickly-will-i-get-an-initial-response", "severity.md#response-notes")
_IMPACT_REF = SourceRef(RP, "how-quickly-will-i-get-an-initial-response", "severity.md#severity-levels")
_ACCESS_REF = SourceRef(RP, "microsoft-azure", "report-a-problem.md#admin-access")
_RESELLER_REF = SourceRef(RP, "microsoft-azure", "report-a-problem.md#indirect-resellers")
_DYNAMICS_REF = SourceRef(RP, "submit-a-service-request-for-a-customer", "report-a-problem.md#dynamics-365")
_MARKETPLACE_REF = SourceRef(RP, "support-for-commercial-marketplace-products",
                             "report-a-problem.md#marketplace")
_CUSTOMER_REF = SourceRef(CS, "microsoft-partner-support-guidance",
                          "customer-support.md#customers-cannot-open-tickets")
_M365_REF = SourceRef(RP, "office-365-microsoft-dynamics-crm-online-enterprise-mobility-suite",
                      "report-a-problem.md#microsoft-365")
_OWN_AZURE_REF = SourceRef(RP, "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center",
                           "faq.md#azure-portal-directly")
_OWN_M365_REF = SourceRef(
    RP, "what-happens-if-i-sign-into-the-office-365-admin-center-portal-and-bypass-partner-center",
    "faq.md#admin-center-directly",
)

# Shared condition pieces.
_FOR_CUSTOMER = {"role": PARTNERS, "scope": "customer-subscription"}
_FILER_FOR_CUSTOMER = {"role": FILERS, "scope": "customer-subscription"}
_RESELLER_FOR_CUSTOMER = {"role": "indirect-reseller", "scope": "customer-subscription"}
#: Incidents and requests that go to Microsoft as a service request for the customer.
_TECHNICAL = ("break-fix", "non-break-fix")
#: A filer's technical request for a customer's Microsoft cloud subscription.
_FILER_TECHNICAL = {**_FILER_FOR_CUSTOMER, "product": MICROSOFT_CLOUD, "topic": _TECHNICAL}
_ADMIN_CENTER_PRODUCTS = ("microsoft-365", "ems", "dynamics-365")
_YES_NO = (Option("yes", N_("Yes")), Option("no", N_("No, or I am not sure")))
_BILLING_REF = SourceRef(RP, "report-a-service-problem-on-behalf-of-a-customer---including-when-and-how-to-do-so",
                         "report-a-problem.md#billing")
_FRAUD_REF = SourceRef(RP, "report-a-service-problem-on-behalf-of-a-customer---including-when-and-how-to-do-so",
                       "report-a-problem.md#fraud")
_CUSTOMER_FIND_REF = SourceRef(CS, "microsoft-partner-support-guidance",
                               "customer-support.md#customers-cannot-open-tickets")

#: Answer keys of links made before GDAP, no longer asked: each with its question as readers
#: knew it, so the notice names the question, not the key.
RETIRED_QUESTIONS: dict[str, str] = {
    "provider_access": N_("Has your indirect provider given you access to the customer's Azure account?"),
    "pc_role": N_("Which Partner Center role do you have?"),
    "dynamics_plan": N_("Does your organization have Advanced Support for Partners or a higher support plan?"),
    "dynamics_area": N_("Which part of Dynamics 365 is affected?"),
}
#: Why a retired question is no longer asked, for the CLI (whose user typed the key); the
#: questions not listed here went with GDAP.
RETIRED_REASONS: dict[str, str] = {
    "dynamics_plan": N_("'%(key)s' (“%(question)s”) is no longer asked: by 2023 Microsoft's pages "
                        "no longer stated a support plan as a condition for Dynamics 365 "
                        "requests; leave it out."),
    "dynamics_area": N_("'%(key)s' (“%(question)s”) is no longer asked: every Dynamics 365 request "
                        "now takes the same route; leave it out."),
}

QUESTIONS: tuple[Question, ...] = (
    Question(
        "role",
        N_("Who are you?"),
        N_("Your place in the Cloud Solution Provider program decides who files a request "
           "with Microsoft."),
        (
            Option("customer", N_("A customer who bought cloud services from a CSP partner")),
            Option("direct-partner", N_("A direct-bill CSP partner"),
                   N_("You buy from Microsoft and bill your customers yourself.")),
            Option("indirect-reseller", N_("An indirect reseller"),
                   N_("You sell through an indirect provider.")),
            Option("indirect-provider", N_("An indirect provider"),
                   N_("You supply indirect resellers and file requests for their customers.")),
        ),
        (),
        _ROLE_REF,
    ),
    Question(
        "scope",
        N_("Whose subscription has the problem?"),
        N_("The CSP support benefit covers your customers' subscriptions, not your own tenant."),
        (
            Option("customer-subscription", N_("A customer's subscription")),
            Option("own-subscription", N_("Our own partner tenant or subscription")),
        ),
        when({"role": PARTNERS}),
        _SCOPE_REF,
    ),
    Question(
        "product",
        N_("Which product is it about?"),
        N_("The product decides the portal where the request continues."),
        (
            Option("azure", N_("Microsoft Azure"), short=N_("Microsoft Azure")),
            Option("microsoft-365", N_("Microsoft 365 (Office 365)"), short=N_("Microsoft 365")),
            Option("dynamics-365", N_("Dynamics 365"), short=N_("Dynamics 365")),
            Option("ems", N_("Enterprise Mobility + Security (EMS)"),
                   short=N_("Enterprise Mobility + Security")),
            Option("marketplace", N_("A commercial marketplace product from another publisher"),
                   short=N_("Commercial marketplace product")),
        ),
        when({"role": (*PARTNERS, "customer")}),
        _PRODUCT_REF,
        N_("Your partner remains your contact for every product; naming it tells them where to "
           "look first."),
    ),
    Question(
        "topic",
        N_("What kind of problem is it?"),
        N_("Break-fix incidents get a severity and a first-response target; billing questions go "
           "to Partner Center support, and a suspected fraud needs action at once."),
        (
            Option("break-fix", N_("Something is broken or degraded (break-fix)")),
            Option("non-break-fix", N_("A question or request that is not a break-fix incident")),
            Option("billing", N_("Billing (invoices, reconciliation files, prices or purchases, "
                                 "including disputes)")),
            Option("fraud", N_("A suspected fraud")),
        ),
        when({"role": "customer"}, _FOR_CUSTOMER),
        _TOPIC_REF,
        N_("Your partner handles every kind of problem; naming it tells them what to look at, and "
           "the message asks for the details that kind needs."),
    ),
    Question(
        "admin_access",
        N_("Do you have an active admin relationship (GDAP) with this customer?"),
        N_("Granular delegated admin privileges (GDAP) replaced delegated admin privileges: the "
           "customer approves each relationship, which grants chosen Microsoft Entra roles for a "
           "limited time."),
        (
            Option("yes", N_("Yes, an active GDAP relationship")),
            Option("no", N_("No, it has ended or expired, or I am not sure")),
        ),
        when(_FILER_TECHNICAL),
        _ACCESS_REF,
    ),
    Question(
        "azure_role",
        N_("Do you have the Azure role Support Request Contributor on the customer's subscription?"),
        N_("Azure requests need a Microsoft Entra role through GDAP (for example Directory Readers) "
           "and this Azure role on the subscription."),
        _YES_NO,
        when({**_FILER_TECHNICAL, "product": "azure", "admin_access": "yes"}),
        _ACCESS_REF,
    ),
    Question(
        "support_role",
        N_("Does your GDAP relationship include a role that can create support requests?"),
        N_("Microsoft names Service Support Administrator as the least-privileged role for "
           "creating support requests for Microsoft 365 and Dynamics 365."),
        (
            Option("yes", N_("Yes, and it is assigned to our security group")),
            Option("not-assigned", N_("The relationship includes one, but no security group of ours "
                                      "is assigned to it")),
            Option("no", N_("No, or I am not sure")),
        ),
        when({**_FILER_TECHNICAL, "product": _ADMIN_CENTER_PRODUCTS, "admin_access": "yes"}),
        _ACCESS_REF,
    ),
    Question(
        "impact",
        N_("How badly is the business affected?"),
        N_("The impact stated when the request is filed sets the severity and the first-response "
           "target."),
        (
            Option("critical", N_("Critical: production is down or badly degraded")),
            Option("moderate", N_("Moderate: production is partly affected")),
            Option("minimal", N_("Minimal: services still work, or only non-production is affected")),
        ),
        when(
            {**_FILER_FOR_CUSTOMER, "topic": "break-fix", "azure_role": "yes"},
            {**_FILER_FOR_CUSTOMER, "topic": "break-fix", "support_role": "yes"},
            {**_RESELLER_FOR_CUSTOMER, "topic": "break-fix", "product": MICROSOFT_CLOUD},
            {"role": "customer", "topic": "break-fix"},
        ),
        _IMPACT_REF,
        N_("If your partner takes the problem to Microsoft, the impact you describe sets the "
           "severity of their request."),
    ),
)

#: For a customer, product, kind of problem and impact cannot change the answer; they only fill
#: in the message for the partner. The outcome comes right after the first question, and these
#: follow as optional questions, in this order.
FOLLOW_UP_KEYS = ("product", "topic", "impact")

QUESTION_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


def is_follow_up(question: Question, answers: dict[str, str]) -> bool:
    """True when ``question`` is one of the customer's optional questions for these answers."""
    return answers.get("role") == "customer" and question.id in FOLLOW_UP_KEYS


RULES: tuple[Rule, ...] = (
    Rule("customer-contact-partner", when({"role": "customer"}),
         N_("CSP customers cannot open support tickets with Microsoft for what they bought through "
            "their partner; their partner handles support."),
         (_CUSTOMER_REF, _CUSTOMER_FIND_REF)),
    Rule("own-subscription-azure",
         when({"role": PARTNERS, "scope": "own-subscription", "product": "azure"}),
         N_("Your own tenant is outside the CSP support benefit; an Azure request for it is filed in "
            "the Azure portal under a support plan of your own."),
         (_SCOPE_REF, _OWN_AZURE_REF)),
    Rule("own-subscription-admin-center",
         when({"role": PARTNERS, "scope": "own-subscription", "product": ("microsoft-365", "ems")}),
         N_("Your own tenant is outside the CSP support benefit; you file for it in your own "
            "Microsoft 365 admin center."),
         (_SCOPE_REF, _OWN_M365_REF)),
    Rule("own-subscription-power-platform",
         when({"role": PARTNERS, "scope": "own-subscription", "product": "dynamics-365"}),
         N_("Your own tenant is outside the CSP support benefit; Microsoft places Dynamics 365 "
            "support requests in the Power Platform admin center."),
         (_SCOPE_REF, _OWN_M365_REF)),
    Rule("marketplace-isv",
         when({"role": PARTNERS, "scope": "own-subscription", "product": "marketplace"},
              {**_FOR_CUSTOMER, "product": "marketplace", "topic": _TECHNICAL}),
         N_("Microsoft does not give product support for commercial marketplace products; "
            "the publisher does."),
         (_MARKETPLACE_REF,)),
    Rule("reseller-via-provider",
         when({**_RESELLER_FOR_CUSTOMER, "product": MICROSOFT_CLOUD, "topic": _TECHNICAL}),
         N_("Indirect resellers work with their indirect provider, who files service requests "
            "on the customer's behalf."),
         (_ROLE_REF, _RESELLER_REF)),
    Rule("reseller-billing-via-provider",
         when({**_RESELLER_FOR_CUSTOMER, "topic": ("billing", "fraud")}),
         N_("An indirect reseller buys from its indirect provider, which bills it and takes "
            "billing questions and a suspected fraud further."),
         (_ROLE_REF,)),
    Rule("partner-center-help",
         when({**_FILER_FOR_CUSTOMER, "topic": "billing"}),
         N_("Microsoft sends questions about CSP invoices, reconciliation files, prices and "
            "purchases to Partner Center's own Help + support, not to a service request for the "
            "customer."),
         (_BILLING_REF,)),
    Rule("suspected-fraud",
         when({**_FILER_FOR_CUSTOMER, "product": "azure", "topic": "fraud"}),
         N_("Partners answer for their customers' Azure consumption: Microsoft asks them to act on a "
            "security alert at once and to contact Azure support immediately."),
         (_FRAUD_REF,)),
    Rule("suspected-fraud-other",
         when({**_FILER_FOR_CUSTOMER, "product": ("microsoft-365", "dynamics-365", "ems",
                                                  "marketplace"), "topic": "fraud"}),
         N_("Microsoft's fraud alert pages cover Azure consumption; for another product, raising "
            "it at once through Partner Center Help + support is this site's reading."),
         (_FRAUD_REF,)),
    Rule("restore-admin-access",
         when({**_FILER_TECHNICAL, "admin_access": "no"}),
         N_("Filing for a customer needs an active admin relationship (GDAP) with roles that allow "
            "it."),
         (_ACCESS_REF,)),
    Rule("azure-needs-role",
         when({**_FILER_TECHNICAL, "product": "azure", "admin_access": "yes", "azure_role": "no"}),
         N_("Azure support requests for a customer need the Azure role Support Request Contributor "
            "besides a GDAP role; an owner of the subscription assigns it."),
         (_ACCESS_REF,)),
    Rule("assign-support-role",
         when({**_FILER_TECHNICAL, "product": _ADMIN_CENTER_PRODUCTS, "admin_access": "yes",
               "support_role": "not-assigned"}),
         N_("A role in the relationship takes effect only once it is assigned to a security group in "
            "your own organization; no new approval from the customer is needed."),
         (_ACCESS_REF,)),
    Rule("needs-support-role",
         when({**_FILER_TECHNICAL, "product": _ADMIN_CENTER_PRODUCTS, "admin_access": "yes",
               "support_role": "no"}),
         N_("Support requests for Microsoft 365, Dynamics 365 and EMS need a GDAP role that can "
            "create them."),
         (_ACCESS_REF,)),
    Rule("azure-service-request",
         when({**_FILER_TECHNICAL, "product": "azure", "admin_access": "yes", "azure_role": "yes"}),
         N_("Azure service requests for a customer start in Partner Center and continue in the "
            "Azure portal."),
         (_PRODUCT_REF, SourceRef(RP, "microsoft-azure", "report-a-problem.md#azure"))),
    Rule("admin-center-service-request",
         when({**_FILER_TECHNICAL, "product": ("microsoft-365", "ems"), "admin_access": "yes",
               "support_role": "yes"}),
         N_("Microsoft 365 and EMS service requests for a customer start in Partner Center and "
            "continue in the Microsoft 365 admin center."),
         (_PRODUCT_REF, _M365_REF)),
    Rule("dynamics-service-request",
         when({**_FILER_TECHNICAL, "product": "dynamics-365", "admin_access": "yes",
               "support_role": "yes"}),
         N_("Microsoft places Dynamics 365 support requests for a customer in the Power Platform "
            "admin center, with a GDAP role that can create them."),
         (_PRODUCT_REF, _DYNAMICS_REF)),
)
