"""Every reachable path through the flow, for the golden file, the tests and the tables."""

from __future__ import annotations

from collections.abc import Iterator

from .engine import decide, follow_up_question, pending_question


def enumerate_paths(prefix: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """Yield every complete, valid set of answers reachable from ``prefix`` (depth first),
    including each stop of a customer's optional follow-up questions."""
    answers = dict(prefix or {})
    question = pending_question(answers)
    if question is None:
        yield answers
        follow_up = follow_up_question(answers)
        if follow_up is not None:
            for value in follow_up.values:
                yield from enumerate_paths({**answers, follow_up.id: value})
        return
    for value in question.values:
        yield from enumerate_paths({**answers, question.id: value})


def enumerate_states(prefix: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """Yield every reachable set of answers from ``prefix``: each open question's answers so far
    (the first question's are none), each complete path and each stop of a customer's optional
    follow-up questions, depth first, parents first.

    These are all the steps a reader can reach by answering, "change", "back" and "start
    again"; the build renders each of them ahead (``macros/hooks/state_table.py``).
    """
    answers = dict(prefix or {})
    yield answers
    question = pending_question(answers) or follow_up_question(answers)
    if question is None:
        return
    for value in question.values:
        yield from enumerate_states({**answers, question.id: value})


def golden_records() -> list[dict[str, object]]:
    """Each path with its language-neutral outcome fields, in a stable order."""
    records = []
    for answers in enumerate_paths():
        decision = decide(answers)
        records.append({
            "answers": answers,
            "outcome": decision.spec.id,
            "contact": decision.spec.contact,
            "channel": decision.spec.channel,
            "severity": decision.severity,
            "first_response": decision.first_response,
        })
    return records
