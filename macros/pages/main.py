"""Page macros (mkdocs-macros): tables, notes and the flow diagrams, rendered from ``wizard``.

Every number, severity mapping, vehicle list and source date on the site comes from here, so a
page never restates what the data holds. Output is localized by the page's language: the
language of the page's *content*, so an English page shown in place of a missing translation
keeps English tables. Labels are gettext messages from ``wizard.ui.SITE_MESSAGES`` and the
wizard's own data; the translators' catalogs cover both.

The functions below the ``define_env`` hook are plain functions of a locale (and of the page's
path where they link), so tests can call them directly.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # mkdocs-macros loads this file by path
    sys.path.insert(0, str(_ROOT))

from babel import Locale  # noqa: E402

from macros.pages.diagrams import flow_diagrams  # noqa: E402
from wizard.engine import decide  # noqa: E402
from wizard.facts import CHANNELS, CONTACTS, NON_BREAK_FIX_RESPONSE, SEVERITIES, VEHICLE_KINDS, VEHICLES  # noqa: E402
from wizard.flow import QUESTIONS, RULES, Condition  # noqa: E402
from wizard.i18n import CATALOG_NAMES, DEFAULT_LOCALE, Translator, format_date, format_duration  # noqa: E402
from wizard.l10n import format_label_list, format_list  # noqa: E402
from wizard.learn import learn_page  # noqa: E402
from wizard.outcomes import OUTCOMES  # noqa: E402
from wizard.paths import enumerate_paths  # noqa: E402
from wizard.sources import SOURCES  # noqa: E402
from wizard.ui import site_strings  # noqa: E402

SEVERITY_PAGE = "severity.md#severity-levels"
SOURCES_PAGE = "sources.md#source-pages"
RESPONSE_KEYS = (*SEVERITIES, "non-break-fix")


# --- helpers ------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]|#"} | {"<": "&lt;", ">": "&gt;"})


_ASCII_SPACE = re.compile(r"[ \t\r\n]+")


def md(text: str) -> str:
    """Escape text for a Markdown table cell or a link text.

    Runs of ASCII white space become one space; non-breaking spaces (Russian typography) stay.
    """
    return _ASCII_SPACE.sub(" ", text).strip().translate(_MD_SPECIAL)


def table(name: str, header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown pipe table in ``<div class="csp-table" data-table="name">`` (md_in_html).

    Cells are Markdown already (escape plain text with :func:`md`); the wrapper lets the
    stylesheet and the tests find the table without styling the table element itself, which
    would lose Material's table styles.
    """
    head = list(header)
    lines = ["| " + " | ".join(md(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    body = "\n".join(lines)
    return f'\n\n<div class="csp-table" data-table="{name}" markdown="1">\n\n{body}\n\n</div>\n\n'


def join_or(items: list[str], locale: str) -> str:
    """``a``, ``a or b``, ``a, b, or c`` in the locale's own list style (CLDR, via
    :mod:`wizard.l10n`), spaced as the locale writes it."""
    return format_list(items, locale, style="or")


def join_labels(labels: list[str], locale: str) -> str:
    """Answer labels as one phrase: the first as written, the others cased for mid-sentence."""
    return format_label_list(labels, locale, style="or")


def language_name(code: str, locale: str) -> str:
    """The name of a source copy's language (``pt-BR``, ``zh-CN``) in the page's language."""
    display = Locale.parse(CATALOG_NAMES.get(locale, locale), sep="_")
    try:
        name = Locale.parse(code, sep="-").get_display_name(display) or code
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:] if locale != "zh" else name


def time_tag(date: str, locale: str = DEFAULT_LOCALE) -> str:
    """A date in the page's language, the ISO value kept in ``datetime``."""
    return f'<time datetime="{date}">{format_date(date, locale)}</time>'


# --- the macros as functions of the locale ------------------------------------------------

def response_time(key: str, locale: str = DEFAULT_LOCALE) -> str:
    """The first-response target for severity A/B/C or for non-break-fix requests, in words."""
    t = Translator(locale)
    if key in SEVERITIES:
        return format_duration(SEVERITIES[key].first_response, t)
    if key == "non-break-fix":
        return format_duration(NON_BREAK_FIX_RESPONSE, t)
    raise KeyError(f"response_time: unknown key {key!r}; use one of {', '.join(RESPONSE_KEYS)}")


def severity_rows(locale: str) -> list[tuple[str, str, str, str]]:
    """(id, impact, meaning, first response) per severity: the severity table's content."""
    t = Translator(locale)
    return [(s.id, t(s.label), t(s.description), format_duration(s.first_response, t))
            for s in SEVERITIES.values()]


def severity_table(locale: str = DEFAULT_LOCALE) -> str:
    s = site_strings(Translator(locale))
    rows = [(f"**{sid}**", md(impact), md(meaning), md(response))
            for sid, impact, meaning, response in severity_rows(locale)]
    return table("severity", (s["col_severity"], s["col_impact"], s["col_meaning"], s["col_first_response"]), rows)


def support_vehicles(locale: str = DEFAULT_LOCALE) -> str:
    t = Translator(locale)
    s = site_strings(t)
    rows = [(md(t(VEHICLE_KINDS[v.kind])), md(t(v.label)), md(t(v.basis))) for v in VEHICLES]
    return table("vehicles", (s["col_kind"], s["col_vehicle"], s["col_basis"]), rows)


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


def _rule_targets() -> dict[str, tuple[set[str], set[str]]]:
    """Per rule: the severities and the first-response targets its paths can end with."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for answers in enumerate_paths():
        decision = decide(answers)
        severities, responses = found.setdefault(decision.rule.outcome, (set(), set()))
        if decision.severity:
            severities.add(decision.severity)
        elif decision.first_response:
            responses.add(decision.first_response)
    return found


def response_cell(severities: set[str], responses: set[str], t: Translator, s: dict[str, str],
                  link: str) -> str:
    """The decision table's severity / first-response cell for one rule."""
    if not severities and not responses:
        return md(s["none"])
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
        severities, responses = targets.get(rule.outcome, (set(), set()))
        rows.append((
            condition_text(rule.match, t, s),
            f"**{md(t(spec.title))}**",
            md(t(CONTACTS[spec.contact].label)),
            md(t(CHANNELS[spec.channel].label)),
            response_cell(severities, responses, t, s, page_dir + SEVERITY_PAGE),
        ))
    return rows


def decision_table(locale: str = DEFAULT_LOCALE, page_dir: str = "") -> str:
    s = site_strings(Translator(locale))
    header = (s["col_rule"], s["col_outcome"], s["col_contact"], s["col_channel"],
              f"{s['col_severity']} / {s['col_first_response']}")
    return table("decision", header, decision_rows(locale, page_dir))


def source_checked(source_id: str) -> str:
    """The oldest check date of the facts drawn from a source: when all of them were last read
    against Microsoft's current pages."""
    from macros.pages.currency import all_facts

    return min(f.currency.checked for f in all_facts().values() if f.ref.source == source_id)


def cite(source_id: str, locale: str = DEFAULT_LOCALE, page_dir: str = "") -> str:
    """``Source: <title>, dated <date>`` as its own paragraph, the title linking to the sources."""
    if source_id not in SOURCES:
        raise KeyError(f"cite: unknown source {source_id!r}; use one of {', '.join(SOURCES)}")
    t = Translator(locale)
    source = SOURCES[source_id]
    link = f"[{md(t(source.title))}]({source.learn_url(locale)})"
    checked = source_checked(source_id)
    text = site_strings(t)["cite_checked"]
    line = md(text.replace("%(title)s", "\0").replace("%(date)s", "\1").replace("%(checked)s", "\2"))
    line = line.replace("\0", link).replace("\1", time_tag(source.date, locale))
    line = line.replace("\2", time_tag(checked, locale))
    return f"\n\n{line}\n{{: .csp-cite }}\n\n"


# --- mkdocs-macros hook -------------------------------------------------------------------

def page_locale(page: Any) -> str:
    """The language of a page's content (static-i18n sets ``file.locale``)."""
    file = getattr(page, "file", None)
    return getattr(file, "locale", None) or DEFAULT_LOCALE


def page_dir(page: Any) -> str:
    """The prefix that makes a sibling's path relative to the page's source folder."""
    file = getattr(page, "file", None)
    src = getattr(file, "src_uri", "") or ""
    localization = getattr(file, "localization", None)
    if localization and src.startswith(f"{localization}/"):
        src = src[len(localization) + 1:]
    depth = src.count("/")
    return "../" * depth


def define_env(env: Any) -> None:
    """Register the macros; each reads the locale of the page being rendered."""

    def locale() -> str:
        return page_locale(env.page)

    def prefix() -> str:
        return page_dir(env.page)

    env.macro(lambda: severity_table(locale()), "severity_table")
    env.macro(lambda key: response_time(key, locale()), "response_time")
    env.macro(lambda: support_vehicles(locale()), "support_vehicles")
    env.macro(lambda: decision_table(locale(), prefix()), "decision_table")
    env.macro(lambda: flow_diagrams(locale()), "flow_diagrams")
    env.macro(lambda source_id: cite(source_id, locale(), prefix()), "cite")

    from macros.pages import currency

    env.macro(lambda: currency.sources_table(locale()), "sources_table")
    env.macro(lambda: currency.learn_pages_table(locale()), "learn_pages_table")
    env.macro(lambda: currency.changes_table(locale()), "changes_table")
    env.macro(lambda: currency.unconfirmed_table(locale()), "unconfirmed_table")
    env.macro(lambda fact_id: currency.fact_note(fact_id, locale()), "fact_note")
    env.macro(lambda: currency.scope_note(locale()), "scope_note")
    env.macro(lambda page_id: learn_page(page_id).url(locale()), "learn_url")

    def wizard_widget() -> str:
        from macros.pages.wizard_widget import render

        return render(locale())

    env.macro(wizard_widget, "wizard_widget")
