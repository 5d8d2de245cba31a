"""Shared pieces of the browser tests: the built site, one local server, one Chromium.

Import the fixtures into a test module (``from tests.browser_helpers import ...``). Each
importing module gets its own copy of a fixture, so the server and the browser are kept in this
module and shared by all of them (Playwright's sync API allows one instance per thread); they
are stopped when the session ends. Nothing is built here: the site is conftest's ``site``
fixture (built once per session, or ``SITE_DIR``).

- ``wizard_site``: the built site's folder.
- ``site_server``: an HTTP server on 127.0.0.1 that serves the site under the path of the
  configured ``site_url`` (``/csp-support/``), as it is deployed (``macros.server.serve``).
- ``browser``: Debian's Chromium driven by Playwright.
"""

from __future__ import annotations

import atexit
import json
import os
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from macros.server.serve import serve_in_thread
from wizard.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
#: Site locale -> folder under the site root (the default language is at the root).
LOCALE_DIRS = {"en": "", "pt-BR": "pt-BR/", "ru": "ru/", "zh": "zh/"}
#: How long a test waits for Pyodide; the page itself gives up after READY_TIMEOUT_MS.
READY_WAIT_MS = 30000


@pytest.fixture(scope="session")
def wizard_site(site: Any) -> Path:
    assert (site.root / "wizard" / "index.html").is_file(), f"{site.root} has no wizard page"
    return site.root


@dataclass
class SiteServer:
    site: Path
    origin: str
    prefix: str

    def url(self, locale: str = "en", page: str = "wizard/", query: str = "") -> str:
        return f"{self.origin}{self.prefix}{LOCALE_DIRS[locale]}{page}{query}"


def start_server(site: Path, prefix: str) -> tuple[Any, SiteServer]:
    """Serve ``site`` under ``prefix`` with the project's static server (``macros.server.serve``),
    without the ``_headers`` file: the header tests apply it on a server of their own."""
    server, base = serve_in_thread(site, prefix=prefix, headers=False)
    origin = base[: -len(server.RequestHandlerClass.prefix)]
    return server, SiteServer(site, origin, server.RequestHandlerClass.prefix)


_shared: dict[str, Any] = {}


def _stop_shared() -> None:
    if "server" in _shared:
        _shared.pop("server").shutdown()
    if "chromium" in _shared:
        _shared.pop("chromium").close()
    if "playwright" in _shared:
        _shared.pop("playwright").stop()


atexit.register(_stop_shared)


@pytest.fixture(scope="session")
def site_server(site: Any) -> SiteServer:
    """One server per session, however many test modules import this fixture."""
    if "site_server" not in _shared:
        _shared["server"], _shared["site_server"] = start_server(site.root, site.base_path)
    return _shared["site_server"]


@pytest.fixture(scope="session")
def browser() -> Any:
    """One Chromium per session (Playwright's sync API allows one instance per thread)."""
    if "chromium" not in _shared:
        from playwright.sync_api import sync_playwright

        assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (make setup-browser)"
        _shared["playwright"] = sync_playwright().start()
        _shared["chromium"] = _shared["playwright"].chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return _shared["chromium"]


# --- helpers for the tests --------------------------------------------------------------------

def close_context(context: Any) -> None:
    """Close a browser context whose pages may still have route handlers in flight (a state file
    or a worker request intercepted by a test): Playwright raises from such a handler when its
    context goes away, and the error lands on whichever test runs next."""
    for page in context.pages:
        page.unroute_all(behavior="ignoreErrors")
    context.unroute_all(behavior="ignoreErrors")
    context.close()



def cli_route(answers: dict[str, str], lang: str) -> dict[str, Any]:
    """``python -m wizard route k=v ... --json --lang X``, run in-process."""
    out = StringIO()
    code = cli_main(["route", *(f"{k}={v}" for k, v in answers.items()), "--json", "--lang", lang], stdout=out)
    assert code == 0
    return json.loads(out.getvalue())


#: The reader's setting that starts Python at once (wizard/web/wizard.js, warmUpAlways).
WARM_UP_AT_ONCE = 'try { localStorage.setItem("csp-wizard-warm-up", "always"); } catch (e) {}'


def wait_ready(page: Any) -> int:
    """Wait until the wizard is ready; the Pyodide start-up time the page measured (ms).

    A page that judged the link too slow to load Python before a step needs it (the timings of
    its own files, which a loaded test machine stretches even on localhost) is reloaded once
    with the reader's "load Python at once" setting."""
    ready = '#csp-wizard[data-wizard-state="ready"]'
    deferred = '#csp-wizard[data-python-start="deferred"]'
    page.wait_for_selector(f"{ready}, {deferred}", timeout=READY_WAIT_MS, state="attached")
    if page.get_attribute("#csp-wizard", "data-wizard-state") != "ready":
        page.wait_for_timeout(500)  # a step that needs Python may start it just after "deferred"
        if page.get_attribute("#csp-wizard", "data-python-start") == "deferred":
            page.evaluate(WARM_UP_AT_ONCE)
            page.reload()
        page.wait_for_selector(ready, timeout=READY_WAIT_MS, state="attached")
    return int(page.get_attribute("#csp-wizard", "data-ready-ms") or -1)


def answer(page: Any, qid: str, value: str) -> None:
    """Choose an answer with a click on its label and press Continue."""
    form = page.locator(f'form.csp-wizard__question[data-question="{qid}"]')
    form.locator(f'label[for="csp-wizard-{qid}-{value}"]').click()
    form.locator('button[type="submit"]').click()


