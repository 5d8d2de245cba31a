"""The entry point of the browser wizard (called inside Pyodide by ``wizard/web/worker.js``).

The page hands over the answers from its query string, its locale and a few facts about the
built site; :func:`step` returns, as one JSON document, everything the page shows next. All
decisions are made here: which answers of a tampered or outdated link are usable and the
message about the rest (:func:`wizard.valid_prefix`), the next question or the outcome
(:func:`wizard.next_step`), the query string of each "change" link, the URLs of the guidance
sections, the "copy request details" text (:func:`wizard.text.request_summary`) and the HTML
of the question, the answers so far and the result. ``wizard.js`` inserts that HTML, keeps the
URL in step and moves the focus; the first question is rendered by the same functions at build
time (``macros/wizard_widget.py``), so the static and the live markup cannot drift apart.

:func:`step` never raises: an unexpected failure becomes ``{"status": "failed"}``, on which the
page shows its static fallback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any
from urllib.parse import urlencode

from .engine import InvalidAnswerError, next_step, pending_question, valid_prefix
from .flow import QUESTION_BY_ID
from .guides import GUIDE_PAGES
from .i18n import DEFAULT_LOCALE, Translator, UnknownLocaleError, format_date, normalize_locale
from .l10n import format_list
from .text import copy_text, currency_notes
from .typography import quote_stop
from .ui import ui_strings

#: Prefix of the element ids in the widget (one widget per page).
ID = "csp-wizard"
#: The site's page that lists the source pages and their dates.
SOURCES_GUIDE = "sources.md#source-pages"
#: Query keys that belong to the theme, not to the wizard: Material's search adds ``h`` (the
#: words to highlight) to the links of its results.
THEME_KEYS = frozenset({"h"})


def translator(lang: str | None) -> Translator:
    """The page's locale, or English for a code the site does not publish."""
    try:
        return Translator(normalize_locale(lang))
    except UnknownLocaleError:
        return Translator(DEFAULT_LOCALE)


def page_href(guide: str, directory_urls: bool = True) -> str:
    """The built URL of ``page.md[#anchor]`` (same locale) relative to the built wizard page.

    With directory URLs ``wizard.md`` is built as ``wizard/index.html``, so its siblings are one
    level up: ``report-a-problem.md#azure`` becomes ``../report-a-problem/#azure``.
    """
    path, _, anchor = guide.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    stem = path.removesuffix(".md")
    if directory_urls:
        return "../" + ("" if stem == "index" else f"{stem}/") + fragment
    return f"{stem}.html{fragment}"


def query_string(answers: Iterable[tuple[str, str]]) -> str:
    """``?role=...&scope=...`` for the answers, in the order given ('' when there are none)."""
    pairs = list(answers)
    return f"?{urlencode(pairs)}" if pairs else ""


def parse_pairs(raw: object) -> tuple[dict[str, str], InvalidAnswerError | None]:
    """Answers from the page: a JSON list of ``[key, value]`` pairs, such a list, or a mapping.

    A key given twice with different values is an error; the first value is kept, as
    ``URLSearchParams.get`` would. Input that is not pairs at all counts as an unknown key;
    the theme's own keys (:data:`THEME_KEYS`) are left out.
    """
    unreadable = InvalidAnswerError("?", None, "unknown-key", tuple(QUESTION_BY_ID))
    try:
        if isinstance(raw, str):
            raw = json.loads(raw) if raw.strip() else []
        pairs = list(raw.items()) if isinstance(raw, Mapping) else list(raw or ())
        pairs = [(str(key), str(value)) for key, value in pairs]
    except (ValueError, TypeError):
        return {}, unreadable
    answers: dict[str, str] = {}
    duplicate: InvalidAnswerError | None = None
    for key, value in pairs:
        if key in THEME_KEYS:
            continue
        if key not in answers:
            answers[key] = value
        elif answers[key] != value and duplicate is None:
            question = QUESTION_BY_ID.get(key)
            allowed = question.values if question else tuple(QUESTION_BY_ID)
            duplicate = InvalidAnswerError(key, value, "duplicate" if question else "unknown-key",
                                           allowed)
    return answers, duplicate


