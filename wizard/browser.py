"""The entry point the browser calls (inside Pyodide, from ``wizard/web/worker.mjs``).

The page hands over the answers from its query string and its locale; this module returns
everything the renderer draws as one JSON document. It makes every decision the page would
otherwise have to make: which answers of a tampered or outdated link are usable, the message
about the rest, the query string of each "change" link, the URLs of the guidance sections and
the "copy request details" text. It never raises: a failure becomes ``{"status": "failed"}``,
on which the page shows its static fallback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from .engine import InvalidAnswerError, next_step, pending_question, valid_prefix
from .flow import QUESTION_BY_ID
from .guides import GUIDE_PAGES
from .i18n import DEFAULT_LOCALE, Translator, UnknownLocaleError, normalize_locale
from .text import request_summary
from .ui import ui_strings


def translator(lang: str | None) -> Translator:
    """The page's locale, or English for a code the site does not publish."""
    try:
        return Translator(normalize_locale(lang))
    except UnknownLocaleError:
        return Translator(DEFAULT_LOCALE)


def page_href(guide: str, directory_urls: bool = True) -> str:
    """The built URL of ``page.md[#anchor]`` (same locale) relative to the built wizard page.

    With directory URLs ``wizard.md`` is built as ``wizard/index.html``, so siblings are one
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
    ``URLSearchParams.get`` would.
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
        if key not in answers:
            answers[key] = value
        elif answers[key] != value and duplicate is None:
            question = QUESTION_BY_ID.get(key)
            allowed = question.values if question else tuple(QUESTION_BY_ID)
            duplicate = InvalidAnswerError(key, value, "unknown-value" if question else "unknown-key",
                                           allowed)
    return answers, duplicate


def _answers_with_links(answers: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for i, answer in enumerate(answers):
        before = [(a["id"], a["value"]) for a in answers[:i]]
        out.append({**answer, "change": query_string(before)})
    return out


def _guide_link(guide: str, t: Translator, directory_urls: bool) -> dict[str, str]:
    page = guide.split("#", 1)[0]
    return {"guide": guide, "title": t(GUIDE_PAGES[page]) if page in GUIDE_PAGES else page,
            "href": page_href(guide, directory_urls)}


def step_data(raw_answers: object, lang: str | None = DEFAULT_LOCALE,
              directory_urls: bool = True) -> dict[str, Any]:
    """What the page renders for the answers in its URL; see the module docstring."""
    t = translator(lang)
    try:
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
    except Exception as err:  # the page falls back to its static table
        return {"status": "failed", "lang": t.locale, "message": f"{type(err).__name__}: {err}"}

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
        data["guides"] = [_guide_link(question["guide"], t, directory_urls)]
    else:
        outcome = step["outcome"]
        data["outcome"] = outcome
        data["answers"] = _answers_with_links(outcome["answers"])
        data["summary"] = request_summary(outcome, t)
        guides = dict.fromkeys(source["guide"] for source in outcome["sources"])
        data["guides"] = [_guide_link(guide, t, directory_urls) for guide in guides]
    return data


def step(raw_answers: object, lang: str | None = DEFAULT_LOCALE, directory_urls: bool = True) -> str:
    """:func:`step_data` as a JSON string (what the worker posts back to the page)."""
    return json.dumps(step_data(raw_answers, lang, directory_urls), ensure_ascii=False)


def ui(lang: str | None = DEFAULT_LOCALE) -> dict[str, str]:
    """The interface strings of the browser wizard in the page's locale."""
    return ui_strings(translator(lang))
