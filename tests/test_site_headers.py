"""The `_headers` file: a strict Content-Security-Policy the site works under, security headers
and long caching for versioned assets, served as a static host serves them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest

from macros.hooks.headers_hook import IMMUTABLE_PATTERNS, header_policy
from macros.server.serve import parse_headers_file, serve_in_thread
from tests.browser_helpers import LOCALE_DIRS, READY_WAIT_MS, close_context
from wizard.engine import decide
from wizard.paths import enumerate_paths

pytestmark = pytest.mark.browser

#: Records Content-Security-Policy violations and uncaught errors from the very first script.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture(scope="module")
def headers_server(site: Any):
    server, base = serve_in_thread(site.root, prefix=site.base_path)
    yield base
    server.shutdown()


def csp(site: Any) -> str:
    rules = dict(parse_headers_file(site.root / "_headers"))
    return dict(rules["/*"])["Content-Security-Policy"]


def directive(policy: str, name: str) -> str:
    return next(d for d in policy.split("; ") if d.startswith(name + " "))


def test_policy_has_no_inline_exceptions(site: Any) -> None:
    policy = csp(site)
    assert directive(policy, "default-src") == "default-src 'self'"
    script_src = directive(policy, "script-src")
    assert script_src.startswith("script-src 'self' 'wasm-unsafe-eval'")
    assert directive(policy, "style-src") == "style-src 'self'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "'unsafe-hashes'" not in policy
    assert "http" not in policy, "no other origin is allowed"


def test_every_response_carries_the_policy_and_security_headers(site: Any, headers_server: str) -> None:
    worker = next((site.root / "assets" / "wizard").glob("worker.*js")).name
    for path in ("", "ru/faq/", f"assets/wizard/{worker}", "zh/wizard/"):
        with urlopen(headers_server + path) as response:
            assert response.headers["Content-Security-Policy"] == csp(site), path
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_versioned_runtime_files_are_cached_for_a_year_and_pages_are_not(site: Any, headers_server: str) -> None:
    runtime = sorted(p.relative_to(site.root).as_posix() for p in (site.root / "assets" / "pyodide").rglob("*.wasm"))
    assert runtime, "no Pyodide runtime in the site"
    with urlopen(headers_server + runtime[0]) as response:
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    with urlopen(headers_server + "wizard/") as response:
        assert response.headers["Cache-Control"] is None
    assert IMMUTABLE_PATTERNS


@pytest.mark.parametrize("locale", list(LOCALE_DIRS))
def test_pages_and_the_wizard_work_under_the_policy_with_no_violation(browser: Any, headers_server: str,
                                                                       locale: str) -> None:
    """In Chromium; tests/test_browser_firefox.py checks the same policy in Firefox."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for path in ("", "severity/", "how-routing-works/"):
            page.goto(headers_server + LOCALE_DIRS[locale] + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__violations") == [], path
        # The diagrams are drawn with their styles (SVG attributes, the site's stylesheet).
        assert page.locator(".csp-flow svg").first.bounding_box()["height"] > 100
        # A deep link to a result with a severity, as the engine decides it.
        path = next(p for p in enumerate_paths() if decide(p).severity)
        page.goto(headers_server + LOCALE_DIRS[locale] + "wizard/?" + urlencode(path))
        page.wait_for_selector('#csp-wizard[data-wizard-state="ready"]', state="attached", timeout=READY_WAIT_MS)
        result = page.wait_for_selector("[data-outcome]", state="attached")
        assert result.get_attribute("data-outcome") == decide(path).spec.id
        assert result.get_attribute("data-severity") == decide(path).severity
        page.locator(".csp-wizard__result a.csp-wizard__restart").click()
        page.wait_for_selector('form.csp-wizard__question[data-question="role"]')
        assert page.evaluate("window.__violations") == []
        assert errors == []
    finally:
        close_context(context)


def test_the_one_policy_renders_under_a_prefix_and_as_meta(site: Any) -> None:
    """Every host's configuration comes from this value (macros.publish renders it)."""
    policy = header_policy(site.root)
    assert policy.csp == csp(site)
    rules = policy.rules("/csp-support/")
    assert [pattern for pattern, _ in rules] == ["/csp-support/*", *("/csp-support" + p for p in IMMUTABLE_PATTERNS)]
    assert rules[0][1][0] == ("Content-Security-Policy", policy.csp)
    assert policy.rules("/") == parse_headers_file(site.root / "_headers")
    meta = policy.meta_csp()
    assert "frame-ancestors" not in meta and meta == "; ".join(
        d for d in policy.csp_directives if not d.startswith("frame-ancestors "))
