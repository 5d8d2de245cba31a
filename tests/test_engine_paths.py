"""Exhaustive proof over the whole flow: every path ends in exactly one outcome."""

from __future__ import annotations

import difflib
from collections import Counter

import pytest

from tests.golden import GOLDEN, render
from wizard import next_question
from wizard.engine import decide, pending_question
from wizard.flow import QUESTIONS, RULES, holds
from wizard.outcomes import OUTCOMES
from wizard.paths import enumerate_paths

PATHS = list(enumerate_paths())


def walk(answers: dict[str, str]) -> list[str]:
    """The question ids the engine asks, in order, when given these answers one by one; after
    the outcome, the customer's optional questions it offers, as long as they were answered."""
    asked, so_far = [], {}
    while True:
        step = next_question(so_far)
        if step["status"] == "outcome":
            follow_up = step["outcome"]["follow_up"]
            if follow_up is None or follow_up["id"] not in answers:
                return asked
            qid = follow_up["id"]
        else:
            qid = step["question"]["id"]
        asked.append(qid)
        so_far[qid] = answers[qid]


def test_every_path_matches_exactly_one_rule():
    for answers in PATHS:
        matches = [rule.outcome for rule in RULES if holds(rule.match, answers)]
        assert len(matches) == 1, (answers, matches)


def test_no_question_is_asked_twice_and_every_answer_was_asked():
    for answers in PATHS:
        asked = walk(answers)
        assert len(asked) == len(set(asked)), answers
        assert set(asked) == set(answers), answers


def test_every_question_and_every_option_is_reachable():
    seen = Counter((key, value) for answers in PATHS for key, value in answers.items())
    for question in QUESTIONS:
        for value in question.values:
            assert seen[(question.id, value)] > 0, (question.id, value)


def test_every_outcome_is_reachable():
    reached = {decide(answers).spec.id for answers in PATHS}
    assert reached == set(OUTCOMES)


def test_every_next_node_of_every_question_is_reachable():
    """Smart-answers style: for each question, each option leads somewhere (question or outcome)."""
    successors: dict[tuple[str, str], set[str]] = {}
    for answers in PATHS:
        asked = walk(answers)
        for i, qid in enumerate(asked):
            after = asked[i + 1] if i + 1 < len(asked) else "outcome:" + decide(answers).spec.id
            successors.setdefault((qid, answers[qid]), set()).add(after)
    for question in QUESTIONS:
        for value in question.values:
            assert successors.get((question.id, value)), (question.id, value)


def test_answers_that_do_not_apply_are_never_asked():
    for answers in PATHS:
        for question in QUESTIONS:
            if question.id not in answers:
                continue
            earlier = {k: v for k, v in answers.items() if k != question.id}
            assert holds(question.ask_when, earlier), (question.id, answers)


def test_complete_paths_have_no_pending_question():
    for answers in PATHS:
        assert pending_question(answers) is None


def test_golden_file_matches_the_engine():
    expected = GOLDEN.read_text(encoding="utf-8")
    actual = render()
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), "golden", "engine", n=0))
        pytest.fail("routing changed; review and run `make golden`:\n" + diff[:4000])


def test_targets_only_for_break_fix_and_other_technical_requests_under_the_csp_benefit():
    for answers in PATHS:
        decision = decide(answers)
        if decision.spec.csp_benefit and answers.get("topic") == "break-fix":
            assert decision.first_response in {"PT2H", "PT4H", "PT8H"}
        elif decision.spec.csp_benefit and answers.get("topic") == "non-break-fix":
            assert decision.first_response == "P1D"
        elif decision.spec.partner_escalation and answers.get("topic") == "break-fix" \
                and "impact" in answers and answers["product"] != "marketplace":
            # the customer's break-fix: what the partner's escalation to Microsoft would get
            assert decision.first_response in {"PT2H", "PT4H", "PT8H"}
        else:
            # billing and a suspected fraud carry no target of the site's inference
            assert decision.severity is None and decision.first_response is None, answers


def test_service_request_rules_state_the_gdap_answer():
    """The decision table shows every answer a filing rule rests on, GDAP included."""
    from wizard.flow import RULES
    for rule in RULES:
        if rule.outcome in ("azure-service-request", "admin-center-service-request",
                            "dynamics-service-request"):
            assert all(alt.get("admin_access") == frozenset({"yes"}) for alt in rule.match)


def test_own_microsoft_365_route_cites_the_admin_center_answer():
    """The own-tenant Microsoft 365 route cites the FAQ answer about the admin center, not Azure's."""
    from wizard.engine import route
    out = route({"role": "direct-partner", "scope": "own-subscription", "product": "microsoft-365"})
    sections = {s["section"] for s in out["sources"]}
    assert "what-happens-if-i-sign-into-the-azure-portal-and-bypass-partner-center" not in sections


@pytest.mark.parametrize("locale", ["en", "pt_BR", "ru", "zh_Hans"])
def test_a_decision_row_whose_other_answers_get_no_severity_says_so(locale):
    """The customer's row promises a severity only where the wizard gives one: a marketplace
    product or a billing question gets none, and the cell says so after the severities."""
    from macros.pages.decision import decision_rows
    from wizard.i18n import Translator
    from wizard.ui import site_strings
    t = Translator(locale)
    none_for_some = site_strings(t)["otherwise_none"]
    cells = {row[1]: row[4] for row in decision_rows(locale)}
    customer = next(cell for title, cell in cells.items() if t("Contact your CSP partner") in title)
    assert customer.endswith(none_for_some)
    azure = next(cell for title, cell in cells.items()
                 if t("File an Azure service request for the customer") in title)
    assert none_for_some not in azure
