"""The wizard answers at once: from the state table the build renders, under Material's
navigation.instant too, which the site may switch on.

With instant navigation the page is never reloaded: Material fetches the next page, swaps the
content and emits ``document$``; the wizard must start from there, keep its worker across
pages, and keep its answers in the URL through the theme's own history handling. Material only
navigates instantly to URLs of the site's own host and port, so this variant of the site is
built with ``site_url`` set to the local server's address (and the feature switched on).

The rest of the module drives the built site: a deep link answered from the state table with
no Python at all, every step without WebAssembly, the feedback of a tap while a step loads (at
412 px), a repeat visit served from the site's own cache, the named cause of a refused worker,
and a link that needs Python on a 1.6 Mbit/s, 150 ms link.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.hooks.search_hook import copy_sitemaps
from tests.browser_helpers import (
    LOCALE_DIRS,
    READY_WAIT_MS,
    SiteServer,
    answer,
    close_context,
    expect_step,
    start_server,
    wait_ready,
)
from wizard import LOCALES

pytestmark = pytest.mark.browser

INSTANT = '"features": ["navigation.instant", '


@pytest.fixture(scope="module")
def instant_site(site: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The built site as a build with Material's instant navigation and the test server's
    address as ``site_url`` gives it, without building the whole site a second time (the
    rest is hard-linked): Material reads its features from each page's ``__config`` JSON at
    run time; it loads instantly only the pages that ``<base>/sitemap.xml`` lists, so each
    locale's folder gets a copy of the sitemap from the search hook's own function; and
    the sitemap and the pages' alternates name the server the test reaches."""
    copy = tmp_path_factory.mktemp("instant") / "site"
    shutil.copytree(site.root, copy, copy_function=os.link)
    server, served = start_server(copy, site.base_path)
    here = served.origin + served.prefix

    def rewrite(file: Path, *changes: tuple[str, str]) -> None:
        text = file.read_text(encoding="utf-8")
        for old, new in changes:
            text = text.replace(old, new)
        file.unlink()  # a hard link: the built site's own file must stay as it is
        file.write_text(text, encoding="utf-8")
        for sidecar in (file.with_name(file.name + ".gz"), file.with_name(file.name + ".br")):
            sidecar.unlink(missing_ok=True)

    for page in copy.rglob("*.html"):
        assert '"features": [' in page.read_text(encoding="utf-8"), page
        rewrite(page, ('"features": [', INSTANT), (site.site_url, here))
    rewrite(copy / "sitemap.xml", (site.site_url, here))
    copy_sitemaps(copy)
    assert all((copy / folder / "sitemap.xml").is_file() for folder in LOCALE_DIRS.values())
    assert "navigation.instant" not in (site.root / "wizard" / "index.html").read_text(encoding="utf-8")
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


def test_wizard_works_with_instant_navigation(browser: Any, instant_site: SiteServer) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(instant_site.url("ru", page=""))
        page.evaluate("window.__samePage = true")  # gone if the browser loads a page for real
        page.locator('.md-nav--primary a[href$="wizard/"]').first.click()
        wait_ready(page)
        answer(page, "role", "direct-partner")
        expect_step(page, {"role": "direct-partner"}, "ru")
        page.locator(".csp-wizard__guide a").click()  # an instant load of the guidance page
        page.wait_for_url("**/ru/faq/**")
        page.go_back()
        expect_step(page, {"role": "direct-partner"}, "ru")
        assert page.get_attribute("#csp-wizard", "data-wizard-state") == "ready"
        page.locator(".csp-wizard__answer a.csp-wizard__change").click()
        expect_step(page, {}, "ru")
        page.go_back()
        expect_step(page, {"role": "direct-partner"}, "ru")
        assert page.url.endswith("/ru/wizard/?role=direct-partner")
        assert page.evaluate("window.__samePage") is True
    finally:
        close_context(context)


# --- the state table: every reachable step answered at once ------------------------------------

