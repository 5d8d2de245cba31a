"""The customer's message for their CSP partner: what a partner needs to diagnose the problem
and, if it must go to Microsoft, to file it with the right severity.

The message names the product, the kind of problem and, for break-fix, the business impact in
the words Microsoft uses for the severity levels (:data:`wizard.facts.SEVERITIES`), then lists
the details the customer still has to fill in. :func:`mailto` opens it in the reader's mail
program with no address filled in (RFC 6068: UTF-8, percent-encoded, CRLF line breaks).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote

from .facts import SEVERITY_BY_IMPACT
from .flow import QUESTION_BY_ID
from .i18n import N_, Translator

SUBJECT = N_("Support request: %(product)s")
SUBJECT_PLAIN = N_("Support request")
GREETING = N_("Hello,")
INTRO = N_("We need help with a problem in our Microsoft cloud services.")
#: The opening line fits the kind of problem: a billing question or a suspected fraud is not
#: "a problem in our services", and a marketplace product is not a Microsoft service.
INTRO_BY_TOPIC: dict[str, str] = {
    "billing": N_("We have a question about the billing of the cloud services we bought from you."),
    "fraud": N_("We suspect fraud in our cloud services and need your help at once."),
    "non-break-fix": N_("We have a question about our Microsoft cloud services."),
}
INTRO_MARKETPLACE = N_("We need help with a problem in a cloud service we bought through you.")
PRODUCT = N_("Product: %(product)s")
#: The marketplace option names a kind of product; the partner needs the product itself.
PRODUCT_MARKETPLACE = N_("Product: a commercial marketplace product (its name and publisher: "
                         "please complete)")
TOPIC = N_("Kind of problem: %(topic)s")
IMPACT = N_("Business impact: %(impact)s (%(description)s)")
FILL_IN = N_("Details (please complete):")
FIELDS = (
    N_("Organization name and domain:"),
    N_("What does not work, and since when:"),
    N_("How many users are affected:"),
    N_("Error messages (exact text or screenshots):"),
    N_("What we have already tried:"),
)
#: The details asked for depend on the kind of problem: a billing question, a suspected fraud or
#: a how-to question has no affected users or error messages.
FIELDS_BY_TOPIC: dict[str, tuple[str, ...]] = {
    "billing": (
        N_("Organization name and domain:"),
        N_("Invoice, subscription or charge concerned:"),
        N_("What looks wrong, and what we expected:"),
    ),
    "fraud": (
        N_("Organization name and domain:"),
        N_("What looks suspicious (resources, sign-ins or charges), and since when:"),
        N_("What we have already done to stop it:"),
    ),
    "non-break-fix": (
        N_("Organization name and domain:"),
        N_("What we would like to do, or what we would like to know:"),
        N_("What we have already read or tried:"),
    ),
}
CLOSING = N_("Thank you.")

#: The indirect reseller's message for its indirect provider, which files with Microsoft for
#: the reseller's customers and bills the reseller: the opening and the first field name the
#: customer concerned, the rest is as in the customer's message.
HEADING = N_("Message for your partner")
HEADING_PROVIDER = N_("Message for your indirect provider")
HELP = N_("Copy this message, print it or open it in your mail program, then add the details it "
          "asks for before you send it to your partner.")
HELP_PROVIDER = N_("Copy this message, print it or open it in your mail program, then add the "
                   "details it asks for before you send it to your indirect provider.")
INTRO_PROVIDER = N_("One of our customers needs help with a problem in their Microsoft cloud "
                    "services that we cannot solve ourselves. Please file a service request with "
                    "Microsoft for them.")
INTRO_PROVIDER_BY_TOPIC: dict[str, str] = {
    "billing": N_("We have a question about charges for cloud services we bought from you."),
    "fraud": N_("We suspect fraud in cloud services we bought from you and need your help at once."),
    "non-break-fix": N_("One of our customers has a question about their Microsoft cloud services "
                        "that we cannot answer ourselves. Please take it to Microsoft for them."),
}
CUSTOMER_FIELD = N_("Customer concerned (organization name and domain):")


def mailto(subject: str, body: str) -> str:
    """A ``mailto:`` address with no recipient: UTF-8 percent-encoded, CRLF line breaks."""
    encoded_body = quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
    return f"mailto:?subject={quote(subject, safe='')}&body={encoded_body}"


def product_short_name(value: str, t: Translator) -> str:
    """The product's name for the message subject: its short name, where the option's label is
    a whole phrase ("A commercial marketplace product from another publisher")."""
    option = next(o for o in QUESTION_BY_ID["product"].options if o.value == value)
    return t(option.short or option.label)


def customer_message(answered: Sequence[Mapping[str, str]], t: Translator,
                     to_provider: bool = False) -> dict[str, str]:
    """``heading``, ``subject``, ``body`` and ``mailto`` of the message, in the reader's language:
    the customer's for its partner, or (``to_provider``) the reseller's for its provider.

    ``answered`` is the outcome's answers with their wording (:func:`wizard.engine.answered_json`).
    """
    given = {a["id"]: a for a in answered}
    product = given["product"]["answer"] if "product" in given else None
    subject = t(SUBJECT, product=product_short_name(given["product"]["value"], t)) if product \
        else t(SUBJECT_PLAIN)
    topic = given["topic"]["value"] if "topic" in given else None
    marketplace = product is not None and given["product"]["value"] == "marketplace"
    if to_provider:
        intro = INTRO_PROVIDER_BY_TOPIC.get(topic or "", INTRO_PROVIDER)
    else:
        intro = INTRO_BY_TOPIC.get(topic or "") or (INTRO_MARKETPLACE if marketplace else INTRO)
    lines = [t(GREETING), "", t(intro), ""]
    if marketplace:
        lines.append(t(PRODUCT_MARKETPLACE))
    elif product:
        lines.append(t(PRODUCT, product=product))
    if "topic" in given:
        lines.append(t(TOPIC, topic=given["topic"]["answer"]))
    if "impact" in given:
        level = SEVERITY_BY_IMPACT[given["impact"]["value"]]
        lines.append(t(IMPACT, impact=t(level.label), description=t(level.description)))
    lines += ["", t(FILL_IN)]
    fields = list(FIELDS_BY_TOPIC.get(topic or "", FIELDS))
    if to_provider and topic != "billing":
        fields[0] = CUSTOMER_FIELD  # the reseller writes for its customer, not for itself
    lines += [f"- {t(field)} " for field in fields]
    lines += ["", t(CLOSING)]
    body = "\n".join(lines)
    return {"heading": t(HEADING_PROVIDER if to_provider else HEADING),
            "help": t(HELP_PROVIDER if to_provider else HELP), "subject": subject,
            "body": body, "mailto": mailto(subject, body)}
