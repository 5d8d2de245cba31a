"""Page macros about freshness: the Sources page, the "What has changed" page, and the notes
that follow a changed or not re-confirmed statement on the guidance pages.

All of it is read from :mod:`wizard.currency` (status and check date per fact),
:mod:`wizard.learn` (Microsoft Learn pages, in the reader's language where Microsoft has one)
and :mod:`wizard.sources`; nothing here states a fact of its own.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from macros.pages.helpers import md, table, time_tag
from wizard.currency import CHECKS, COPY_2023, COPY_LABEL, SOURCE_SAID, STATUSES, copy_url
from wizard.engine import statement
from wizard.facts import CHANNELS, CONTACTS, RESPONSE_NOTES, SEVERITIES, VEHICLES
from wizard.i18n import DEFAULT_LOCALE, Translator, format_date
from wizard.l10n import format_list, join_sentences
from wizard.learn import learn_page
from wizard.outcomes import CAVEAT_RULES, OUTCOMES, WITHDRAWN
from wizard.sources import SOURCES, dated
from wizard.ui import site_strings


@cache
def all_facts() -> dict[str, Any]:
    """Every fact the wizard and the site state, by fact id (withdrawn ones included)."""
    facts: dict[str, Any] = {}
    for group in (CONTACTS.values(), CHANNELS.values(), SEVERITIES.values(), VEHICLES, RESPONSE_NOTES):
        for item in group:
            facts[item.fact_id] = item
    for spec in OUTCOMES.values():
        for item in (*spec.steps, *spec.caveats, *spec.replaces):
            facts[item.fact_id] = item
    for rule in CAVEAT_RULES:
        facts[rule.fact.fact_id] = rule.fact
    for item in WITHDRAWN:
        facts[item.fact_id] = item
    return facts


def _source_date(ref: Any, locale: str, t: Translator, tag: bool = True) -> str:
    """The date of the source version the reader is shown (their own language's where there is
    one), saying which version it is when it is another language's."""
    iso = ref.date_in(locale)
    text = time_tag(iso, locale) if tag else format_date(iso, locale)
    return dated(SOURCES[ref.source], locale, text, t)


def learn_links(pages: tuple[str, ...], locale: str) -> str:
    t = Translator(locale)
    return "<br>".join(f"[{md(t(learn_page(p).title))}]({learn_page(p).url(locale)})" for p in pages)


def sources_table(locale: str = DEFAULT_LOCALE) -> str:
    """Each source page: its title, its Microsoft Learn address in the reader's language, its
    date, and what the site takes from it."""
    t = Translator(locale)
    s = site_strings(t)
    rows = []
    for source in SOURCES.values():
        link = "<br>".join(f"[{md(t(learn_page(p).title))}]({learn_page(p).url(locale)})"
                           for p in source.learn_ids())
        if source.retired:
            link = f"{md(s['retired_page'])}<br>{link}"
        date = dated(source, locale, time_tag(source.date_in(locale), locale), t)
        rows.append((f"**{md(t(source.title))}**", link, date, md(t(source.takes))))
    return table("sources", (s["col_source_page"], s["col_learn"], s["col_date"], s["col_takes"]), rows)


def learn_pages_table(locale: str = DEFAULT_LOCALE) -> str:
    """The current Microsoft pages the facts were checked against, with the last check date."""
    t = Translator(locale)
    s = site_strings(t)
    checked: dict[str, str] = {}
    for check in CHECKS.values():
        for page_id in check.pages:
            checked[page_id] = max(checked.get(page_id, ""), check.checked)
    rows = [(f"[{md(t(learn_page(p).title))}]({learn_page(p).url(locale)})", time_tag(date, locale))
            for p, date in sorted(checked.items(), key=lambda item: t(learn_page(item[0]).title))]
    # Where a current page could not be read in full, the newest full text: the 2023 copy.
    copies: dict[str, str] = {}
    for check in CHECKS.values():
        for name in check.copy:
            copies[name] = max(copies.get(name, ""), check.checked)
    for name, date in sorted(copies.items()):
        label = t(COPY_LABEL) % {"file": name, "date": format_date(COPY_2023[name], locale)}
        rows.append((f"[{md(label)}]({copy_url(name)})", time_tag(date, locale)))
    return table("learn-pages", (s["col_learn"], s["col_checked"]), rows)