def step_selector(answers: dict[str, str], lang: str) -> str:
    """The selector of what the page shows after ``answers``, as the engine decides it."""
    from wizard import next_step

    step = next_step(answers, lang)
    if step["status"] == "question":
        return f'form.csp-wizard__question[data-question="{step["question"]["id"]}"]'
    return f'.csp-wizard__result[data-outcome="{step["outcome"]["outcome"]}"]'


def expect_step(page: Any, answers: dict[str, str], lang: str) -> None:
    """Wait until the page shows what the engine says comes after ``answers``."""
    page.wait_for_selector(step_selector(answers, lang), timeout=10000)


def walk(page: Any, path: dict[str, str], lang: str) -> None:
    """Answer the questions of ``path`` one at a time, as a reader would, up to the result."""
    so_far: dict[str, str] = {}
    expect_step(page, so_far, lang)
    for qid, value in path.items():
        answer(page, qid, value)
        so_far[qid] = value
        expect_step(page, so_far, lang)


#: What the result on the page says, in the shape of the engine's outcome JSON (a function
#: expression, evaluated in Chromium by Playwright and in Firefox by tests/firefox.mjs).
RESULT_JS = """() => {
  const r = document.querySelector('.csp-wizard__result');
  const text = (el) => el ? el.textContent.trim() : null;
  const fact = (k) => text(r.querySelector(`[data-fact="${k}"] dd`));
  return {
    outcome: r.dataset.outcome, contact: r.dataset.contact, channel: r.dataset.channel,
    severity: r.dataset.severity || null, first_response: r.dataset.firstResponse || null,
    title: text(r.querySelector('.csp-wizard__title')),
    contact_label: fact('contact'), channel_text: fact('channel'),
    severity_text: fact('severity'), first_response_text: fact('first_response'),
    steps: [...r.querySelectorAll('.csp-wizard__steps li')].map(text),
    caveats: [...r.querySelectorAll('.csp-wizard__caveats li')].map(text),
    why: [...r.querySelectorAll('.csp-wizard__why p')].map(text),
    summary: r.querySelector('.csp-wizard__summary').value,
    lang: document.documentElement.lang,
  };
}"""


def result_on_page(page: Any) -> dict[str, Any]:
    """What the result on the page says, in the shape of the engine's outcome JSON."""
    return page.evaluate(RESULT_JS)


def paths_to_walk(lang: str, every_outcome_in_english: bool = True) -> list[dict[str, str]]:
    """At least one path per contact kind; in English also one per outcome id (unless asked not
    to: the Firefox leg walks one path per contact kind in each locale).

    The locales take different paths of the same kind, so together they cover more ground.
    """
    from wizard import LOCALES
    from wizard.engine import decide
    from wizard.paths import enumerate_paths

    shift = list(LOCALES).index(lang) * 5
    by_contact: dict[str, list[dict[str, str]]] = {}
    by_outcome: dict[str, list[dict[str, str]]] = {}
    for path in enumerate_paths():
        spec = decide(path).spec
        by_contact.setdefault(spec.contact, []).append(path)
        by_outcome.setdefault(spec.id, []).append(path)
    chosen = [paths[shift % len(paths)] for paths in by_contact.values()]
    if lang == "en" and every_outcome_in_english:
        covered = {decide(p).spec.id for p in chosen}
        chosen += [paths[-1] for outcome, paths in by_outcome.items() if outcome not in covered]
    return chosen


def locale_share(lang: str) -> list[dict[str, str]]:
    """This locale's share of the one-path-per-contact-kind list (paths_to_walk): the locales
    walk different kinds, and the four together every kind once."""
    from wizard import LOCALES

    index = list(LOCALES).index(lang)
    return paths_to_walk(lang, every_outcome_in_english=False)[index::len(LOCALES)]


#: A tampered link of each kind: (query, the answers the wizard keeps).
TAMPERED = {
    # unknown key: everything else is used, the message names the key
    "unknown-key": ("?role=customer&colour=blue", {"role": "customer"}),
    # invalid value: resumes at that question
    "unknown-value": ("?role=direct-partner&scope=someone-else", {"role": "direct-partner"}),
    # answers that do not fit together: an Azure-only question for a Microsoft 365 request
    "not-applicable": ("?role=direct-partner&scope=customer-subscription&product=microsoft-365&azure_role=yes",
                       {"role": "direct-partner", "scope": "customer-subscription", "product": "microsoft-365"}),
}


def longest_path() -> dict[str, str]:
    """The first of the paths with the most questions: the longest walk to a result."""
    from wizard.paths import enumerate_paths

    paths = list(enumerate_paths())
    return max(paths, key=len)


def run_axe(page: Any, scope: str | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (or within the ``scope`` selector)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (scope) => {
        const results = await axe.run(scope || document);
        return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
      }""",
        scope,
    )


def keyboard_steps(path: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """Per answer of ``path``: the question, the answer and its place among the options, and
    the selector of what the engine says comes next (for the keyboard walks in both browsers)."""
    from wizard.flow import QUESTION_BY_ID

    steps, so_far = [], {}
    for qid, value in path.items():
        so_far[qid] = value
        steps.append({"qid": qid, "value": value, "index": QUESTION_BY_ID[qid].values.index(value),
                      "expect": step_selector(so_far, lang)})
    return steps
