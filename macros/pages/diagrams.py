"""The wizard's flow as diagrams a reader can follow, drawn at build time by Graphviz ``dot``.

Nothing here knows the questions: the diagrams are derived from the engine
(:func:`wizard.engine.pending_question` and :func:`wizard.engine.decide`) by walking every
path, so they follow any change to ``wizard.flow.QUESTIONS`` or ``RULES``.

How the picture is made readable:

* **One box per situation, not per question.** The walk builds the decision tree and merges
  the subtrees that are equal (same question, and every answer leads to an equal subtree), as a
  reduced decision diagram does. A box therefore always means the same continuation: each
  answer leads to exactly one box, and each edge carries the answers that take it (``any`` only
  when every answer to that question goes the same way, so the condition is the whole truth).
* **Diagrams that fit the page.** A diagram is drawn at its natural size (1 SVG unit = 1 CSS
  pixel, 16 px text, the body's size) and must be at most :data:`MAX_WIDTH` pixels wide, the width of the text
  column of a 1280-pixel-wide screen. When a diagram is wider, its largest sub-flow is cut
  out into a diagram of its own, with a dashed box that links to it, until it fits: top to
  bottom first, left to right if that is narrower.
* **Text the page can translate and a reader can find.** The SVG is inlined, its text is the
  wizard's own gettext messages in the page's language, and every diagram has a text version
  (a nested list of the same questions, answers and outcomes, with links).

Graphviz comes from Debian (``make setup-build`` installs it). dot measures the labels with the
build machine's fonts (DejaVu Sans, and WenQuanYi Zen Hei for Chinese, also from Debian), among
the wider of the usual system fonts, so the reader's own fonts fit in the boxes.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from html import escape

from macros.pages.helpers import join_labels
from wizard.engine import decide, pending_question
from wizard.flow import QUESTION_BY_ID, QUESTIONS
from wizard.i18n import DEFAULT_LOCALE, Translator
from wizard.outcomes import OUTCOMES
from wizard.ui import SITE_MESSAGES, site_strings

#: Widest diagram, in CSS pixels: Material's text column on a 1280-pixel-wide screen (both
#: sidebars shown) is 690 px wide; the rest is margin.
MAX_WIDTH = 680
#: Material's text column on a 412-pixel-wide phone (16 px margins). A wider diagram would be
#: scaled down there, its text below the body's size, so a phone shows the diagram's text
#: version instead, laid out top to bottom as a flow of boxes (site.css, ``.csp-flow__stack``).
PHONE_WIDTH = 380
#: The body text's size (Material's 0.8rem at its 20 px root), so a label reads as the text does.
FONT_SIZE = 16
#: Characters per label line (a wide character, as in Chinese, counts two).
WRAP = 18
TEXT_VERSION = SITE_MESSAGES["flow_text"]

QUESTION_COLOUR = "#3f51b5"  # Material's indigo, the site's primary colour
OUTCOME_FILL = "#e8eaf6"


@dataclass(frozen=True)
class Node:
    """A question with where each group of answers leads, or (``edges`` empty) an outcome."""

    kind: str  # "question" or "outcome"
    key: str  # the question id or the outcome id
    edges: tuple[tuple[tuple[str, ...], Node], ...] = ()

    @functools.cached_property
    def size(self) -> int:
        return 1 + sum(child.size for _, child in self.edges)


@dataclass
class Flow:
    """The reduced decision diagram and, for each node, the answers that lead to it."""

    root: Node
    reached_by: dict[Node, list[dict[str, str]]] = field(default_factory=dict)

    def order(self, node: Node) -> int:
        """Where the walk first reached the node: a tie-break that does not depend on hashing."""
        return list(self.reached_by).index(node)


def build_flow() -> Flow:
    nodes: dict[Node, Node] = {}  # hash-consing: equal subtrees become one node
    reached_by: dict[Node, list[dict[str, str]]] = {}

    def walk(answers: dict[str, str]) -> Node:
        question = pending_question(answers)
        if question is None:
            node = Node("outcome", decide(answers).spec.id)
        else:
            groups: dict[Node, list[str]] = {}
            for value in question.values:
                groups.setdefault(walk({**answers, question.id: value}), []).append(value)
            node = Node("question", question.id, tuple((tuple(v), child) for child, v in groups.items()))
        node = nodes.setdefault(node, node)
        reached_by.setdefault(node, []).append(answers)
        return node

    root = walk({})
    return Flow(root, reached_by)


# --- planning: which diagrams, and what each one shows -------------------------------------------

@dataclass
class Diagram:
    number: int
    root: Node
    cut: frozenset[Node]  # nodes drawn as links to their own diagram
    rankdir: str = "TB"
    width: float = 0.0
    height: float = 0.0
    svg: str = ""


def question_nodes(root: Node, cut: frozenset[Node]) -> list[Node]:
    """The question nodes a diagram draws in full, breadth first from its root."""
    seen: list[Node] = []
    queue = [root]
    while queue:
        node = queue.pop(0)
        if node in seen or node.kind != "question":
            continue
        seen.append(node)
        queue += [child for _, child in node.edges if child not in cut]
    return seen


_CJK = "\u2e80-\u9fff\uff00-\uffef"
#: Punctuation that must not start a line; it stays with the word before it.
_CLOSING = "、。，．：；？！）”》"
#: Punctuation that must not end a line; it stays with the word after it.
_OPENING = "（“《"


@functools.cache
def _segmenter():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _tokens(text: str) -> list[str]:
    """Words and spaces: a run of Chinese is cut into words (jieba), each keeping the closing
    punctuation after it; anything else splits at spaces."""
    tokens: list[str] = []
    for run in re.findall(rf"[{_CJK}]+|[^{_CJK}]+", text):
        if not re.match(rf"[{_CJK}]", run):
            tokens += re.findall(r"\S+\s*|\s+", run)
            continue
        opening = ""
        for word in _segmenter().lcut(run, HMM=False):
            if all(c in _OPENING for c in word):
                opening += word
            elif tokens and not opening and all(c in _CLOSING for c in word) and re.search(rf"[{_CJK}]$", tokens[-1]):
                tokens[-1] += word
            else:
                tokens.append(opening + word)
                opening = ""
        if opening:
            tokens.append(opening)
    return tokens


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Lines of at most ``width`` columns (a wide character counts two), broken between words:
    Chinese is cut into words first, so a line never ends inside one (a word wider than the
    line is the only one cut, between its characters)."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        pieces = [token]
        if columns(token.rstrip()) > width:
            pieces = list(token)  # wider than a line: the only case a word is cut
        for piece in pieces:
            if line and columns(line + piece.rstrip()) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def dot_label(text: str) -> str:
    lines = wrap(" ".join(text.split()))
    return '"' + "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines) + '"'


class Labels:
    """The localized words of one locale's diagrams."""

    def __init__(self, locale: str) -> None:
        self.t = Translator(locale)
        self.s = site_strings(self.t)
        self.locale = locale

    def node(self, node: Node) -> str:
        if node.kind == "question":
            return self.t(QUESTION_BY_ID[node.key].prompt)
        return self.t(OUTCOMES[node.key].title)

    def answers(self, qid: str, values: tuple[str, ...]) -> str:
        question = QUESTION_BY_ID[qid]
        if set(values) == set(question.values):
            return self.s["any"]
        return join_labels([self.t(o.label) for o in question.options if o.value in values], self.locale)


