"""The customer's path: a few questions, then "contact your CSP partner" with a message ready to
send, the severity it would get if the partner escalates it, and the mail link, in every
language, in the library, the CLI and the browser's HTML."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from wizard import next_question, route
from wizard.browser import step_data
from wizard.currency import CHECKS
from wizard.facts import SEVERITY_BY_IMPACT
from wizard.flow import QUESTION_BY_ID
from wizard.i18n import LOCALES, Translator
from wizard.learn import LEARN_PAGES
from wizard.message import FIELDS, PRODUCT, PRODUCT_MARKETPLACE, SUBJECT, mailto
from wizard.paths import enumerate_paths

ROOT = Path(__file__).resolve().parents[1]
BREAK_FIX = {"role": "customer", "product": "azure", "topic": "break-fix", "impact": "critical"}


def label(question: str, value: str, t: Translator) -> str:
    return t(next(o.label for o in QUESTION_BY_ID[question].options if o.value == value))


def test_customers_get_the_answer_after_the_first_question_then_optional_questions():
    first = route({"role": "customer"})
    assert first["outcome"] == "customer-contact-partner"
    assert first["follow_up"]["id"] == "product", "the message can be prepared afterwards"
    asked = set()
    for answers in enumerate_paths({"role": "customer"}):
        asked |= set(answers)
        assert route(answers)["outcome"] == "customer-contact-partner"
    assert asked == {"role", "product", "topic", "impact"}, "nothing only a partner knows"
    last = route(BREAK_FIX)
    assert last["follow_up"] is None


def test_the_customer_is_told_where_to_find_their_partner():
    out = route({"role": "customer"}, "ru")
    assert any("Partner relationships" in s or "Отношения с партнерами" in s for s in out["steps"])
    assert CHECKS["customer-find-partner"].pages == ("m365-partners",)
    assert LEARN_PAGES["m365-partners"].path == "microsoft-365/commerce/manage-partners"


def test_billing_and_fraud_messages_ask_for_what_fits_them():
    billing = route({"role": "customer", "product": "azure", "topic": "billing"})["message"]["body"]
    assert "How many users are affected" not in billing and "Invoice" in billing
    fraud = route({"role": "customer", "product": "azure", "topic": "fraud"})["message"]["body"]
    assert "Error messages" not in fraud and "suspicious" in fraud


def test_a_question_gets_question_prompts_not_break_fix_ones():
    body = route({"role": "customer", "product": "azure", "topic": "non-break-fix"})["message"]["body"]
    assert "question about our Microsoft cloud services" in body
    assert "would like to do" in body
    assert not any(f in body for f in ("How many users are affected", "Error messages",
                                       "What does not work"))


@pytest.mark.parametrize("lang", list(LOCALES))
def test_the_message_names_product_kind_impact_and_the_fields_in_each_language(lang):
    t = Translator(lang)
    out = route(BREAK_FIX, lang)
    message = out["message"]
    assert label("product", "azure", t) in message["subject"]
    body = message["body"]
    assert label("product", "azure", t) in body
    assert label("topic", "break-fix", t) in body
    level = SEVERITY_BY_IMPACT["critical"]
    assert t(level.label) in body and t(level.description) in body, "Microsoft's words for the level"
    for field in FIELDS:
        assert t(field) in body
    if lang != "en":
        assert t(FIELDS[0]) != FIELDS[0], "the fields are translated"


@pytest.mark.parametrize("lang", list(LOCALES))
def test_the_subject_names_the_product_by_its_short_name_and_the_body_by_its_label(lang):
    t = Translator(lang)
    for option in QUESTION_BY_ID["product"].options:
        assert option.short, f"{option.value} has a short name for the subject"
        message = route({"role": "customer", "product": option.value}, lang)["message"]
        assert message["subject"] == t(SUBJECT, product=t(option.short))
        if option.value == "marketplace":
            # A kind of product: the body asks for the product's name and publisher instead.
            assert t(PRODUCT_MARKETPLACE) in message["body"]
        else:
            assert t(PRODUCT, product=t(option.label)) in message["body"], "the body keeps the full label"
    marketplace = route({"role": "customer", "product": "marketplace"}, lang)["message"]["subject"]
    assert label("product", "marketplace", t) not in marketplace
    assert len(marketplace) < len(t(SUBJECT, product=label("product", "marketplace", t)))


@pytest.mark.parametrize("lang", list(LOCALES))
def test_the_customers_optional_questions_explain_what_they_are_for(lang):
    t = Translator(lang)
    answers: dict[str, str] = {"role": "customer"}
    for key, value in (("product", "azure"), ("topic", "break-fix"), ("impact", None)):
        follow = route(answers, lang)["follow_up"]
        question = QUESTION_BY_ID[key]
        assert follow["id"] == key
        assert question.follow_up_help and follow["help"] == t(question.follow_up_help)
        assert follow["help"] != t(question.help), "not the partner's help about portals and targets"
        if value:
            answers[key] = value
    partner = next_question({"role": "direct-partner", "scope": "customer-subscription"}, lang)
    assert partner["question"]["help"] == t(QUESTION_BY_ID["product"].help)


def test_the_severity_is_the_partners_target_with_microsoft_with_the_currency_notes():
    out = route(BREAK_FIX)
    assert (out["severity"], out["first_response"], out["targets_for"]) == ("A", "PT2H", "partner")
    assert any(c.startswith("The site's reading:") and "if they escalate" in c for c in out["caveats"])
    assert {item["source_date"] for item in out["currency"]["not_reconfirmed"]} == {"2021-03"}
    html = step_data(BREAK_FIX)["html"]["main"]
    assert "Severity if your partner escalates it to Microsoft" in html
    assert "Microsoft&#x27;s first-response target for your partner" in html


@pytest.mark.parametrize("answers", [
    {"role": "customer", "product": "microsoft-365", "topic": "billing"},
    {"role": "customer", "product": "marketplace", "topic": "break-fix", "impact": "moderate"},
])
def test_no_severity_outside_break_fix_with_microsoft_and_billing_goes_to_the_partner(answers):
    out = route(answers)
    assert out["severity"] is None and out["first_response"] is None
    assert any("Billing and subscription questions also go to your CSP partner" in c for c in out["caveats"])


@pytest.mark.parametrize("lang", list(LOCALES))
def test_the_mailto_link_is_utf8_percent_encoded_with_crlf_and_no_address(lang):
    message = route(BREAK_FIX, lang)["message"]
    link = message["mailto"]
    assert link.startswith("mailto:?")
    parts = urlsplit(link)
    assert parts.path == "", "no recipient"
    assert all(ord(c) < 128 and c not in " \n\r" for c in link), "fully percent-encoded"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["subject"] == [message["subject"]]
    assert query["body"] == [message["body"].replace("\n", "\r\n")]
    assert "%0D%0A" in link and link.count("%0A") == link.count("%0D%0A"), "every line break is CRLF"


def test_mailto_encodes_reserved_characters():
    link = mailto("A&B = C?", "line 1\nline 2 #3 +4 ü 中")
    assert unquote(link.split("subject=")[1].split("&body=")[0]) == "A&B = C?"
    assert unquote(link.split("&body=")[1]) == "line 1\r\nline 2 #3 +4 ü 中"


def test_the_cli_route_includes_the_message():
    proc = subprocess.run([sys.executable, "-m", "wizard", "--lang", "pt-BR", "route", "role=customer",
                           "product=dynamics-365", "topic=break-fix", "impact=minimal", "--json"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    out = json.loads(proc.stdout)
    assert out["outcome"] == "customer-contact-partner"
    assert out["message"] == route({"role": "customer", "product": "dynamics-365", "topic": "break-fix",
                                    "impact": "minimal"}, "pt-BR")["message"]


def test_an_old_customer_link_still_works():
    data = step_data({"role": "customer", "product": "azure"})
    assert data["status"] == "outcome" and data["error"] is None
    assert data["outcome"]["follow_up"]["id"] == "topic"
    assert 'data-question="topic"' in data["html"]["main"], "the optional question is in the result"
    assert '<input type="hidden" name="product" value="azure">' in data["html"]["main"]


def test_the_result_html_has_the_message_the_mail_link_and_copy_and_print():
    data = step_data(BREAK_FIX, "zh")
    html = data["html"]["main"]
    assert 'class="csp-wizard__message"' in html
    assert 'data-action="mail" href="mailto:?subject=' in html
    assert 'data-action="copy"' in html and 'data-action="print"' in html
    message = data["outcome"]["message"]
    assert data["summary"] == f"{message['subject']}\n\n{message['body']}", "copy copies the message"


def test_the_messages_opening_fits_the_kind_of_problem_and_a_marketplace_product():
    billing = route({"role": "customer", "product": "azure", "topic": "billing"})["message"]["body"]
    assert "question about the billing" in billing and "problem in our Microsoft" not in billing
    fraud = route({"role": "customer", "product": "azure", "topic": "fraud"})["message"]["body"]
    assert "suspect fraud" in fraud
    market = route({"role": "customer", "product": "marketplace", "topic": "billing"})["message"]["body"]
    assert "its name and publisher" in market and "from another publisher" not in market
    outage = route({"role": "customer", "product": "azure", "topic": "break-fix",
                    "impact": "critical"})["message"]["body"]
    assert "problem in our Microsoft cloud services" in outage


def test_a_reseller_gets_a_message_for_its_provider_naming_the_customer():
    out = route({"role": "indirect-reseller", "scope": "customer-subscription",
                 "product": "microsoft-365", "topic": "break-fix", "impact": "moderate"})
    message = out["message"]
    assert message["heading"] == "Message for your indirect provider"
    assert "indirect provider" in message["help"]
    assert "One of our customers" in message["body"]
    assert "Customer concerned (organization name and domain):" in message["body"]
    billing = route({"role": "indirect-reseller", "scope": "customer-subscription",
                     "product": "azure", "topic": "billing"})["message"]["body"]
    assert "charges for cloud services we bought from you" in billing
    assert "Customer concerned" not in billing, "a billing question is the reseller's own"
    partner = route({"role": "direct-partner", "scope": "customer-subscription", "product": "azure",
                     "admin_access": "yes", "azure_role": "yes", "topic": "break-fix",
                     "impact": "moderate"})
    assert partner["message"] is None


def test_the_request_details_leave_a_place_for_the_customer():
    from wizard.text import request_summary

    answers = {"role": "direct-partner", "scope": "customer-subscription", "product": "azure",
               "admin_access": "yes", "azure_role": "yes", "topic": "break-fix", "impact": "moderate"}
    assert "Customer (organization name, domain and tenant ID)" in request_summary(route(answers), Translator("en"))
    own = {"role": "direct-partner", "scope": "own-subscription", "product": "azure"}
    assert "Customer (" not in request_summary(route(own), Translator("en"))
