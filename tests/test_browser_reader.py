"""The reader's path in real Chromium, on the built site: the result leads with what to do, the
actions are on a phone's first screen, the language switch keeps answers and anchors, search
answers in the reader's language whatever way the text arrives, the tab's title follows the
step, pages read at 412 px, and axe finds nothing in the light and the dark scheme.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.browser_helpers import LOCALE_DIRS, answer, close_context, expect_step, run_axe, step_selector, wait_ready
from wizard import LOCALES, next_step
from wizard.i18n import Translator
from wizard.ui import ui_strings

pytestmark = pytest.mark.browser

CUSTOMER = {"role": "customer", "product": "azure", "topic": "break-fix", "impact": "critical"}
RESELLER = {"role": "indirect-reseller", "scope": "customer-subscription", "product": "azure",
            "topic": "break-fix", "impact": "critical"}
OWN_AZURE = {"role": "direct-partner", "scope": "own-subscription", "product": "azure"}
PHONE = {"width": 412, "height": 900}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-US", viewport=DESKTOP)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        yield page
    finally:
        close_context(context)


def open_result(page: Any, site_server: Any, answers: dict[str, str], lang: str = "en") -> None:
    page.goto(site_server.url(lang, query="?" + urlencode(answers)))
    wait_ready(page)
    page.wait_for_selector(step_selector(answers, lang), timeout=10000)


#: The top of each part of the result, in document order, and what the lead box holds.
PARTS_JS = """() => {
  const r = document.querySelector('.csp-wizard__result');
  const top = (sel) => {
    const el = r.querySelector(sel);
    return el ? el.getBoundingClientRect().top + scrollY : null;
  };
  const label = (e) => [e.dataset.fact, e.querySelector('dt').textContent];
  return {
    order: ['.csp-wizard__result-title', '.csp-wizard__lead', '.csp-wizard__actions', '.csp-wizard__steps',
            '.csp-wizard__details'].map(top),
    lead: [...r.querySelectorAll('.csp-wizard__lead [data-fact]')].map(e => e.dataset.fact),
    leadLabels: Object.fromEntries([...r.querySelectorAll('.csp-wizard__lead [data-fact]')]
      .map(e => [e.dataset.fact, e.querySelector('dt').textContent])),
    targets: [...r.querySelectorAll('.csp-wizard__targets [data-fact]')].map(label),
    targetsFor: (r.querySelector('.csp-wizard__targets') || {dataset: {}}).dataset.targetsFor || null,
    actions: [...r.querySelectorAll('.csp-wizard__actions [data-action]')].map(e => e.dataset.action),
    more: [...r.querySelectorAll('.csp-wizard__details > details')].map(d => [d.dataset.more, d.open]),
    firstStep: r.querySelector('[data-fact="first-step"] dd').textContent,
    step1: r.querySelector('.csp-wizard__steps li').textContent,
    answersAfter: !!(r.compareDocumentPosition(document.querySelector('.csp-wizard__answers'))
                     & Node.DOCUMENT_POSITION_FOLLOWING),
    h1: [...document.querySelectorAll('.md-content h1')].filter(h => h.offsetParent).map(h => h.textContent.trim()),
  };
}"""


@pytest.mark.parametrize(("answers", "who"), [(CUSTOMER, "partner"), (RESELLER, "provider"), (OWN_AZURE, None)])
def test_the_result_leads_with_what_to_do(page: Any, site_server: Any, answers: dict[str, str],
                                          who: str | None) -> None:
    open_result(page, site_server, answers)
    parts = page.evaluate(PARTS_JS)
    tops = parts["order"]
    assert None not in tops and tops == sorted(tops), tops
    assert parts["lead"][:3] == ["contact", "channel", "first-step"]
    assert parts["firstStep"] == parts["step1"]
    assert parts["actions"] == ["copy", "print", "share"]
    assert [name for name, _ in parts["more"]][-3:] == ["why", "sources", "currency"]
    assert not any(is_open for _, is_open in parts["more"]), "notes, why, sources and freshness start collapsed"
    assert parts["answersAfter"], "the answers so far come after the result"
    strings = ui_strings(Translator("en"))
    outcome = next_step(answers, "en")["outcome"]
    assert parts["h1"] == [outcome["title"]], "the result is the page's one visible heading"
    if who is None:  # no CSP severity or target: the severity line says what decides it instead
        assert outcome["severity_label"] is None and outcome["first_response_text"] is None
        assert parts["targets"] == []
        if outcome.get("severity_note_text"):
            assert parts["lead"][3:] == ["severity"]
        else:
            assert "severity" not in parts["lead"]
    else:  # someone else's request: after the steps, labelled for whom
        assert "severity" not in parts["lead"] and parts["targetsFor"] == who
        assert parts["targets"] == [["severity", strings[f"severity_{who}"]],
                                    ["first_response", strings[f"first_response_{who}"]]]


def test_the_readers_own_targets_are_in_the_lead_labelled_as_theirs(page: Any, site_server: Any) -> None:
    answers = {"role": "direct-partner", "scope": "customer-subscription", "product": "microsoft-365",
               "admin_access": "yes", "support_role": "yes", "topic": "break-fix", "impact": "moderate"}
    open_result(page, site_server, answers)
    parts = page.evaluate(PARTS_JS)
    strings = ui_strings(Translator("en"))
    assert parts["leadLabels"]["severity"] == strings["severity_you"]
    assert parts["leadLabels"]["first_response"] == strings["first_response_you"]
    assert parts["targets"] == []


@pytest.mark.parametrize("lang", list(LOCALES))
def test_copy_print_and_share_are_on_a_phones_first_screen(browser: Any, site_server: Any, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        for answers in (CUSTOMER, RESELLER):
            open_result(page, site_server, answers, lang)
            page.evaluate("() => scrollTo(0, 0)")
            bottoms = page.eval_on_selector_all(
                ".csp-wizard__actions [data-action]", "els => els.map(e => e.getBoundingClientRect().bottom)")
            assert len(bottoms) == 3 and max(bottoms) <= PHONE["height"], (lang, answers["role"], bottoms)
            # The theme's "Back to top" button never covers the wizard.
            assert not page.locator(".md-top").is_visible()
    finally:
        close_context(context)


def test_share_copies_the_link_and_print_opens_the_collapsed_parts(browser: Any, site_server: Any) -> None:
    context = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.add_init_script("delete Navigator.prototype.share")
        open_result(page, site_server, CUSTOMER)
        page.click('.csp-wizard__actions [data-action="share"]')
        done = ui_strings(Translator("en"))["link_copied"]
        page.wait_for_function("t => document.querySelector('.csp-wizard__status').textContent === t", arg=done)
        assert page.evaluate("() => navigator.clipboard.readText()") == page.url
        page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
        assert page.eval_on_selector_all(".csp-wizard__result details", "ds => ds.every(d => d.open)")
        page.evaluate("() => dispatchEvent(new Event('afterprint'))")
        assert page.eval_on_selector_all(".csp-wizard__result details", "ds => ds.every(d => !d.open)")
    finally:
        close_context(context)


# --- the tab's title follows the step -----------------------------------------------------------

def test_the_title_follows_the_step(page: Any, site_server: Any) -> None:
    built = (site_server.site / "wizard" / "index.html").read_text(encoding="utf-8")
    base = html.unescape(re.search(r"<title>(.*?)</title>", built)[1])
    page.goto(site_server.url("en"))
    wait_ready(page)
    first = next_step({}, "en")["question"]["prompt"]
    assert page.title() == f"{first} – {base}"
    answer(page, "role", "direct-partner")
    expect_step(page, {"role": "direct-partner"}, "en")
    second = next_step({"role": "direct-partner"}, "en")["question"]["prompt"]
    page.wait_for_function("t => document.title.startsWith(t)", arg=second)
    page.goto(site_server.url("ru", query="?" + urlencode(CUSTOMER)))
    wait_ready(page)
    page.wait_for_selector(step_selector(CUSTOMER, "ru"))
    title = next_step(CUSTOMER, "ru")["outcome"]["title"]
    page.wait_for_function("t => document.title.startsWith(t + '\u00a0— ')", arg=title)


# --- the language switch keeps the answers and the section ----------------------------------------

def switch_to(page: Any, lang: str) -> None:
    page.click(".md-header .csp-language__button")
    page.click(f'.md-select__link[hreflang="{LOCALES[lang]}"]')
    page.wait_for_load_state()


def test_the_switcher_names_and_marks_the_language(page: Any, site_server: Any) -> None:
    for lang, name in (("en", "English"), ("ru", "Русский"), ("zh", "简体中文")):
        page.goto(site_server.url(lang, page="severity/"))
        assert page.inner_text(".csp-language__button").strip() == name
        current = page.eval_on_selector_all('.md-select__link[aria-current="true"]', "els => els.map(e => e.hreflang)")
        assert current == [LOCALES[lang]]


def test_the_switcher_keeps_the_answers_on_a_result(page: Any, site_server: Any) -> None:
    open_result(page, site_server, CUSTOMER)
    switch_to(page, "pt-BR")
    assert page.url == site_server.url("pt-BR", query="?" + urlencode(CUSTOMER))
    wait_ready(page)
    page.wait_for_selector(step_selector(CUSTOMER, "pt-BR"))
    # and on a question reached by answering (the query changed without a page load)
    answers = {"role": "direct-partner"}
    page.click("a.csp-wizard__restart")
    expect_step(page, {}, "pt-BR")
    answer(page, "role", "direct-partner")
    expect_step(page, answers, "pt-BR")
    switch_to(page, "zh")
    assert page.url == site_server.url("zh", query="?role=direct-partner")
    assert page.errors == []


def test_the_switcher_keeps_the_section_anchor(page: Any, site_server: Any) -> None:
    page.goto(site_server.url("en", page="severity/#support-vehicles"))
    switch_to(page, "ru")
    assert page.url == site_server.url("ru", page="severity/#support-vehicles")
    page.evaluate("() => { location.hash = 'severity-levels'; }")  # as a click in the table of contents does
    switch_to(page, "zh")
    assert page.url == site_server.url("zh", page="severity/#severity-levels")


# --- search in the reader's language, however the text arrives --------------------------------------

SEARCHES = [
    ("ru", "серьезность"), ("ru", "партнер"), ("zh", "严重性"), ("zh", "合作伙伴"),
    ("en", "GDAP"), ("pt-BR", "GDAP"),
]


def search_results(page: Any) -> list[str]:
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def open_search(page: Any, site_server: Any, lang: str) -> Any:
    page.goto(site_server.url(lang, page=""))
    box = page.locator("input.md-search__input")
    box.click()
    # The worker builds the index once; wait for it before the first query.
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                           ".textContent.match(/Initializing|Инициализация|初始化|Inicializando/i)", timeout=15000)
    return box


def key_by_key(page: Any, text: str) -> None:
    """Real key events, one key per character (CDP Input.dispatchKeyEvent, as a keyboard of the
    language would send them)."""
    cdp = page.context.new_cdp_session(page)
    for char in text:
        cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": char, "text": char, "unmodifiedText": char})
        cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})


def composed(page: Any, text: str) -> None:
    """An input method's composition, then its commit (CDP Input.imeSetComposition / insertText)."""
    cdp = page.context.new_cdp_session(page)
    for i in range(1, len(text) + 1):
        cdp.send("Input.imeSetComposition", {"text": text[:i], "selectionStart": i, "selectionEnd": i})
    cdp.send("Input.insertText", {"text": text})


