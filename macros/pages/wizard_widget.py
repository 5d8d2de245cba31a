"""The wizard widget on each locale's wizard page, rendered at build time.

The markup holds the first question (rendered by ``wizard.browser``, the same code that renders
the later questions in the browser, so the reader can answer it before Python is ready), the
few interface strings the page script needs, and the fallback: a notice and the static decision
table (``macros.pages.decision.decision_table``, the same function as the ``decision_table()`` macro).

The root element starts as ``data-wizard-state="fallback"`` with the fallback shown, so a
browser without JavaScript shows the table and says why. A one-line script inside it (and
``wizard.js``, when a Content-Security-Policy blocks inline scripts) switches it to ``static``
at once; ``wizard.js`` then starts Pyodide in a module Web Worker and moves to ``ready``, or back
to ``fallback`` if WebAssembly is missing, the runtime fails to load or takes too long.

The root carries ``markdown="1"`` (``md_in_html``) so that the table, which the macro writes in
Markdown, is converted and its links are checked and rewritten by MkDocs like any other.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from html import escape
from pathlib import Path

from macros.hooks.pyodide_hook import WEB_PATH, runtime_paths
from macros.hooks.state_table import state_keys, states_path
from macros.pages.decision import decision_table
from wizard.browser import ID, answers_html, question_html, step_data
from wizard.guides import GUIDE_PAGES
from wizard.i18n import LOCALES, Translator
from wizard.ui import site_strings, ui_strings

DOCS = Path(__file__).resolve().parents[2] / "docs"
#: Milliseconds the page waits for news from the worker (snapshot download progress, ready)
#: before it shows the fallback instead: a slow link still gets there, a hang does not linger.
READY_TIMEOUT_MS = 15000
PACKAGE = "csp-support-wizard"
#: The interface strings the page script itself shows (the rest come rendered from Python).
SCRIPT_STRINGS = ("loading", "ready", "routing", "routing_download", "copied", "copy_failed", "choose_one")
#: Why the interactive wizard could not start, as ``wizard.js`` tells it apart (the cause it
#: puts in ``data-cause``): the message for each, in the reader's language.
FAILURE_CAUSES = ("wasm", "worker", "timeout", "load")

#: The inline script that switches the widget from "fallback" to "static" as soon as it is
#: parsed. The same in every locale; a Content-Security-Policy can allow it by its hash
#: (:func:`switch_script_hash`), and without it wizard.js does the same a little later.
SWITCH_SCRIPT = (
    "(function(r){r.setAttribute('data-wizard-state','static');"
    "r.querySelector('.csp-wizard__live').hidden=false;"
    "r.querySelector('.csp-wizard__fallback').hidden=true})"
    "(document.currentScript.parentNode)"
)

_HEADING = re.compile(r"^#{2,6}\s+(?P<text>.+?)\s*\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$", re.MULTILINE)
_INLINE_MD = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


@cache
def section_titles(locale: str, docs: Path = DOCS) -> dict[str, str]:
    """``page.md#anchor`` -> the heading of that section in the locale's guidance pages.

    Read from the Markdown sources (headings carry explicit ``{ #id }`` attributes); a page
    not translated yet is shown in English, so its headings come from ``docs/en``.
    """
    titles: dict[str, str] = {}
    for page in GUIDE_PAGES:
        source = docs / locale / page
        if not source.is_file():
            source = docs / "en" / page
        if not source.is_file():
            continue
        for match in _HEADING.finditer(source.read_text(encoding="utf-8")):
            text = _INLINE_MD.sub(lambda m: m.group(1) or "", match["text"]).strip()
            titles[f"{page}#{match['id']}"] = text
    return titles


def switch_script_hash() -> str:
    """The CSP source expression of :data:`SWITCH_SCRIPT` (``'sha256-...'``)."""
    digest = hashlib.sha256(SWITCH_SCRIPT.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def fallback_table(locale: str) -> str:
    """The decision table in Markdown: the ``decision_table()`` macro's own function."""
    return decision_table(locale, "")


def failure_causes(strings: dict[str, str]) -> str:
    """One paragraph per cause; ``wizard.js`` shows the one that applies (WebAssembly when it
    cannot tell)."""
    seconds = f"{READY_TIMEOUT_MS / 1000:g}"
    texts = {
        "wasm": f'{escape(strings["fallback_failed"])} {escape(strings["fallback_wasm_owner"])}',
        "worker": escape(strings["fallback_worker"]),
        "timeout": escape(strings["fallback_timeout"]).replace("%(seconds)s", seconds),
        "load": escape(strings["fallback_load"]),
    }
    return "".join(f'<p data-cause="{cause}"{"" if cause == "wasm" else " hidden"}>{texts[cause]}</p>'
                   for cause in FAILURE_CAUSES)


def render(locale: str, *, directory_urls: bool = True, title: str = "") -> str:
    """The widget's HTML for the wizard page of ``locale`` (``wizard.md`` at the locale root).

    The question (or the result) is the page's heading (``<h1>``), so the theme adds none; the
    fallback carries the page's ``title`` as its heading instead. The answers so far come after
    the question, as on GOV.UK's question pages: what the reader acts on comes first.
    """
    t = Translator(locale)
    strings = ui_strings(t)
    sections = section_titles(t.locale)
    step = step_data([], t.locale, directory_urls, sections)
    config = {
        "lang": t.locale,
        "timeout": READY_TIMEOUT_MS,
        "directoryUrls": directory_urls,
        "package": PACKAGE,
        "runtime": runtime_paths(),
        # Every reachable step, rendered by the same Python at build time (one JSON file each).
        "states": "../" * WEB_PATH.count("/") + "../" + states_path(directory_urls) + "/",
        # Their keys (the same in every locale): a link not among them goes to Python at once.
        "stateKeys": state_keys(),
        "sections": sections,
        "ui": {key: strings[key] for key in SCRIPT_STRINGS},
    }
    e = escape
    return (
        "\n\n"
        f'<div class="csp-wizard" id="{ID}" data-wizard-state="fallback" lang="{LOCALES[t.locale]}" '
        f'data-wizard-config="{e(json.dumps(config, ensure_ascii=False), quote=True)}" '
        # The tab's title follows the step (docs/assets/javascripts/reader.js): "step – page".
        f'data-title-format="{e(strings["page_title"], quote=True)}" markdown="1">\n'
        f'<div class="csp-wizard__live" hidden>'
        # The loading message is in the HTML (shown once the switch script runs) rather than
        # added by wizard.js, so the question below does not move when the script starts.
        f'<p class="csp-wizard__status" role="status" aria-live="polite" aria-atomic="true">'
        f'{e(strings["loading"])}</p>'
        f'<div class="csp-wizard__alert" role="alert"></div>'
        f'<div class="csp-wizard__main">{question_html(step, strings)}</div>'
        f'<div class="csp-wizard__answers-slot">{answers_html(step["answers"], strings)}</div>'
        f"</div>\n"
        f'<div class="csp-wizard__fallback" markdown="1">\n'
        + (f'<h1 class="csp-wizard__fallback-title">{e(title)}</h1>\n' if title else "")
        + f'<div class="csp-wizard__notice admonition info" data-notice="nojs">'
        f'<p class="admonition-title">{e(strings["fallback_title"])}</p>'
        f'<p>{e(strings["fallback_nojs"])}</p></div>\n'
        f'<div class="csp-wizard__notice admonition warning" data-notice="failed" hidden>'
        f'<p class="admonition-title">{e(strings["fallback_title"])}</p>'
        f"{failure_causes(strings)}</div>\n"
        f'<div class="csp-wizard__table-title" id="{ID}-table" role="heading" aria-level="2">'
        f'{e(strings["fallback_table"])}</div>\n'
        f'<p>{e(site_strings(t)["fallback_hint"])}</p>\n'
        f"{fallback_table(t.locale)}"
        f"</div>\n"
        f"<script>{SWITCH_SCRIPT}</script>\n"
        f"</div>\n\n"
    )