#: Records every message the live region shows (when it changes to a non-empty text).
ANNOUNCED = """
window.__announced = [];
let __last = "";
new MutationObserver(() => {
  const status = document.querySelector(".csp-wizard__status");
  const text = status ? status.textContent.trim() : "";
  if (text !== __last && text) window.__announced.push(text);
  __last = text;
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
NEEDS_PYTHON = "?role=customer&colour=blue"


def answered_by(page: Any) -> str | None:
    return page.get_attribute("#csp-wizard", "data-answered-by")


def outcome_of(path: dict[str, str]) -> str:
    from wizard.engine import decide

    return decide(path).spec.id


@pytest.fixture
def fresh(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    try:
        yield context
    finally:
        close_context(context)


@pytest.mark.parametrize("lang", ["pt-BR", "zh"])
def test_a_deep_link_is_answered_without_python(fresh: Any, site_server: Any, lang: str) -> None:
    from tests.browser_helpers import longest_path, result_on_page
    from wizard.browser import query_string

    requested: list[str] = []
    page = fresh.new_page()
    page.route("**/assets/wizard/worker.js", lambda route: route.abort())  # no Python at all
    page.on("request", lambda request: requested.append(request.url))
    path = longest_path()
    page.goto(site_server.url(lang, query=query_string(path.items())))
    page.wait_for_selector(f'.csp-wizard__result[data-outcome="{outcome_of(path)}"]', timeout=10000)
    assert answered_by(page) == "table"
    assert result_on_page(page)["lang"] == LOCALES[lang]
    assert page.get_attribute("#csp-wizard", "data-wizard-state") == "static"
    assert not any("/assets/pyodide/" in url and "/states-" not in url for url in requested)


def test_without_webassembly_every_enumerated_state_still_works(fresh: Any, site_server: Any) -> None:
    from tests.browser_helpers import paths_to_walk, walk

    page = fresh.new_page()
    page.add_init_script("delete globalThis.WebAssembly")
    page.goto(site_server.url("ru"))
    path = paths_to_walk("ru")[0]
    walk(page, path, "ru")
    assert answered_by(page) == "table"
    page.locator(".csp-wizard__answer a.csp-wizard__change").first.click()  # "change" the first answer
    expect_step(page, {}, "ru")
    page.go_back()
    page.wait_for_selector(f'.csp-wizard__result[data-outcome="{outcome_of(path)}"]', timeout=10000)
    page.go_forward()
    expect_step(page, {}, "ru")
    assert page.get_attribute("#csp-wizard", "data-wizard-state") == "static"
    # A link only Python can read: the decision table, and the notice names the cause.
    page.evaluate("q => { history.pushState(null, '', q); dispatchEvent(new PopStateEvent('popstate')); }",
                  NEEDS_PYTHON)
    page.wait_for_selector('#csp-wizard[data-wizard-state="fallback"]', state="attached", timeout=5000)
    assert page.get_attribute("#csp-wizard", "data-fallback-cause") == "wasm"


def test_every_tap_shows_it_works_and_adds_one_history_entry(browser: Any, site_server: Any) -> None:
    """The state files are held back: the pressed button changes at once, a note appears
    beside it on a 412 px screen, more taps add no history entry, and Back goes to the start."""
    context = browser.new_context(viewport={"width": 412, "height": 915})
    try:
        page = context.new_page()
        held: list[Any] = []
        page.route("**/assets/pyodide/states-*/**", lambda route: held.append(route))
        page.goto(site_server.url("en"))
        before = page.evaluate("history.length")
        form = page.locator('form.csp-wizard__question[data-question="role"]')
        form.locator('label[for="csp-wizard-role-customer"]').click()
        button = form.locator('button[type="submit"]')
        button.click()
        assert "csp-wizard__pressed" in (button.get_attribute("class") or "")
        assert page.evaluate("history.length") == before + 1
        form.locator('label[for="csp-wizard-role-direct-partner"]').click()
        button.click()
        button.click()
        assert page.evaluate("history.length") == before + 1
        note = page.locator(".csp-wizard__note")
        note.wait_for(state="visible", timeout=3000)
        box, viewport = note.bounding_box(), page.viewport_size
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
        assert box["x"] + box["width"] <= viewport["width"] + 1
        for route in held:
            route.continue_()
        page.route("**/assets/pyodide/states-*/**", lambda route: route.continue_())
        expect_step(page, {"role": "direct-partner"}, "en")
        assert page.evaluate("history.length") == before + 1
        assert page.locator(".csp-wizard__note").count() == 0
        page.go_back()
        expect_step(page, {}, "en")
    finally:
        close_context(context)


def test_a_repeat_visit_needs_no_network_for_states_or_the_snapshot(browser: Any, site_server: Any) -> None:
    from tests.browser_helpers import wait_ready

    context = browser.new_context()
    try:
        page = context.new_page()
        url = site_server.url("en", query="?role=customer")
        page.goto(url)
        expect_step(page, {"role": "customer"}, "en")
        assert wait_ready(page) > 0 and page.get_attribute("#csp-wizard", "data-ready-via") == "snapshot"
        page.wait_for_function("""async () => {
          for (const name of await caches.keys())
            if (name.startsWith('csp-wizard-runtime-') && (await (await caches.open(name)).keys()).length) return true;
          return false;
        }""", timeout=30000)
        page.close()
        again = context.new_page()
        asked: list[str] = []
        again.route("**/assets/pyodide/states-*/**", lambda route: (asked.append(route.request.url), route.abort()))
        again.route("**/wizard.snapshot.gz", lambda route: (asked.append(route.request.url), route.abort()))
        again.goto(url)
        expect_step(again, {"role": "customer"}, "en")
        assert answered_by(again) == "table"
        wait_ready(again)
        assert again.get_attribute("#csp-wizard", "data-ready-via") == "snapshot"
        assert asked == []
    finally:
        close_context(context)


def test_a_refused_worker_script_is_named_as_the_cause(fresh: Any, site_server: Any) -> None:
    page = fresh.new_page()
    page.route("**/assets/wizard/worker.js",
               lambda route: route.fulfill(status=200, body="x", content_type="application/octet-stream"))
    page.goto(site_server.url("pt-BR", query=NEEDS_PYTHON))
    page.wait_for_selector('#csp-wizard[data-wizard-state="fallback"]', state="attached", timeout=20000)
    assert page.get_attribute("#csp-wizard", "data-fallback-cause") == "worker"
    from wizard.i18n import Translator
    from wizard.ui import ui_strings

    notice = page.locator('.csp-wizard__notice[data-notice="failed"]').inner_text()
    assert ui_strings(Translator("pt-BR"))["fallback_worker"] in notice


def test_a_link_that_needs_python_arrives_on_a_slow_link(fresh: Any, site_server: Any) -> None:
    """1.6 Mbit/s and 150 ms (Chromium's emulation), a tampered link, and a page that gives up
    after 8 s without news: Python arrives, because every chunk of its files is news, and the
    page says how much has arrived meanwhile."""
    from wizard.i18n import Translator
    from wizard.ui import ui_strings

    page = fresh.new_page()
    page.add_init_script(ANNOUNCED)
    page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
      const root = document.getElementById('csp-wizard');
      const config = JSON.parse(root.dataset.wizardConfig);
      config.timeout = 8000;
      root.dataset.wizardConfig = JSON.stringify(config);
    });""")
    cdp = fresh.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8})
    page.goto(site_server.url("ru", query=NEEDS_PYTHON), timeout=60000)
    expect_step_slow = 'form.csp-wizard__question[data-question="product"]'
    page.wait_for_selector(expect_step_slow, timeout=180000)
    assert answered_by(page) == "python"
    assert page.get_attribute("#csp-wizard", "data-wizard-state") == "ready"
    announced = page.evaluate("window.__announced")
    waiting = ui_strings(Translator("ru"))["routing_download"].split("%(")[0]
    assert any(text.startswith(waiting) for text in announced), announced


def test_save_data_defers_python_and_the_readers_setting_starts_it_at_once(fresh: Any, site_server: Any) -> None:
    """With Save-Data the page answers from the table and leaves Python until a step needs it
    (and says so in data-python-start); the reader's localStorage setting starts it at once."""
    fresh.add_init_script('Object.defineProperty(navigator.connection, "saveData", {get: () => true});')
    page = fresh.new_page()
    workers: list[str] = []
    page.on("request", lambda request: workers.append(request.url) if request.url.endswith("/worker.js") else None)
    page.goto(site_server.url("ru"))
    page.wait_for_selector('#csp-wizard[data-python-start="deferred"]', state="attached", timeout=10000)
    answer(page, "role", "customer")
    expect_step(page, {"role": "customer"}, "ru")
    assert answered_by(page) == "table" and workers == []
    assert page.get_attribute("#csp-wizard", "data-wizard-state") == "static"
    page.evaluate('localStorage.setItem("csp-wizard-warm-up", "always")')
    page.reload()
    page.wait_for_selector('#csp-wizard[data-wizard-state="ready"]', state="attached", timeout=READY_WAIT_MS)
    assert page.get_attribute("#csp-wizard", "data-python-start") == "started" and len(workers) == 1