def to_dot(diagram: Diagram, numbers: dict[Node, int], labels: Labels) -> str:
    ids: dict[Node, str] = {}

    def node_id(node: Node) -> str:
        return ids.setdefault(node, f"n{len(ids)}")

    font = f'fontname="sans-serif" fontsize={FONT_SIZE}'
    lines = [
        "digraph flow {",
        f'  graph [rankdir={diagram.rankdir} bgcolor=transparent nodesep=0.25 ranksep=0.35 {font}];',
        f'  node [shape=box style="rounded" color="{QUESTION_COLOUR}" penwidth=1.5 margin="0.12,0.06" {font}];',
        f'  edge [color="#555555" arrowsize=0.7 {font}];',
    ]
    drawn: list[Node] = []
    for node in question_nodes(diagram.root, diagram.cut):
        drawn.append(node)
        label = dot_label(labels.node(node))
        lines.append(f"  {node_id(node)} [label={label} tooltip={label}];")
        for values, child in node.edges:
            edge_label = dot_label(labels.answers(node.key, values))
            if child.kind == "outcome":
                if child not in ids:
                    child_label = dot_label(labels.node(child))
                    lines.append(f'  {node_id(child)} [label={child_label} tooltip={child_label} '
                                 f'style="rounded,filled,bold" fillcolor="{OUTCOME_FILL}" color="#1a237e"];')
            elif child in diagram.cut and child not in ids:
                target = numbers[child]
                child_label = dot_label(f"{labels.node(child)} → {target}")
                lines.append(f'  {node_id(child)} [label={child_label} tooltip={child_label} style="rounded,dashed" '
                             f'URL="#flow-{target}" target="_self"];')
            lines.append(f"  {node_id(node)} -> {node_id(child)} [label={edge_label}];")
    lines.append("}")
    return "\n".join(lines)


