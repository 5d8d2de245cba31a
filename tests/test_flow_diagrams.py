"""The flow diagrams (macros/pages/diagrams.py): every path of the engine can be followed in
them to its outcome, each answer leads to one box, and each diagram fits the page's width."""

from __future__ import annotations

import pytest

from macros.pages import diagrams
from wizard.engine import decide, pending_question
from wizard.flow import QUESTION_BY_ID
from wizard.i18n import LOCALES
from wizard.paths import enumerate_paths

PATHS = list(enumerate_paths())


@pytest.fixture(scope="module", params=list(LOCALES))
def planned(request: pytest.FixtureRequest) -> tuple[str, diagrams.Flow, list[diagrams.Diagram]]:
    labels = diagrams.Labels(request.param)
    flow = diagrams.build_flow()
    return request.param, flow, diagrams.plan(flow, labels)


def follow(path: dict[str, str], plan: list[diagrams.Diagram]) -> tuple[str, list[int]]:
    """Read the diagrams as a reader would: from diagram 1, take the edge carrying each answer,
    jump through a dashed box to its own diagram. Returns the outcome reached and the diagrams
    seen."""
    by_root = {d.root: d for d in plan}
    diagram = plan[0]
    node = diagram.root
    seen = [diagram.number]
    while node.kind == "question":
        assert node in diagrams.question_nodes(diagram.root, diagram.cut), (node.key, diagram.number)
        answer = path[node.key]
        edges = [child for values, child in node.edges if answer in values]
        assert len(edges) == 1, f"answer {node.key}={answer} leads to {len(edges)} boxes"
        node = edges[0]
        if node in diagram.cut:
            diagram = by_root[node]
            seen.append(diagram.number)
    return node.key, seen


def test_every_path_can_be_followed_to_its_outcome(planned) -> None:
    _, _, plan = planned
    reached: set[int] = set()
    for path in PATHS:
        outcome, seen = follow(path, plan)
        assert outcome == decide(path).spec.id, path
        reached.update(seen)
    assert reached == {d.number for d in plan}, "a diagram no path goes through"


def test_each_edge_asks_the_question_of_its_box_and_the_questions_come_in_the_engine_order(planned) -> None:
    _, flow, _ = planned
    for node, prefixes in flow.reached_by.items():
        for answers in prefixes:
            question = pending_question(answers)
            if node.kind == "question":
                assert question is not None and question.id == node.key
                values = [v for vs, _ in node.edges for v in vs]
                assert sorted(values) == sorted(QUESTION_BY_ID[node.key].values)
            else:
                assert question is None and decide(answers).spec.id == node.key


def test_every_diagram_fits_the_text_column_at_its_natural_size(planned) -> None:
    locale, _, plan = planned
    assert plan[0].number == 1 and [d.number for d in plan] == list(range(1, len(plan) + 1))
    for diagram in plan:
        assert 0 < diagram.width <= diagrams.MAX_WIDTH, (locale, diagram.number, diagram.width)


def test_labels_wrap_by_display_width() -> None:
    assert diagrams.wrap("Whose subscription has the problem?", 18) == ["Whose subscription", "has the problem?"]
    chinese = "你的组织是否拥有高级合作伙伴支持计划？"
    lines = diagrams.wrap(chinese, 18)
    assert all(diagrams.columns(line) <= 18 for line in lines) and "".join(lines) == chinese
    assert not lines[1].startswith("？")


def test_chinese_labels_break_between_words() -> None:
    # Each of these once broke inside a word (订阅, 合作伙伴, 争议, 计划).
    cases = {
        "出问题的是谁的订阅？": ["出问题的是谁的", "订阅？"],
        "联系你的 CSP 合作伙伴": ["联系你的 CSP", "合作伙伴"],
        "计费或订阅管理（包括争议）": ["计费或订阅管理", "（包括争议）"],
        "使用你自己的支持计划": ["使用你自己的支持", "计划"],
    }
    for text, lines in cases.items():
        assert diagrams.wrap(text, 18) == lines, text
