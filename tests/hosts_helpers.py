"""Shared pieces of the host tests (``tests/test_hosts_*.py``): the published folders, starting a
host's real server on 127.0.0.1 and a free port, and the checks every host must pass.

The folders are ``make publish``'s ``dist/`` when ``PUBLISH_DIR`` names it (``make test`` does);
otherwise they are published once from the session's site into ``.cache/publish`` (inside the
project, so a server running as another user, like nginx's workers, can read them).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from macros.hooks.headers_hook import HeaderPolicy, header_policy
from macros.hooks.pyodide_hook import RUNTIME_PATH, SNAPSHOT_NAME, find_app_dir
from macros.publish import publish, site_prefix
from tests.browser_helpers import LOCALE_DIRS, READY_WAIT_MS, close_context, step_selector
from wizard.engine import decide
from wizard.paths import enumerate_paths

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "hosts"
_published: dict[str, Path] = {}

#: Records CSP violations from the first script on (the page's own and its workers' reports).
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
#: A deep link to a result with a severity: a direct partner's Azure request, as the engine routes it.
DEEP_LINK = next(p for p in enumerate_paths() if p["role"] == "direct-partner" and p.get("product") == "azure"
                 and decide(p).severity)


def published(site: Any) -> Path:
    """The folder holding the five host folders (published once per session)."""
    if "dir" not in _published:
        given = os.environ.get("PUBLISH_DIR")
        if given:
            out = Path(given).resolve()
            assert (out / "nginx" / "nginx.conf").is_file(), f"PUBLISH_DIR={given}: run `make publish` first"
        else:
            out = ROOT / ".cache" / "publish"
            publish(site.root, out)
        _published["dir"] = out
    return _published["dir"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen[bytes] | None, timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the server exited ({proc.returncode}): {log.read_text()[-3000:] if log else ''}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"no answer from {url} within {timeout} s: {log.read_text()[-3000:] if log else ''}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server this test started (its own process group, by id)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class Response:
    status: int
    headers: Any
    body: bytes

    @property
    def lang(self) -> str | None:
        found = re.search(rb"<html[^>]*\blang=\"([^\"]+)\"", self.body)
        return found[1].decode() if found else None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def get(url: str, encoding: str = "identity", retry: bool = True) -> Response:
    """One request, redirects not followed (a 3xx is the response), accepting ``encoding``."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with _OPENER.open(request, timeout=30) as r:
            return Response(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        if e.code >= 500 and retry:  # a host's local runtime on this loaded machine, asked once more
            time.sleep(1)
            return get(url, encoding, retry=False)
        return Response(e.code, e.headers, e.read())


@dataclass
class Host:
    """A running host: where the site is (``base`` = origin + the site_url path)."""

    name: str
    base: str
    site: Any

    @property
    def policy(self) -> HeaderPolicy:
        return header_policy(self.site.root)


def module_script(root: Path, folder: str) -> str:
    """The path of the first module script (``.mjs`` or ``.js``) in ``folder`` of the site."""
    return next(p for p in sorted((root / folder).iterdir()) if p.suffix in (".mjs", ".js")).relative_to(
        root).as_posix()


def lang_of_404(site: Any, locale: str) -> str:
    body = (site.root / LOCALE_DIRS[locale] / "404.html").read_bytes()
    return Response(404, {}, body).lang or ""


# --- the checks every host passes ---------------------------------------------------------------

def check_policy_on_pages_and_404s(host: Host) -> None:
    """The home page, the wizard page and each language's 404 page carry the whole policy; a
    missing page in each language gets that language's 404 page, with status 404."""
    policy = host.policy
    for path in ("", "wizard/", "ru/wizard/"):
        r = get(host.base + path)
        assert r.status == 200, path
        assert r.headers["Content-Security-Policy"] == policy.csp, path
        for name, value in policy.security:
            assert r.headers[name] == value, (path, name)
    for locale, folder in LOCALE_DIRS.items():
        r = get(host.base + folder + "no-such-page/")
        assert r.status == 404, locale
        assert r.lang == lang_of_404(host.site, locale), f"{locale}: the 404 page is in {r.lang}"
        assert r.headers["Content-Security-Policy"] == policy.csp, locale


def check_long_cache(host: Host) -> None:
    """The versioned runtime and the fingerprinted bundles are cached for a year; pages are not."""
    root = host.site.root
    app = find_app_dir(root).relative_to(root).as_posix()
    bundle = next((root / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(root).as_posix()
    for path in (f"{RUNTIME_PATH}/pyodide.asm.wasm", module_script(root, RUNTIME_PATH), f"{app}/{SNAPSHOT_NAME}",
                 bundle):
        r = get(host.base + path)
        assert r.status == 200, (path, r.status)
        assert r.headers["Cache-Control"] == host.policy.cache_control, path
        assert r.headers["Content-Security-Policy"] == host.policy.csp, path
        assert r.body == (root / path).read_bytes(), f"{path} arrives as built"
    assert "immutable" not in (get(host.base + "wizard/").headers["Cache-Control"] or "")


#: A link only Python can answer (an unknown key): the page starts Python for it whatever it
#: judged of the link, where a deep link in the state table needs none and on a host the page
#: rates slow (wrangler's local runtime, at times) leaves Python unloaded.
NEEDS_PYTHON = {"role": "customer", "colour": "blue"}


def open_deep_link(page: Any, base: str) -> None:
    """Open the deep link: its result must show. Then a link that needs Python: Python must
    start in the worker (``data-wizard-state="ready"``), which needs the worker script,
    Pyodide's modules and the wasm to arrive as the browser accepts them. On failure the page's
    own cause is reported. A start that only ran out of time on this shared machine (cause
    ``timeout``: the worker was alive but sent no news) is tried once more; any other cause
    fails at once."""
    settled = ('#csp-wizard[data-wizard-state="ready"], #csp-wizard[data-runtime-failed], '
               '#csp-wizard[data-wizard-state="fallback"]')
    page.goto(base + "wizard/?" + urlencode(DEEP_LINK))
    page.wait_for_selector('.csp-wizard__result[data-outcome], #csp-wizard[data-wizard-state="fallback"]',
                           state="attached", timeout=2 * READY_WAIT_MS)
    result = page.locator(".csp-wizard__result[data-outcome]")
    assert result.count() == 1, f"no result: {page.get_attribute('#csp-wizard', 'data-fallback-cause')}"
    assert result.get_attribute("data-outcome") == decide(DEEP_LINK).spec.id
    assert result.get_attribute("data-severity") == decide(DEEP_LINK).severity
    for attempt in (1, 2):
        page.goto(base + "wizard/?" + urlencode(NEEDS_PYTHON))
        page.wait_for_selector(settled, state="attached", timeout=2 * READY_WAIT_MS)
        if page.get_attribute("#csp-wizard", "data-wizard-state") == "ready":
            page.wait_for_selector(step_selector({"role": "customer"}, "en"), timeout=10000)
            return
        cause = page.get_attribute("#csp-wizard", "data-runtime-failed") or page.get_attribute(
            "#csp-wizard", "data-fallback-cause")
        assert attempt == 1 and cause == "timeout", f"Python did not start in the browser: cause {cause!r}"


def check_deep_link_and_switcher(browser: Any, host: Host) -> None:
    """In Chromium: a deep link reaches the engine's result with no CSP violation, and the
    language switcher of a guidance page leads to that page in each language."""
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        open_deep_link(page, host.base)
        assert page.evaluate("window.__violations") == []
        for locale, folder in LOCALE_DIRS.items():
            page.goto(host.base + "severity/")
            page.hover(".md-header__option .md-select")
            link = page.locator(f'.md-select__link[hreflang="{lang_of_404(host.site, locale)}"]')
            with page.expect_navigation():
                link.click()
            assert page.url == host.base + folder + "severity/", locale
            assert page.evaluate("document.documentElement.lang") == lang_of_404(host.site, locale)
            assert page.evaluate("window.__violations") == [], locale
        assert errors == []
    finally:
        close_context(context)


def expected_prefix(site: Any) -> str:
    return site_prefix(site.root)