WAYS = {
    "keys": key_by_key,
    "insert-text": lambda page, text: page.keyboard.insert_text(text),  # a paste: input, no key events
    "input-event": lambda page, text: page.evaluate(
        "t => { const b = document.querySelector('input.md-search__input'); b.value = t;"
        " b.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: t})); }", text),
    "ime": composed,
}


@pytest.mark.parametrize("way", list(WAYS))
def test_search_answers_in_the_readers_language(page: Any, site_server: Any, way: str) -> None:
    for lang, query in SEARCHES:
        if way == "ime" and lang not in ("ru", "zh"):
            continue
        box = open_search(page, site_server, lang)
        box.fill("")
        WAYS[way](page, query)
        found = search_results(page)
        assert found, (way, lang, query)
        root = site_server.url(lang, page="")
        for href in found:
            assert href.startswith(root), (way, lang, query, href)
            rest = href[len(root):]
            assert lang != "en" or not any(rest.startswith(d) for d in LOCALE_DIRS.values() if d), href
    assert page.errors == []


# --- pages that read at 412 px, in both schemes ---------------------------------------------------

SIZES_JS = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize);
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const small = [];
  for (const fig of document.querySelectorAll('figure.csp-flow')) {
    const svg = fig.querySelector('.csp-flow__drawing svg');
    if (svg && visible(svg)) {
      const scale = svg.getBoundingClientRect().width / parseFloat(svg.getAttribute('width'));
      for (const t of svg.querySelectorAll('text')) {
        const px = parseFloat(t.getAttribute('font-size')) * scale;
        if (px < body - 0.01) small.push(['svg', fig.id, px]);
      }
    }
    for (const li of fig.querySelectorAll('.csp-flow__stack li')) {
      if (visible(li) && parseFloat(getComputedStyle(li).fontSize) < body - 0.01) small.push(['stack', fig.id]);
    }
    if (!(svg && visible(svg)) && !fig.querySelector('.csp-flow__stack li') ) small.push(['nothing shown', fig.id]);
  }
  const scroller = [...document.querySelectorAll('.csp-table .md-typeset__table, .csp-table table')]
    .filter(visible).filter(el => el.scrollWidth > el.clientWidth + 1).length;
  const figuresWide = [...document.querySelectorAll('figure.csp-flow')]
    .filter(f => f.scrollWidth > f.clientWidth + 1).length;
  return {body, small, scroller, figuresWide, pageWide: document.documentElement.scrollWidth > innerWidth};
}"""


@pytest.mark.parametrize("lang", list(LOCALES))
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["412", "1280"])
def test_the_routing_page_reads_at_body_size(browser: Any, site_server: Any, lang: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(site_server.url(lang, page="how-routing-works/"))
        sizes = page.evaluate(SIZES_JS)
        assert sizes["small"] == [], sizes["small"][:5]
        assert sizes["scroller"] == 0 and sizes["figuresWide"] == 0 and not sizes["pageWide"], sizes
    finally:
        close_context(context)


TYPE_JS = """() => {
  const cs = (el) => getComputedStyle(el);
  const lum = (c) => { const [r, g, b, a] = c.match(/[\\d.]+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) * (a === undefined ? 1 : a); };
  const body = document.querySelector('.md-typeset p');
  const h1 = document.querySelector('.md-typeset h1');
  const cells = [...document.querySelectorAll('.md-typeset td, .md-typeset .admonition p')];
  return {
    bodySize: parseFloat(cs(body).fontSize), bodyWeight: Number(cs(body).fontWeight),
    h1Weight: Number(cs(h1).fontWeight), h1Alpha: (cs(h1).color.match(/[\\d.]+/g).map(Number)[3] ?? 1),
    bodyAlpha: (cs(body).color.match(/[\\d.]+/g).map(Number)[3] ?? 1),
    smallest: Math.min(...cells.map(c => parseFloat(cs(c).fontSize))),
  };
}"""


@pytest.mark.parametrize("page_path", ["severity/", "", "faq/"])
def test_titles_are_not_lighter_than_the_text_and_tables_and_callouts_read_at_body_size(
        page: Any, site_server: Any, page_path: str) -> None:
    page.goto(site_server.url("en", page=page_path))
    sizes = page.evaluate(TYPE_JS)
    assert sizes["h1Weight"] >= sizes["bodyWeight"] and sizes["h1Alpha"] >= sizes["bodyAlpha"], sizes
    assert sizes["smallest"] >= sizes["bodySize"] - 0.01, sizes


PAGES_FOR_AXE = [("wizard/", CUSTOMER), ("wizard/", None), ("how-routing-works/", None), ("severity/", None),
                 ("report-a-problem/", None), ("", None)]


# Each scheme once, in a Latin and in a Chinese page (the colours do not depend on the language;
# the wizard page in every language and the light scheme are also checked in test_browser_wizard).
@pytest.mark.parametrize(("lang", "scheme"), [("en", "light"), ("zh", "dark")])
def test_no_accessibility_violations_in_either_scheme(browser: Any, site_server: Any, scheme: str, lang: str) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    try:
        page = context.new_page()
        for path, answers in PAGES_FOR_AXE:
            query = "?" + urlencode(answers) if answers else ""
            page.goto(site_server.url(lang, page=path, query=query))
            expected = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == expected
            if path == "wizard/":
                wait_ready(page)
                page.wait_for_selector(step_selector(answers or {}, lang))
                page.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")
            if path == "report-a-problem/":
                page.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")
            violations = run_axe(page)
            assert violations == [], (scheme, lang, path, violations)
    finally:
        close_context(context)


def test_the_palette_toggle_switches_the_scheme(page: Any, site_server: Any) -> None:
    page.goto(site_server.url("ru", page="how-routing-works/"))
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
    assert toggle.get_attribute("title") == ui_strings(Translator("ru"))["palette_dark"]
    toggle.click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    # The diagrams' words follow the scheme: light text on the dark page.
    fill = page.eval_on_selector(".csp-flow svg text", "t => getComputedStyle(t).fill")
    assert fill.startswith("rgb") and sum(map(float, fill[fill.index("(") + 1:-1].split(",")[:3])) > 600, fill
