"""The decision table: every routing rule with its outcome, contact, channel and targets.

Rendered on "How the routing works" and, as the no-WebAssembly fallback, inside the wizard
widget (:mod:`macros.pages.wizard_widget` receives it from the macros module).
"""

from __future__ import annotations

from macros.pages.helpers import join_labels, join_or, md, table
from wizard.engine import decide
from wizard.facts import CHANNELS, CONTACTS, SEVERITIES
from wizard.flow import QUESTIONS, RULES, Condition
from wizard.i18n import DEFAULT_LOCALE, Translator, format_duration
from wizard.outcomes import OUTCOMES
from wizard.paths import enumerate_paths
from wizard.ui import site_strings

SEVERITY_PAGE = "severity.md#severity-levels"


def condition_text(condition: Condition, t: Translator, s: dict[str, str]) -> str:
    """A rule's condition in words: each question with the answers that satisfy it."""
    if not condition:
        return md(s["any"])
    alternatives = []
    for alternative in condition:
        parts = []
        for question in QUESTIONS:  # question order, not the data's dict order
            if question.id not in alternative:
                continue
            values = alternative[question.id]
            if set(values) == set(question.values):
                answer = s["any"]
            else:
                answer = join_labels([t(o.label) for o in question.options if o.value in values], t.locale)
            parts.append(f"{md(t(question.prompt))} *{md(answer)}*")
        alternatives.append("<br>".join(parts))
    return f"<br>**{md(s['or'].strip())}**<br>".join(alternatives)


def _rule_targets() -> dict[str, tuple[set[str], set[str], bool]]:
    """Per rule: the severities and the first-response targets its paths can end with, and
    whether some of its paths end with neither (a customer's marketplace or billing question)."""
    found: dict[str, tuple[set[str], set[str], list[bool]]] = {}
    for answers in enumerate_paths():
        decision = decide(answers)
        severities, responses, untargeted = found.setdefault(decision.rule.outcome, (set(), set(), []))
        if decision.severity:
            severities.add(decision.severity)
        elif decision.first_response:
            responses.add(decision.first_response)
        else:
            untargeted.append(True)
    return {rule: (sev, resp, bool(none)) for rule, (sev, resp, none) in found.items()}


def response_cell(severities: set[str], responses: set[str], t: Translator, s: dict[str, str],
                  link: str, untargeted: bool = False) -> str:
    """The decision table's severity / first-response cell for one rule; ``untargeted`` when
    some of the rule's paths get neither a severity nor a target."""
    if not severities and not responses:
        return md(s["none"])
    cell = _targets_cell(severities, responses, t, s, link)
    return cell + "<br>" + md(s["otherwise_none"]) if untargeted else cell


def _targets_cell(severities: set[str], responses: set[str], t: Translator, s: dict[str, str],
                  link: str) -> str:
    if severities:
        everything = severities == set(SEVERITIES)
        text = s["severity_from_impact"] if everything else join_or(sorted(severities), t.locale)
        parts = [f"[{md(text)}]({link})"]
        if responses:
            other = join_or([format_duration(r, t) for r in sorted(responses)], t.locale)
            parts.append(md(s["response_from_severity"].replace("%(duration)s", "\0")).replace("\0", md(other)))
        return "<br>".join(parts)
    return md(join_or([format_duration(r, t) for r in sorted(responses)], t.locale))


def decision_rows(locale: str, page_dir: str = "") -> list[tuple[str, str, str, str, str]]:
    t = Translator(locale)
    s = site_strings(t)
    targets = _rule_targets()
    rows = []
    for rule in RULES:
        spec = OUTCOMES[rule.outcome]
        severities, responses, untargeted = targets.get(rule.outcome, (set(), set(), False))
        rows.append((
            condition_text(rule.match, t, s),
            f"**{md(t(spec.title))}**",
            md(t(CONTACTS[spec.contact].label)),
            md(t(CHANNELS[spec.channel].label)),
            response_cell(severities, responses, t, s, page_dir + SEVERITY_PAGE, untargeted),
        ))
    return rows


def decision_table(locale: str = DEFAULT_LOCALE, page_dir: str = "") -> str:
    s = site_strings(Translator(locale))
    header = (s["col_rule"], s["col_outcome"], s["col_contact"], s["col_channel"],
              f"{s['col_severity']} / {s['col_first_response']}")
    return table("decision", header, decision_rows(locale, page_dir))