class DotError(RuntimeError):
    pass


@functools.lru_cache(maxsize=512)
def run_dot(source: str) -> str:
    exe = shutil.which("dot")
    if exe is None:
        raise DotError("Graphviz 'dot' is not installed: run 'make setup-build' (Debian package graphviz)")
    done = subprocess.run([exe, "-Tsvg"], input=source, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DotError(f"dot failed: {done.stderr.strip()}")
    return done.stdout


_SIZE = re.compile(r'<svg width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


def render(diagram: Diagram, numbers: dict[Node, int], labels: Labels) -> None:
    svg = run_dot(to_dot(diagram, numbers, labels))
    size = _SIZE.search(svg)
    if size is None:
        raise DotError("dot wrote an SVG without a size")
    diagram.width, diagram.height = float(size["w"]), float(size["h"])
    diagram.svg = svg


def plan(flow: Flow, labels: Labels) -> list[Diagram]:
    """The diagrams, each as wide as the page allows, numbered in reading order."""
    diagrams: list[Diagram] = []
    numbers: dict[Node, int] = {}
    numbers[flow.root] = 1
    queue = [flow.root]
    while queue:
        root = queue.pop(0)
        number = numbers[root]
        cut: frozenset[Node] = frozenset()
        while True:
            # Numbers for the cut nodes that are not planned yet, so the labels can name them.
            provisional = dict(numbers)
            for node in sorted(cut - provisional.keys(), key=lambda n: (-n.size, flow.order(n))):
                provisional[node] = len(provisional) + 1
            best = None
            for rankdir in ("TB", "LR"):
                diagram = Diagram(number, root, cut, rankdir)
                render(diagram, provisional, labels)
                if best is None or diagram.width < best.width:
                    best = diagram
                if diagram.width <= MAX_WIDTH:
                    break
            inside = [child for node in question_nodes(root, cut) for _, child in node.edges
                      if child.kind == "question" and child not in cut]
            if best.width <= MAX_WIDTH or not inside:
                break
            cut = cut | {max(inside, key=lambda n: n.size)}
        for node in sorted(cut - numbers.keys(), key=lambda n: (-n.size, flow.order(n))):
            numbers[node] = len(numbers) + 1
            queue.append(node)
        # Re-render with the final numbers (the provisional ones may differ).
        render(best, numbers, labels)
        diagrams.append(best)
    return sorted(diagrams, key=lambda d: d.number)


# --- HTML -----------------------------------------------------------------------------------------

#: Between the answers of a caption's path.
PATH_SEPARATOR = " › "


def conditions(flow: Flow, node: Node, labels: Labels) -> str:
    """The answers that lead to a diagram's first question, as a short path of answers (the
    questions themselves are in the diagrams before it, so the caption stays a line or two on
    a phone)."""
    prefixes = flow.reached_by.get(node, [])
    if not prefixes or not prefixes[0]:
        return ""
    keys = [q.id for q in QUESTIONS if all(q.id in p for p in prefixes)]
    combos = {tuple(p.get(k) for k in keys) for p in prefixes}
    per_key = [sorted({p[k] for p in prefixes}) for k in keys]
    total = 1
    for values in per_key:
        total *= len(values)
    if total == len(combos):  # every combination of the values: one part per question says it
        return PATH_SEPARATOR.join(labels.answers(k, tuple(v)) for k, v in zip(keys, per_key, strict=True))
    alternatives = []
    for combo in sorted(combos, key=str):
        alternatives.append(PATH_SEPARATOR.join(labels.answers(k, (v,)) for k, v in zip(keys, combo, strict=True)))
    return labels.s["or"].join(alternatives)


_STRIP = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->|<title>.*?</title>", re.DOTALL)


def inline_svg(diagram: Diagram, title_id: str) -> str:
    """dot's SVG as inline markup: 1 unit = 1 CSS pixel, no prolog, comments or node titles
    (a screen reader reads the figure's text version instead of the drawing)."""
    svg = _STRIP.sub("", diagram.svg)
    svg = svg.replace(f'width="{diagram.width:g}pt" height="{diagram.height:g}pt"',
                      f'width="{diagram.width:g}" height="{diagram.height:g}"', 1)
    svg = _SIZE.sub(lambda m: f'<svg width="{m["w"]}" height="{m["h"]}"', svg, count=1)
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{title_id}" focusable="false" ', 1)
    # Raw HTML blocks in Markdown end at a blank line; dot's output has none, but be sure.
    return "\n".join(line for line in svg.splitlines() if line.strip())


def text_version(diagram: Diagram, numbers: dict[Node, int], labels: Labels, prefix: str = "") -> str:
    """The diagram as a list: each question with where each answer leads (``prefix`` keeps the
    anchors of a second copy apart)."""
    nodes = question_nodes(diagram.root, diagram.cut)
    anchors = {node: f"flow-{diagram.number}-{prefix}{i + 1}" for i, node in enumerate(nodes)}
    items = []
    for node in nodes:
        answers = []
        for values, child in node.edges:
            label = escape(labels.answers(node.key, values))
            if child.kind == "outcome":
                target = f"<strong>{escape(labels.node(child))}</strong>"
            elif child in anchors:
                target = f'<a href="#{anchors[child]}">{escape(labels.node(child))}</a>'
            else:
                target = f'<a href="#flow-{numbers[child]}">{escape(labels.node(child))} ({numbers[child]})</a>'
            answers.append(f"<li>{label} → {target}</li>")
        items.append(f'<li id="{anchors[node]}">{escape(labels.node(node))}<ul>{"".join(answers)}</ul></li>')
    return f"<ol>{''.join(items)}</ol>"


def flow_diagrams(locale: str = DEFAULT_LOCALE) -> str:
    """Every diagram of the flow as a numbered figure with its text version (raw HTML)."""
    labels = Labels(locale)
    flow = build_flow()
    diagrams = plan(flow, labels)
    numbers = {d.root: d.number for d in diagrams}
    parts = []
    for diagram in diagrams:
        title_id = f"flow-{diagram.number}-title"
        condition = conditions(flow, diagram.root, labels)
        caption = f"{diagram.number}. {escape(labels.node(diagram.root))}"
        if condition:
            caption = f"{diagram.number}. {escape(condition)}"
        wide = diagram.width > PHONE_WIDTH
        stack = (f'<div class="csp-flow__stack">{text_version(diagram, numbers, labels, "s")}</div>\n'
                 if wide else "")
        parts.append(
            f'<figure class="csp-flow{" csp-flow--wide" if wide else ""}" id="flow-{diagram.number}" '
            f'data-diagram="{diagram.number}" data-width="{diagram.width:g}">\n'
            f'<figcaption id="{title_id}">{caption}</figcaption>\n'
            f'<div class="csp-flow__drawing">\n{inline_svg(diagram, title_id)}\n</div>\n'
            f"{stack}"
            f"<details class=\"csp-flow__text\"><summary>{escape(labels.t(TEXT_VERSION))}</summary>"
            f"{text_version(diagram, numbers, labels)}</details>\n"
            "</figure>"
        )
    return "\n\n" + "\n\n".join(parts) + "\n\n"
