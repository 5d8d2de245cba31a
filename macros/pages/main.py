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

import sys
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # mkdocs-macros loads this file by path
    sys.path.insert(0, str(_ROOT))

from macros.pages import currency, wizard_widget  # noqa: E402
from macros.pages.decision import (  # noqa: E402, F401  (re-exported for the tests)
    SEVERITY_PAGE,
    condition_text,
    decision_rows,
    decision_table,
    response_cell,
)
from macros.pages.diagrams import flow_diagrams  # noqa: E402
from macros.pages.helpers import join_labels, join_or, language_name, md, table, time_tag  # noqa: E402, F401
from wizard.facts import NON_BREAK_FIX_RESPONSE, SEVERITIES, VEHICLE_KINDS, VEHICLES  # noqa: E402
from wizard.i18n import DEFAULT_LOCALE, Translator, format_duration  # noqa: E402
from wizard.l10n import format_list  # noqa: E402
from wizard.learn import learn_page  # noqa: E402
from wizard.sources import SOURCES, dated  # noqa: E402
from wizard.ui import site_strings, ui_strings  # noqa: E402

SOURCES_PAGE = "sources.md#source-pages"
RESPONSE_KEYS = (*SEVERITIES, "non-break-fix")


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


def source_checked(source_id: str) -> str:
    """The oldest check date of the facts drawn from a source: when all of them were last read
    against Microsoft's current pages."""
    return min(f.currency.checked for f in currency.all_facts().values() if f.ref.source == source_id)


def cite(source_id: str, locale: str = DEFAULT_LOCALE, page_dir: str = "", topic: str = "") -> str:
    """``Source: <title>, dated <date>`` as its own paragraph, the title linking to the page
    that documents the source's topics now. ``topic`` (a guide anchor of the source's
    ``topics``, e.g. ``technical-support.md#service-health``) is a topic Microsoft documents on
    another page now: the title is then not linked, and "Stated now on: <that page>" follows."""
    if source_id not in SOURCES:
        raise KeyError(f"cite: unknown source {source_id!r}; use one of {', '.join(SOURCES)}")
    t = Translator(locale)
    source = SOURCES[source_id]
    page_id = source.topic_page(topic) if topic else None
    if topic and page_id is None:
        raise KeyError(f"cite: {source_id} has no topic {topic!r}; use one of "
                       f"{', '.join(g for g, _ in source.topics)}")
    link = md(t(source.title)) if page_id else f"[{md(t(source.title))}]({source.learn_url(locale)})"
    checked = source_checked(source_id)
    text = site_strings(t)["cite_checked"]
    line = md(text.replace("%(title)s", "\0").replace("%(date)s", "\1").replace("%(checked)s", "\2"))
    date = dated(source, locale, time_tag(source.date_in(locale), locale), t)
    line = line.replace("\0", link).replace("\1", date)
    line = line.replace("\2", time_tag(checked, locale))
    if page_id:
        now = f"[{md(t(learn_page(page_id).title))}]({source.learn_url(locale, topic)})"
        said = md(ui_strings(t)["changed_now"].replace("%(note)s", "\0").replace("%(pages)s", "\1"))
        line = said.replace("\0", line).replace("\1", now)
        if locale == "zh":
            line = line.replace("。 ", "。")  # no space after a full-width full stop
    return f"\n\n{line}\n{{: .csp-cite }}\n\n"


def cite_all(source_ids: tuple[str, ...], locale: str = DEFAULT_LOCALE, page_dir: str = "",
             topic: str = "") -> str:
    """Several sources of one section as one ``Sources: <title>, dated <date> and …`` paragraph,
    with the oldest of their check dates, rather than one "Source:" line after another.
    ``topic`` is for a single source (see :func:`cite`)."""
    if len(source_ids) == 1:
        return cite(source_ids[0], locale, page_dir, topic)
    if topic:
        raise ValueError("cite: a topic is given for one source at a time")
    for source_id in source_ids:
        if source_id not in SOURCES:
            raise KeyError(f"cite: unknown source {source_id!r}; use one of {', '.join(SOURCES)}")
    t = Translator(locale)
    strings = ui_strings(t)
    items = []
    for source_id in source_ids:
        source = SOURCES[source_id]
        link = f"[{md(t(source.title))}]({source.learn_url(locale)})"
        item = md(strings["source_dated"].replace("%(title)s", "\0").replace("%(date)s", "\1"))
        items.append(item.replace("\0", link).replace("\1", time_tag(source.date, locale)))
    checked = min(source_checked(source_id) for source_id in source_ids)
    text = site_strings(t)["cites_checked"]
    line = md(text.replace("%(sources)s", "\0").replace("%(checked)s", "\2"))
    line = line.replace("\0", format_list(items, locale)).replace("\2", time_tag(checked, locale))
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
    env.macro(lambda *source_ids, topic="": cite_all(source_ids, locale(), prefix(), topic), "cite")

    env.macro(lambda: currency.sources_table(locale()), "sources_table")
    env.macro(lambda: currency.learn_pages_table(locale()), "learn_pages_table")
    env.macro(lambda: currency.changes_table(locale()), "changes_table")
    env.macro(lambda: currency.unconfirmed_table(locale()), "unconfirmed_table")
    env.macro(lambda fact_id: currency.fact_note(fact_id, locale()), "fact_note")
    env.macro(lambda collapsed=False: currency.scope_note(locale(), collapsed), "scope_note")
    env.macro(lambda page_id: learn_page(page_id).url(locale()), "learn_url")

    env.macro(lambda: wizard_widget.render(locale(), title=str(env.page.meta.get("title") or env.page.title or "")),
              "wizard_widget")
