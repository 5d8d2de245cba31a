"""Property tests: arbitrary input gives a question, an outcome or a typed error, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wizard import InvalidAnswerError, next_question, valid_prefix
from wizard.flow import QUESTIONS

KNOWN_KEYS = [q.id for q in QUESTIONS]
KNOWN_VALUES = sorted({v for q in QUESTIONS for v in q.values})

keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12))
values = st.one_of(st.sampled_from(KNOWN_VALUES), st.text(max_size=12), st.integers(), st.none())
answer_dicts = st.dictionaries(keys, values, max_size=10)


@settings(max_examples=600, deadline=None)
@given(answer_dicts, st.sampled_from(["en", "pt-BR", "ru", "zh"]))
def test_engine_returns_a_question_an_outcome_or_a_typed_error(answers, lang):
    try:
        step = next_question(answers, lang)
    except InvalidAnswerError as err:
        # An incomplete set names the question still to answer, which the answers lack.
        assert err.key in answers or err.reason in {"unknown-key", "incomplete"}
        assert err.reason in {"unknown-key", "unknown-value", "not-applicable", "incomplete"}
        assert err.key in str(err)
        return
    assert step["status"] in {"question", "outcome"}
    if step["status"] == "question":
        assert step["question"]["id"] not in answers


@settings(max_examples=400, deadline=None)
@given(answer_dicts)
def test_valid_prefix_always_routes(answers):
    prefix, error = valid_prefix(answers)
    step = next_question(prefix)
    assert step["status"] in {"question", "outcome"}
    if error is None:
        assert prefix == answers
    else:
        assert error.key in answers or error.reason == "unknown-key"
        assert set(prefix) <= set(answers)


@given(st.one_of(st.none(), st.integers(), st.lists(st.text()), st.text()))
def test_non_mapping_input_is_a_typed_error(answers):
    try:
        next_question(answers)
    except InvalidAnswerError as err:
        assert err.reason == "unknown-key"
    else:
        raise AssertionError("accepted a non-mapping")