def changes_table(locale: str = DEFAULT_LOCALE, statuses: tuple[str, ...] = ("changed", "withdrawn")) -> str:
    """What has changed since the sources: for each statement of a source that Microsoft no
    longer makes, what the source said (with its date), what Microsoft documents now (every fact
    that replaces it, in one row), where, what the check was made against, and when."""
    t = Translator(locale)
    s = site_strings(t)
    # One row per thing the source said; a statement of Microsoft's now that several of the
    # source's statements gave way to is listed once, in one row with each of them.
    groups: dict[tuple[str, str], list[Any]] = {}
    wases: dict[tuple[str, str], list[str]] = {}
    stated: dict[tuple[str, str], tuple[str, str]] = {}
    for item in all_facts().values():
        check = item.currency
        if check.status not in statuses:
            continue
        key = (check.status, check.was or "")
        said = md(statement(item, t)) if check.status == "changed" else ""
        if key not in groups and said and (check.status, said) in stated:
            key = stated[(check.status, said)]
        groups.setdefault(key, []).append(item)
        wases.setdefault(key, []).append(check.was or "")
        if said:
            stated.setdefault((check.status, said), key)
    rows = []
    for status in statuses:
        for key, items in groups.items():
            group_status = key[0]
            if group_status != status:
                continue
            was_cell = "<br>".join(md(t(w)) for w in dict.fromkeys(wases[key]))
            checks = [item.currency for item in items]
            if status == "changed":
                now = "<br>".join(dict.fromkeys(md(statement(item, t)) for item in items))
            else:
                # A withdrawn fact's own note says why (DAP, for one, is retired but still
                # described by Learn); only without a note does the row say "no longer documented".
                notes = dict.fromkeys(md(t(c.note)) for c in checks if c.note)
                now = "<br>".join(notes) if notes else f"*{md(s['status_withdrawn'])}*"
            pages = tuple(dict.fromkeys(p for c in checks for p in c.pages))
            basis = dict.fromkeys(md(t(c.note)) for c in checks if c.basis == "copy-2023" and c.note)
            where = learn_links(pages, locale) + ("<br>" + "<br>".join(basis) if basis else "")
            oldest = min(items, key=lambda i: i.ref.date_in(locale)).ref
            rows.append((
                was_cell + "<br>" + md(s["source_date"]).replace("%(date)s", _source_date(oldest, locale, t)),
                now,
                where,
                time_tag(min(c.checked for c in checks), locale),
            ))
    return table("changes", (s["col_source_said"], s["col_now"], s["col_learn"], s["col_checked"]), rows)


def unconfirmed_table(locale: str = DEFAULT_LOCALE) -> str:
    """The facts given as the sources stated them: no current page re-confirmed them."""
    t = Translator(locale)
    s = site_strings(t)
    # One row per statement: facts that state the same thing (in this language) share it, with
    # the oldest source date and check; the site's own advice resting on a statement is left out.
    groups: dict[str, list[Any]] = {}
    for item in all_facts().values():
        check = item.currency
        if check.status == "not-reconfirmed" and not check.rests_on:
            groups.setdefault(md(statement(item, t)), []).append(item)
    rows = []
    for said, items in groups.items():
        oldest = min(items, key=lambda i: i.ref.date_in(locale)).ref
        notes = "<br>".join(dict.fromkeys(md(t(i.currency.note or "")) for i in items))
        rows.append((said, _source_date(oldest, locale, t), notes,
                     time_tag(min(i.currency.checked for i in items), locale)))
    return table("unconfirmed", (s["col_fact"], s["col_date"], s["col_status"], s["col_checked"]), rows)


def fact_note(fact_id: str, locale: str = DEFAULT_LOCALE) -> str:
    """The note after a statement on a guidance page: "Changed since <date>. The source said…"
    for a changed fact, "Given as the source stated it…: <statement>" for one not re-confirmed."""
    facts = all_facts()
    if fact_id not in facts:
        raise KeyError(f"fact_note: unknown fact {fact_id!r}")
    item = facts[fact_id]
    check = item.currency
    t = Translator(locale)
    s = site_strings(t)
    if check.status in ("changed", "withdrawn"):
        template = s["changed_note"] if check.status == "changed" else s["withdrawn_note"]
        if check.status == "withdrawn" and check.note:
            # Its note says why, in place of "no longer documented by Microsoft".
            template = join_sentences((t(check.note), t(SOURCE_SAID)), locale)
        text = md(template).replace("%(date)s", _source_date(item.ref, locale, t, tag=False))
        text = text.replace("%(was)s", md(t(check.was or "")))
        links = format_list([learn_links((p,), locale) for p in check.pages], locale)
        if locale == "zh":
            # A link text that starts with Latin ("GDAP 角色指南") after a Chinese list word: the
            # list's own spacing cannot see through the Markdown bracket.
            links = re.sub(r"([\u4e00-\u9fff])\[(?=[A-Za-z0-9])", r"\1 [", links)
        body = md(s["note_with_pages"]).replace("%(pages)s", links).replace("%(note)s", text) if links else text
        css = "csp-changed"
    elif check.status == "not-reconfirmed":
        # The note names its statement: on a page it may follow another statement's note.
        said = md(statement(item, t))
        text = md(s["unconfirmed_note"]).replace("%(fact)s", said)
        text = text.replace("%(date)s", _source_date(item.ref, locale, t, tag=False))
        body = text.replace("%(checked)s", format_date(check.checked, locale))
        if check.note:  # why: still in Microsoft's 2023 copy, or already gone from it
            body = join_sentences((body, md(t(check.note))), locale)
        css = "csp-unconfirmed"
    else:
        return ""  # a current fact needs no note: its page is cited in the section's source line
    return f"\n\n{body}\n{{: .{css} data-fact=\"{fact_id}\" }}\n\n"


def status_label(status: str, locale: str) -> str:
    if status not in STATUSES:
        raise KeyError(status)
    return site_strings(Translator(locale))[f"status_{status}"]


def scope_note(locale: str = DEFAULT_LOCALE, collapsed: bool = False) -> str:
    """Which Partner Center the guidance covers: the global cloud, not 21Vianet's instance.
    ``collapsed`` shows only its title (a reader who saw it on the home page need not read it
    again on every guidance page) and opens on a click."""
    t = Translator(locale)
    s = site_strings(t)
    page = learn_page("national-clouds")
    marker = "???" if collapsed else "!!!"
    # The link reads as the page's own title (the versions of Partner Center and their addresses).
    text = join_sentences((md(s["scope_text"]), f"[{md(t(page.title))}]({page.url(locale)})"), locale)
    return (f'\n\n{marker} info "{md(s["scope_title"])}"\n    {text}\n\n'
            f'    [{md(s["scope_vianet"])}](sources.md#vianet-support)\n\n')
