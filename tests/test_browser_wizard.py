"""The wizard in real Chromium, on the built site served from 127.0.0.1 under its sub-path.

One browser and one built site serve the whole session (tests/browser_helpers.py); a test
that needs Pyodide loads it once per page and does all its walking on that page.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from macros.pages.wizard_widget import switch_script_hash
from tests.browser_helpers import (
    LOCALE_DIRS,
    TAMPERED,
    answer,
    cli_route,
    close_context,
    expect_step,
    keyboard_steps,
    locale_share,
    longest_path,
    paths_to_walk,
    result_on_page,
    run_axe,
    wait_ready,
    walk,
)
from wizard import LOCALES, next_step
from wizard import browser as wizard_browser
from wizard.i18n import Translator
from wizard.paths import enumerate_paths
from wizard.text import copy_text, request_summary
from wizard.ui import ui_strings

pytestmark = pytest.mark.browser

PATHS = list(enumerate_paths())


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(locale="en-US")
    try:
        yield ctx
    finally:
        close_context(ctx)


@pytest.fixture
def page(context: Any) -> Any:
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def open_ready(page: Any, url: str) -> int:
    """Open a wizard page and wait for Python; the page gives up after its own timeout."""
    page.goto(url)
    ms = wait_ready(page)
    assert ms > 0  # how long it took is the benchmark's business (make bench), not a test's
    return ms


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def assert_result_matches_cli(page: Any, path: dict[str, str], lang: str) -> None:
    expected = cli_route(path, lang)
    shown = result_on_page(page)
    for key in ("outcome", "contact", "channel", "severity", "first_response", "title", "contact_label",
                "steps", "caveats", "why"):
        assert shown[key] == expected[key], (key, path, lang)
    assert shown["channel_text"].startswith(expected["channel_label"])
    if expected["severity_label"]:
        assert shown["severity_text"] == expected["severity_label"]
    if expected["first_response_text"]:
        assert expected["first_response_text"] in shown["first_response_text"]
    assert shown["summary"] == copy_text(expected, Translator(lang))


# --- the static page ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(LOCALES))
def test_first_question_is_in_the_built_html(wizard_site: Any, lang: str) -> None:
    html = (wizard_site / LOCALE_DIRS[lang] / "wizard" / "index.html").read_text(encoding="utf-8")
    first = next_step({}, lang)["question"]
    assert 'data-wizard-state="fallback"' in html
    assert 'data-question="role"' in html
    assert first["prompt"].replace("'", "&#x27;") in html
    for option in first["options"]:
        assert f'value="{option["value"]}"' in html
    assert "<table>" in html  # the fallback decision table


# --- walking the questions by clicking -----------------------------------------------------------

@pytest.mark.parametrize("lang", list(LOCALES))
def test_walks_match_the_cli(page: Any, site_server: Any, lang: str) -> None:
    """English walks one path per contact kind and per outcome; the other locales their share
    of the contact kinds (every state's data in every locale is compared in tests/test_parity.py)."""
    open_ready(page, site_server.url(lang))
    assert page.get_attribute("#csp-wizard", "lang") == LOCALES[lang]
    for path in paths_to_walk(lang) if lang == "en" else locale_share(lang):
        walk(page, path, lang)
        assert_result_matches_cli(page, path, lang)
        assert query_of(page.url) == list(path.items())
        page.locator(".csp-wizard__result a.csp-wizard__restart").click()
        expect_step(page, {}, lang)
        assert query_of(page.url) == []
    assert page.errors == []


def test_answer_given_before_python_is_ready_is_answered_from_the_state_table(page: Any, site_server: Any) -> None:
    held: list[Any] = []
    page.route("**/assets/pyodide/*/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(site_server.url("en"))
    assert page.get_attribute("#csp-wizard", "data-wizard-state") == "static"
    answer(page, "role", "indirect-reseller")
    expect_step(page, {"role": "indirect-reseller"}, "en")
    assert query_of(page.url) == [("role", "indirect-reseller")]
    assert page.get_attribute("#csp-wizard", "data-wizard-state") == "static"  # Python still loading
    assert page.get_attribute("#csp-wizard", "data-answered-by") == "table"
    assert page.evaluate("document.activeElement.id") == "csp-wizard-prompt"
    deadline = time.monotonic() + 10
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held, "the page did not warm Python up on a fast link"
    held[0].continue_()
    wait_ready(page)


def tab_until(page: Any, selector: str, limit: int) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    assert page.evaluate("s => document.activeElement.matches(s)", selector), f"Tab never reached {selector}"


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


def test_keyboard_walk_to_a_result(page: Any, site_server: Any) -> None:
    """Tab from the top of the page, Space and arrow keys to choose, Tab to Continue, Enter; the
    same keys as the Firefox walk (tests/firefox.mjs). Focus lands on each new question and on
    the result's title; the live region says "loading" and "ready" once each, nothing more."""
    page.add_init_script(ANNOUNCED)
    path = longest_path()
    open_ready(page, site_server.url("en"))
    radios = '#csp-wizard form.csp-wizard__question input[type="radio"]'
    tab_until(page, radios, 200)
    focus = []
    for step in keyboard_steps(path, "en"):
        tab_until(page, radios, 20)
        page.keyboard.press("Space")
        for _ in range(step["index"]):
            page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.value") == step["value"]
        tab_until(page, '#csp-wizard form.csp-wizard__question button[type="submit"]', 20)
        page.keyboard.press("Enter")
        page.wait_for_selector(step["expect"], timeout=10000)
        focus.append(page.evaluate("document.activeElement.id"))
    assert focus == ["csp-wizard-prompt"] * (len(path) - 1) + ["csp-wizard-result-title"]
    assert_result_matches_cli(page, path, "en")
    assert query_of(page.url) == list(path.items())
    strings = ui_strings(Translator("en"))
    assert page.evaluate("window.__announced") == [strings["loading"], strings["ready"]]
    assert page.errors == []


def test_continue_without_a_choice_says_so(page: Any, site_server: Any) -> None:
    open_ready(page, site_server.url("en"))
    answer(page, "role", "direct-partner")
    expect_step(page, {"role": "direct-partner"}, "en")
    page.locator('form[data-question="scope"] button[type="submit"]').click()
    assert page.is_visible(".csp-wizard__invalid")
    assert page.evaluate("document.activeElement.name") == "scope"  # back on the choices
    assert query_of(page.url) == [("role", "direct-partner")]


#: Records layout shifts that no input caused, from the first paint on (Lighthouse's CLS).
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({value: e.value,
    sources: (e.sources || []).map(s => s.node ? (s.node.className || s.node.nodeName) : ""),
    header: (e.sources || []).every(s => s.node && s.node.closest && s.node.closest(".md-header"))});
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ru", 412), ("zh", 412), ("pt-BR", 1280)])
def test_no_layout_shift_while_the_wizard_gets_ready(browser: Any, site_server: Any, lang: str, width: int) -> None:
    """The page does not move when the script starts or the worker becomes ready (cumulative
    layout shift 0, at a laptop's width and at Lighthouse's mobile width)."""
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = ctx.new_page()
        page.add_init_script(LAYOUT_SHIFTS)
        page.goto(site_server.url(lang))
        wait_ready(page)
        # Two frames after "ready": any shift it caused has been laid out and reported.
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        # The theme's header alone (its language selector) was seen to move by 0.001 on a
        # loaded machine, when the theme's script ran late; the wizard and the article must not.
        assert [shift for shift in page.evaluate("window.__shifts") if not shift["header"]] == []
    finally:
        close_context(ctx)


# --- URLs: sharing, changing, back and forward, tampering -----------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_shared_url_opens_the_same_result(page: Any, site_server: Any, lang: str) -> None:
    path = PATHS[len(PATHS) // 2]
    query = "?" + "&".join(f"{k}={v}" for k, v in path.items())
    open_ready(page, site_server.url(lang, query=query))
    expect_step(page, path, lang)
    assert_result_matches_cli(page, path, lang)
    assert page.evaluate("document.activeElement.id") == "csp-wizard-result-title"
    assert page.locator("form.csp-wizard__question").count() == 0
    assert page.locator(".csp-wizard__alert").inner_text().strip() == ""


def test_change_an_earlier_answer(page: Any, site_server: Any) -> None:
    path = {"role": "direct-partner", "scope": "customer-subscription", "product": "microsoft-365",
            "admin_access": "yes", "support_role": "yes", "topic": "break-fix", "impact": "moderate"}
    query = "?" + "&".join(f"{k}={v}" for k, v in path.items())
    open_ready(page, site_server.url("en", query=query))
    expect_step(page, path, "en")
    page.locator('.csp-wizard__answer[data-answer="product"] a.csp-wizard__change').click()
    expect_step(page, {"role": "direct-partner", "scope": "customer-subscription"}, "en")
    assert query_of(page.url) == [("role", "direct-partner"), ("scope", "customer-subscription")]
    assert page.is_checked('input[name="product"][value="microsoft-365"]')  # the old answer
    assert page.evaluate("document.activeElement.id") == "csp-wizard-prompt"
    answers = page.locator(".csp-wizard__answer").evaluate_all("els => els.map(e => e.dataset.answer)")
    assert answers == ["role", "scope"]
    changed = {"role": "direct-partner", "scope": "customer-subscription", "product": "marketplace"}
    answer(page, "product", "marketplace")
    expect_step(page, changed, "en")  # marketplace now asks the kind of problem
    changed = {**changed, "topic": "break-fix"}
    answer(page, "topic", "break-fix")
    expect_step(page, changed, "en")
    assert_result_matches_cli(page, changed, "en")


def test_back_and_forward_move_through_the_questions(page: Any, site_server: Any) -> None:
    open_ready(page, site_server.url("en"))
    answer(page, "role", "indirect-provider")
    expect_step(page, {"role": "indirect-provider"}, "en")
    answer(page, "scope", "own-subscription")
    expect_step(page, {"role": "indirect-provider", "scope": "own-subscription"}, "en")
    page.go_back()
    expect_step(page, {"role": "indirect-provider"}, "en")
    assert query_of(page.url) == [("role", "indirect-provider")]
    page.go_back()
    expect_step(page, {}, "en")
    assert page.locator(".csp-wizard__answer").count() == 0
    page.go_forward()
    expect_step(page, {"role": "indirect-provider"}, "en")
    page.go_forward()
    expect_step(page, {"role": "indirect-provider", "scope": "own-subscription"}, "en")
    page.locator("form.csp-wizard__question a.csp-wizard__back").click()  # the page's own Back
    expect_step(page, {"role": "indirect-provider"}, "en")
    assert page.is_checked('input[name="scope"][value="own-subscription"]')
    page.go_back()
    expect_step(page, {"role": "indirect-provider", "scope": "own-subscription"}, "en")
    assert page.errors == []


@pytest.mark.parametrize("lang", list(LOCALES))
def test_tampered_urls_show_a_message_and_resume(page: Any, site_server: Any, lang: str) -> None:
    """Each kind of tampered link, in each language: one of them opened as a fresh page load
    (a different kind in each language), the others reached through the history."""
    strings = ui_strings(Translator(lang))
    kinds = list(TAMPERED.items())
    shift = list(LOCALES).index(lang) % len(kinds)
    for i, (reason, (query, usable)) in enumerate(kinds[shift:] + kinds[:shift]):
        if i == 0:
            open_ready(page, site_server.url(lang, query=query))
        else:
            page.evaluate("q => { history.pushState(null, '', q); dispatchEvent(new PopStateEvent('popstate')); }",
                          query)
        expect_step(page, usable, lang)
        expected = wizard_browser.step_data(query_of(query), lang)
        assert expected["error"]["reason"] == reason
        page.wait_for_function("() => document.querySelector('.csp-wizard__alert').textContent.trim() !== ''")
        alert = page.locator(".csp-wizard__alert").inner_text()
        assert strings["bad_url"] in alert
        assert expected["error"]["message"] in alert
        assert query_of(page.url) == list(usable.items())


# --- fallback -------------------------------------------------------------------------------------

#: A link the state table does not hold (an unknown key): only Python can answer it.
NEEDS_PYTHON = "?role=customer&colour=blue"
#: The message of each cause of a failed start (the notice's paragraph).
CAUSE_TEXT = {"wasm": "fallback_failed", "worker": "fallback_worker", "timeout": "fallback_timeout",
              "load": "fallback_load"}


def assert_fallback(page: Any, lang: str, notice: str, cause: str = "wasm") -> None:
    strings = ui_strings(Translator(lang))
    root = page.locator("#csp-wizard")
    assert root.get_attribute("data-wizard-state") == "fallback"
    shown = page.locator(f'.csp-wizard__notice[data-notice="{notice}"]')
    assert shown.is_visible()
    if notice == "nojs":
        assert strings["fallback_nojs"] in shown.inner_text()
    else:
        assert root.get_attribute("data-fallback-cause") == cause
        text = shown.inner_text()
        expected = strings[CAUSE_TEXT[cause]].split("%(")[0]
        assert expected in text
        assert all(strings[key].split("%(")[0] not in text for c, key in CAUSE_TEXT.items() if c != cause)
    assert page.locator(".csp-wizard__fallback table").is_visible()
    assert not page.locator(".csp-wizard__live").is_visible()
    other = "failed" if notice == "nojs" else "nojs"
    assert not page.locator(f'.csp-wizard__notice[data-notice="{other}"]').is_visible()


@pytest.mark.parametrize("lang", list(LOCALES))
def test_fallback_without_javascript(browser: Any, site_server: Any, lang: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_server.url(lang))
        assert_fallback(page, lang, "nojs")
    finally:
        close_context(ctx)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fallback_without_webassembly(page: Any, site_server: Any, lang: str) -> None:
    page.add_init_script("delete globalThis.WebAssembly")
    started = time.monotonic()
    page.goto(site_server.url(lang, query=NEEDS_PYTHON))
    page.wait_for_selector('#csp-wizard[data-wizard-state="fallback"]', state="attached", timeout=5000)
    assert time.monotonic() - started < 5
    assert_fallback(page, lang, "failed", "wasm")


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_fallback_when_the_runtime_is_missing(page: Any, site_server: Any, lang: str) -> None:
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    started = time.monotonic()
    page.goto(site_server.url(lang, query=NEEDS_PYTHON))
    page.wait_for_selector('#csp-wizard[data-wizard-state="fallback"]', state="attached", timeout=15000)
    assert time.monotonic() - started < 15
    assert_fallback(page, lang, "failed", "load")


def shorten_timeout(page: Any, ms: int) -> None:
    """Make the page give up on Python after ``ms`` through the config the page reads."""
    page.add_init_script(
        f"""document.addEventListener('DOMContentLoaded', () => {{
          const root = document.getElementById('csp-wizard');
          const config = JSON.parse(root.dataset.wizardConfig);
          config.timeout = {int(ms)};
          root.dataset.wizardConfig = JSON.stringify(config);
        }});"""
    )


def test_fallback_when_python_takes_too_long(page: Any, site_server: Any) -> None:
    # A page whose runtime never answers (as under a CSP without 'wasm-unsafe-eval') gives up
    # after its timeout; shortened here through the config the page reads.
    page.route("**/assets/pyodide/*/pyodide.asm.wasm", lambda route: None)  # never answered
    shorten_timeout(page, 1500)
    page.goto(site_server.url("ru", query=NEEDS_PYTHON))
    page.wait_for_selector('#csp-wizard[data-wizard-state="fallback"]', state="attached", timeout=20000)
    assert_fallback(page, "ru", "failed", "timeout")


def test_fallback_under_a_csp_without_wasm_unsafe_eval(page: Any, site_server: Any) -> None:
    """A server that sends a Content-Security-Policy without 'wasm-unsafe-eval' (on the page and
    on the worker script): Pyodide cannot compile its WebAssembly, and the page falls back."""
    policy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'"

    def with_csp(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route("**/wizard/", with_csp)
    page.route("**/assets/wizard/worker.js", with_csp)
    shorten_timeout(page, 4000)
    page.goto(site_server.url("zh", query=NEEDS_PYTHON))
    page.wait_for_selector('#csp-wizard[data-wizard-state="fallback"]', state="attached", timeout=10000)
    assert_fallback(page, "zh", "failed", "wasm")


def test_ready_under_a_strict_csp_with_wasm_unsafe_eval(page: Any, site_server: Any) -> None:
    """The policy the wizard needs: scripts from the site, WebAssembly compilation, and the
    widget's one inline script by its hash; on the page and on the worker script."""
    policy = (f"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {switch_script_hash()}; "
              "style-src 'self'; img-src 'self' data:")
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "csp-wizard" in m.text else None)

    def with_csp(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route("**/*", with_csp)
    path = next(p for p in PATHS if p.get("azure_role") == "yes")
    open_ready(page, site_server.url("en"))
    walk(page, path, "en")
    assert_result_matches_cli(page, path, "en")
    assert violations == []


# --- the page as a whole --------------------------------------------------------------------------

def test_every_request_stays_on_the_site(page: Any, site_server: Any) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_ready(page, site_server.url("en"))
    path = PATHS[3]
    walk(page, path, "en")
    page.wait_for_load_state("networkidle")
    origin = site_server.origin + "/"
    foreign = [url for url in requests if not url.startswith(origin) and not url.startswith("data:")]
    assert foreign == []
    runtime = [url for url in requests if "/assets/pyodide/" in url]
    assert any(url.endswith("pyodide-lock.json") for url in runtime)
    # The wizard comes in the memory snapshot, or in the wheel when the worker starts plainly.
    assert any(url.endswith((".snapshot.gz", ".whl")) for url in runtime)
    assert all(url.startswith(site_server.origin + site_server.prefix) for url in runtime)


def test_copy_request_details(browser: Any, site_server: Any) -> None:
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = ctx.new_page()
        path = PATHS[-1]
        query = "?" + "&".join(f"{k}={v}" for k, v in path.items())
        open_ready(page, site_server.url("pt-BR", query=query))
        expect_step(page, path, "pt-BR")
        page.locator('button[data-action="copy"]').click()
        strings = ui_strings(Translator("pt-BR"))
        page.wait_for_function("t => document.querySelector('.csp-wizard__status').textContent === t",
                               arg=strings["copied"])
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == request_summary(cli_route(path, "pt-BR"), Translator("pt-BR"))
    finally:
        close_context(ctx)


def test_print_shows_the_result_only(page: Any, site_server: Any) -> None:
    path = PATHS[10]
    query = "?" + "&".join(f"{k}={v}" for k, v in path.items())
    open_ready(page, site_server.url("en", query=query))
    expect_step(page, path, "en")
    page.emulate_media(media="print")
    assert page.locator(".csp-wizard__result").is_visible()
    assert page.locator(".csp-wizard__steps li").first.is_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".csp-wizard__actions", ".csp-wizard__change",
                   ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("lang", list(LOCALES))
def test_no_accessibility_violations(page: Any, site_server: Any, lang: str) -> None:
    """axe-core on the wizard in each of its views, then on the whole page, theme included."""
    open_ready(page, site_server.url(lang))
    violations = run_axe(page, "#csp-wizard")
    assert violations == [], f"first question: {violations}"
    answer(page, "role", "indirect-reseller")
    expect_step(page, {"role": "indirect-reseller"}, lang)
    page.locator('form[data-question] button[type="submit"]').click()  # no choice: the message
    assert page.is_visible(".csp-wizard__invalid")
    page.mouse.move(0, 0)  # no hover state on the button
    violations = run_axe(page, "#csp-wizard")
    assert violations == [], f"second question: {violations}"
    query = "?" + "&".join(f"{k}={v}" for k, v in PATHS[7].items()) + "&colour=blue"
    page.evaluate("q => { history.pushState(null, '', q); dispatchEvent(new PopStateEvent('popstate')); }", query)
    expect_step(page, PATHS[7], lang)
    violations = run_axe(page, "#csp-wizard")
    assert violations == [], f"result with a message about the link: {violations}"
    violations = run_axe(page)
    assert violations == [], f"the whole page: {violations}"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_accessibility_violations_in_the_fallback(page: Any, site_server: Any, lang: str) -> None:
    page.add_init_script("delete globalThis.WebAssembly")
    page.goto(site_server.url(lang, query=NEEDS_PYTHON))
    page.wait_for_selector('#csp-wizard[data-wizard-state="fallback"]', state="attached", timeout=5000)
    violations = run_axe(page, "#csp-wizard")
    assert violations == [], violations