def _answers_with_links(answers: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for i, answer in enumerate(answers):
        before = [(a["id"], a["value"]) for a in answers[:i]]
        out.append({**answer, "change": query_string(before)})
    return out


def guide_link(guide: str, t: Translator, directory_urls: bool = True,
               sections: Mapping[str, str] | None = None) -> dict[str, str]:
    """A guidance section as a link: its URL from the wizard page and a title.

    ``sections`` maps ``page.md#anchor`` to the heading of that section on the reader's page
    (the page knows its headings at build time); the title is the page's, then the section's.
    """
    page = guide.split("#", 1)[0]
    title = t(GUIDE_PAGES[page]) if page in GUIDE_PAGES else page
    section = (sections or {}).get(guide)
    if section and section != title:
        title = f"{title} › {section}"  # a breadcrumb, readable in every language
    return {"guide": guide, "title": title, "href": page_href(guide, directory_urls)}


# --- HTML --------------------------------------------------------------------------------------

def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _version_date(date_html: str, version: str | None, strings: Mapping[str, str]) -> str:
    """A source's date, naming the language of its version when that is not the reader's."""
    return _fill(strings["version_date"], date=date_html, language=_e(version)) if version else date_html


def _fill(template: str, **values: str) -> str:
    """A ``%(name)s`` interface string with escaped text values put in."""
    out = _e(template)
    for key, value in values.items():
        out = out.replace(f"%({key})s", value).replace(f"%({key})d", value)
    return out


def _query_link(query: str, text: str, css: str, extra: str = "") -> str:
    # The href works on its own (same page, other query); wizard.js handles the click.
    return f'<a class="{css}" href="{_e(query or "?")}" data-query="{_e(query)}"{extra}>{text}</a>'


def answers_html(answers: list[dict[str, str]], strings: Mapping[str, str]) -> str:
    """The answers so far, each with a "change" link, and "start again"."""
    if not answers:
        return ""
    items = []
    for answer in answers:
        hidden = _fill(strings["change_answer"], question=_e(answer["question"]))
        change = _query_link(
            answer["change"],
            f'<span aria-hidden="true">{_e(strings["change"])}</span>'
            f'<span class="csp-wizard__sr">{hidden}</span>',
            "csp-wizard__change", f' data-change="{_e(answer["id"])}" data-value="{_e(answer["value"])}"',
        )
        items.append(
            f'<div class="csp-wizard__answer" data-answer="{_e(answer["id"])}">'
            f"<dt>{_e(answer['question'])}</dt><dd><span>{_e(answer['answer'])}</span> {change}</dd></div>"
        )
    restart = _query_link("", _e(strings["start_again"]), "csp-wizard__restart")
    return (
        f'<section class="csp-wizard__answers" aria-labelledby="{ID}-answers-title">'
        f'<h2 id="{ID}-answers-title">{_e(strings["answers_so_far"])}</h2>'
        f'<dl>{"".join(items)}</dl><p class="csp-wizard__restart-line">{restart}</p></section>'
    )


def question_html(data: Mapping[str, Any], strings: Mapping[str, str], kicker: str | None = None) -> str:
    """The question as a form of radio buttons; submitting it without script asks for the same
    page with the answers so far plus this one in the query string. ``kicker`` replaces the
    question number (a customer's optional question inside the result)."""
    question = data["question"]
    qid = question["id"]
    options = []
    for option in question["options"]:
        oid = f"{ID}-{qid}-{option['value']}"
        described = help_html = ""
        if option["help"]:
            described = f' aria-describedby="{oid}-help"'
            help_html = f'<span class="csp-wizard__option-help" id="{oid}-help">{_e(option["help"])}</span>'
        options.append(
            f'<div class="csp-wizard__option"><input type="radio" name="{_e(qid)}" value="{_e(option["value"])}" '
            f'id="{oid}"{described}><label for="{oid}">{_e(option["label"])}</label>{help_html}</div>'
        )
    hidden = "".join(f'<input type="hidden" name="{_e(a["id"])}" value="{_e(a["value"])}">'
                     for a in data["answers"])
    guide = data["guides"][0]
    back = ""
    if data["answers"]:
        last = data["answers"][-1]
        back = " " + _query_link(last["change"], _e(strings["back"]), "md-button csp-wizard__back",
                                 f' data-change="{_e(last["id"])}" data-value="{_e(last["value"])}"')
    number = _e(kicker) if kicker else _fill(strings["question_of"], num=str(data["number"]))
    if kicker:
        back = ""
    return (
        f'<form class="csp-wizard__question" method="get" data-question="{_e(qid)}" novalidate>'
        f'<fieldset aria-describedby="{ID}-help">'
        f'<legend class="csp-wizard__prompt" id="{ID}-prompt" tabindex="-1">'
        f'<span class="csp-wizard__number">{number}</span> '
        f'<h1 class="csp-wizard__question-title">{_e(question["prompt"])}</h1></legend>'
        f'<p class="csp-wizard__help" id="{ID}-help">{_e(question["help"])}</p>'
        f'<div class="csp-wizard__options">{"".join(options)}</div>'
        f'<p class="csp-wizard__invalid" id="{ID}-invalid" hidden>{_e(strings["choose_one"])}</p>'
        f"</fieldset>{hidden}"
        f'<p class="csp-wizard__guide"><span class="csp-wizard__label">{_e(strings["read_guidance"])}</span> '
        f'<a href="{_e(guide["href"])}">{_e(guide["title"])}</a></p>'
        f'<div class="csp-wizard__actions">'
        f'<button type="submit" class="md-button md-button--primary">{_e(strings["next"])}</button>{back}'
        f"</div></form>"
    )


def _fact(key: str, label: str, value: str) -> str:
    return f'<div class="csp-wizard__fact" data-fact="{key}"><dt>{_e(label)}</dt><dd>{value}</dd></div>'


def _more(name: str, summary: str, body: str) -> str:
    """A collapsed part of the result (notes, reasons, sources, freshness): one click away."""
    return (f'<details class="csp-wizard__more" data-more="{name}"><summary>{_e(summary)}</summary>'
            f"{body}</details>")


def outcome_html(data: Mapping[str, Any], strings: Mapping[str, str], sources_href: str) -> str:
    """The result, in the order a reader acts on it: what to do (whom to contact, where, the
    first step, and the severity and first-response target where they belong to the reader's
    own request), the actions (copy, print, share), the steps, the targets of someone else's
    request labelled for whom they are, the customer's message; then, collapsed, the notes,
    the reasons, the sources and how current it is."""
    o = data["outcome"]
    channel = _e(o["channel_label"])
    if o["channel_url"]:
        url = o["channel_url"]
        if "<" in url:  # a pattern the reader completes, not an address
            channel += f'<br><code class="csp-wizard__url">{_e(url)}</code>'
        else:
            channel += (f'<br><a class="csp-wizard__portal" href="{_e(url)}" rel="noopener">'
                        f'{_e(strings["open_portal"])}: {_e(url)}</a>')
    # Severity and target only where the outcome has them, labelled for whose request they are:
    # the reader's own ("you"), the indirect provider's or the customer's partner's.
    who = o.get("targets_for") or "you"
    suffix = {"provider": "_provider", "partner": "_partner"}.get(who, "_you")
    targets = ""
    # No severity under the CSP benefit: the line says what decides it (own plan, act now)
    # rather than "not applicable"; with neither, the line is left out.
    if o["severity_label"]:
        targets += _fact("severity", strings["severity" + suffix], _e(o["severity_label"]))
    elif o.get("severity_note_text"):
        targets += _fact("severity", strings["severity" + suffix], _e(o["severity_note_text"]))
    if o["first_response_text"]:
        targets += _fact("first_response", strings["first_response" + suffix],
                         _fill(strings["within"], duration=_e(o["first_response_text"])))
    lead = _fact("contact", strings["contact"], _e(o["contact_label"])) + _fact("channel", strings["channel"], channel)
    if o["steps"]:
        lead += _fact("first-step", strings["first_step"], _e(o["steps"][0]))
    others = ""
    if who == "you":
        lead += targets
    elif targets:
        others = f'<dl class="csp-wizard__facts csp-wizard__targets" data-targets-for="{_e(who)}">{targets}</dl>'
    steps = "".join(f"<li>{_e(s)}</li>" for s in o["steps"])
    howto = ""
    if o.get("howto"):
        howto = (f'<p class="csp-wizard__label">{_e(strings["howto"])}</p><ul class="csp-wizard__howto">'
                 + "".join(f'<li><a href="{_e(h["url"])}" rel="noopener">{_e(h["title"])}</a></li>'
                           for h in o["howto"]) + "</ul>")
    more = []
    if o["caveats"]:
        more.append(_more("caveats", strings["caveats"], '<ul class="csp-wizard__caveats">'
                          + "".join(f"<li>{_e(c)}</li>" for c in o["caveats"]) + "</ul>"))
    why = "".join(f"<p>{_e(w)}</p>" for w in o["why"])
    more.append(_more("why", strings["why"], f'<div class="csp-wizard__why">{why}</div>'))
    guides = "".join(f'<li><a href="{_e(g["href"])}">{_e(g["title"])}</a></li>' for g in data["guides"])
    cited = dict.fromkeys((s["title"], s["date"], s["url"], s.get("version")) for s in o["sources"])
    sources = "".join(
        "<li>" + _fill(strings["source_dated"], title=f'<a href="{_e(url)}" rel="noopener">{_e(title)}</a>',
                       date=_version_date(_time(date, o["lang"]), version, strings)) + "</li>"
        for title, date, url, version in cited
    )
    more.append(_more("sources", strings["sources"],
                      f'<ul class="csp-wizard__sources">{sources}</ul>'
                      f'<p><a href="{_e(sources_href)}">{_e(strings["all_sources"])}</a></p>'
                      f'<p class="csp-wizard__label">{_e(strings["read_guidance"])}</p>'
                      f'<ul class="csp-wizard__guides">{guides}</ul>'))
    more.append(_more("currency", strings["currency"], currency_html(o, strings)))
    message = message_html(o["message"], strings) if o.get("message") else ""
    follow_up = data.get("follow_up_html", "")
    attrs = " ".join(
        f'data-{name}="{_e(o[key] or "")}"'
        for name, key in (("outcome", "outcome"), ("contact", "contact"), ("channel", "channel"),
                          ("severity", "severity"), ("first-response", "first_response"))
    )
    return (
        f'<section class="csp-wizard__result" {attrs} aria-labelledby="{ID}-result-title">'
        f'<p class="csp-wizard__kicker">{_e(strings["result"])}</p>'
        f'<h1 class="csp-wizard__result-title" id="{ID}-result-title" tabindex="-1">'
        f'<span class="csp-wizard__title">{_e(o["title"])}</span></h1>'
        f'<dl class="csp-wizard__facts csp-wizard__lead">{lead}</dl>'
        f'<div class="csp-wizard__actions">'
        f'<button type="button" class="md-button md-button--primary" data-action="copy">'
        f'{_e(strings["copy_message" if o.get("message") else "copy"])}</button> '
        f'<button type="button" class="md-button" data-action="print">{_e(strings["print"])}</button> '
        f'<button type="button" class="md-button" data-action="share" data-done="{_e(strings["link_copied"])}" '
        f'data-failed="{_e(strings["share_failed"])}">{_e(strings["share"])}</button> '
        + _query_link("", _e(strings["start_again"]), "md-button csp-wizard__restart")
        + "</div>"
        f'<div class="csp-wizard__copy" hidden><p id="{ID}-copy-help">{_e(strings["copy_failed"])}</p>'
        f'<textarea class="csp-wizard__summary" readonly rows="8" aria-labelledby="{ID}-copy-help">'
        f'{_e(data["summary"])}</textarea></div>'
        f'<h2>{_e(strings["steps"])}</h2><ol class="csp-wizard__steps">{steps}</ol>{howto}'
        f"{others}{follow_up}{message}"
        f'<div class="csp-wizard__details">{"".join(more)}</div></section>'
    )


def message_html(message: Mapping[str, str], strings: Mapping[str, str]) -> str:
    """The customer's message for the partner, with a mail link (no address filled in); the
    result's copy and print buttons act on it."""
    subject = _fill(strings["message_subject"], subject=_e(message["subject"]))
    return (
        f'<section class="csp-wizard__message" aria-labelledby="{ID}-message-title">'
        f'<h2 id="{ID}-message-title">{_e(message["heading"])}</h2>'
        f'<p>{_e(message["help"])}</p>'
        f'<pre class="csp-wizard__message-text" tabindex="0"><strong>{subject}</strong>\n\n'
        f'{_e(message["body"])}</pre>'
        f'<p><a class="md-button" data-action="mail" href="{_e(message["mailto"])}">'
        f'{_e(strings["mail_message"])}</a></p></section>'
    )


def _time(date: str, locale: str) -> str:
    """A date for reading, with the ISO value kept in the ``datetime`` attribute."""
    return f'<time datetime="{_e(date)}">{_e(format_date(date, locale))}</time>'


def currency_html(o: Mapping[str, Any], strings: Mapping[str, str]) -> str:
    """When the result's facts were checked, what changed since the sources, and what is stated
    only as the source gave it."""
    c = o["currency"]
    lang = o["lang"]
    items = []
    for kind, fact, key, values in currency_notes(c):
        words = {k: _e(v) for k, v in values.items() if k in ("was", "why")}
        note = _fill(strings[key], date=_time(values["date"], lang), **words)
        if values.get("pages"):
            pages = format_list([f'<a href="{_e(p["url"])}" rel="noopener">{_e(p["title"])}</a>'
                                 for p in values["pages"]], lang)
            note = _fill(strings["changed_now"], note=note, pages=pages)
        fact_attr = f' data-fact="{_e(fact)}"' if fact else ""
        # _fill puts escaped values into the template outside the Translator, so the one
        # typography rule that spans a value and the template is applied here.
        items.append(f'<li data-currency="{kind}"{fact_attr}>{quote_stop(note, lang)}</li>')
    checked = _fill(strings["checked"], date=_time(c["checked"], lang))
    return (f'<div class="csp-wizard__currency" '
            f'data-checked="{_e(c["checked"])}"><p>{checked}</p>'
            + (f'<ul>{"".join(items)}</ul>' if items else "") + "</div>")


def alert_html(error: Mapping[str, Any] | None, strings: Mapping[str, str]) -> str:
    if not error:
        return ""
    return f'<p><strong>{_e(strings["bad_url"])}</strong> {_e(error["message"])}</p>'


# --- the entry point ---------------------------------------------------------------------------

def step_data(raw_answers: object, lang: str | None = DEFAULT_LOCALE, directory_urls: bool = True,
              sections: Mapping[str, str] | str | None = None) -> dict[str, Any]:
    """What the page shows for the answers in its URL (see the module docstring).

    ``status`` is ``question`` or ``outcome`` (with the engine's JSON under that key),
    ``query`` the usable answers as a query string, ``error`` the first problem with the
    answers given (``None`` if all were usable), ``html`` the markup of the pieces.
    """
    t = translator(lang)
    try:
        if isinstance(sections, str):
            sections = json.loads(sections) if sections else None
        given, error = parse_pairs(raw_answers)
        accepted, prefix_error = valid_prefix(given)
        error = error or prefix_error
        if error is None and set(given) - set(accepted):
            # Answers were dropped without a reason: an earlier question is still open.
            pending = pending_question(accepted)
            if pending is not None:
                error = InvalidAnswerError(pending.id, None, "incomplete", pending.values)
        try:
            step = next_step(accepted, t.locale)
        except InvalidAnswerError as err:
            accepted, error = {}, error or err
            step = next_step(accepted, t.locale)

        strings = ui_strings(t)
        data: dict[str, Any] = {
            "status": step["status"],
            "lang": t.locale,
            "query": query_string(accepted.items()),
            "error": error.to_json(t) if error else None,
        }
        if step["status"] == "question":
            question = step["question"]
            data["question"] = question
            data["number"] = len(step["answers"]) + 1
            data["answers"] = _answers_with_links(step["answers"])
            data["guides"] = [guide_link(question["guide"], t, directory_urls, sections)]
            main = question_html(data, strings)
        else:
            outcome = step["outcome"]
            data["outcome"] = outcome
            data["answers"] = _answers_with_links(outcome["answers"])
            data["summary"] = copy_text(outcome, t)
            guides = dict.fromkeys(source["guide"] for source in outcome["sources"])
            data["guides"] = [guide_link(guide, t, directory_urls, sections) for guide in guides]
            if outcome.get("follow_up"):
                # The customer's optional questions, which fill in the message for the partner.
                follow = {"question": outcome["follow_up"], "answers": data["answers"],
                          "guides": [guide_link(outcome["follow_up"]["guide"], t, directory_urls, sections)]}
                data["follow_up_html"] = question_html(follow, strings, kicker=outcome["follow_up_heading"])
            main = outcome_html(data, strings, page_href(SOURCES_GUIDE, directory_urls))
        data["html"] = {
            "alert": alert_html(data["error"], strings),
            "answers": answers_html(data["answers"], strings),
            "main": main,
        }
        return data
    except Exception as err:  # the page falls back to its static table
        return {"status": "failed", "lang": t.locale, "message": f"{type(err).__name__}: {err}"}


def step(raw_answers: object, lang: str | None = DEFAULT_LOCALE, directory_urls: bool = True,
         sections: Mapping[str, str] | str | None = None) -> str:
    """:func:`step_data` as a JSON string (what the worker posts back to the page)."""
    return json.dumps(step_data(raw_answers, lang, directory_urls, sections), ensure_ascii=False)


def ui(lang: str | None = DEFAULT_LOCALE) -> dict[str, str]:
    """The interface strings of the browser wizard in the page's locale."""
    return ui_strings(translator(lang))
