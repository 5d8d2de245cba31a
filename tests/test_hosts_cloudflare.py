"""Cloudflare Pages' own local runtime (``wrangler pages dev``, workerd from npm) serving
``dist/cloudflare-pages/``: the root ``_headers`` and ``_redirects`` as Cloudflare reads them,
and its nearest-``404.html`` rule for each language.

It runs offline on 127.0.0.1 and a free port, with telemetry off; it tries once to fetch
``Request.cf`` metadata, fails to resolve the name and uses a placeholder, which changes
nothing for a static site.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.hooks.pyodide_hook import RUNTIME_PATH, SNAPSHOT_NAME, find_app_dir
from tests.hosts_helpers import (
    CACHE,
    ROOT,
    Host,
    check_deep_link_and_switcher,
    check_long_cache,
    check_policy_on_pages_and_404s,
    expected_prefix,
    free_port,
    get,
    published,
    stop,
    wait_until_up,
)

WRANGLER = ROOT / "node_modules" / ".bin" / "wrangler"
#: The runtime's date of behaviour (the workerd release wrangler 4.86.0 ships).
COMPATIBILITY_DATE = "2026-04-26"


@pytest.fixture(scope="module")
def cloudflare_host(site: Any) -> Iterator[Host]:
    assert WRANGLER.exists(), "wrangler not installed (make setup)"
    folder = published(site) / "cloudflare-pages"
    state = CACHE / "wrangler"
    state.mkdir(parents=True, exist_ok=True)
    port, inspector = free_port(), free_port()
    env = {**os.environ, "WRANGLER_SEND_METRICS": "false", "WRANGLER_LOG_PATH": str(state / "logs"),
           "DO_NOT_TRACK": "1", "NO_UPDATE_NOTIFIER": "1", "CI": "true"}
    log = state / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(WRANGLER), "pages", "dev", str(folder), "--ip", "127.0.0.1", "--port", str(port),
             "--inspector-port", str(inspector), "--compatibility-date", COMPATIBILITY_DATE,
             "--persist-to", str(state / "state")],
            cwd=state, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", proc, 90, log)
        yield Host("cloudflare-pages", f"http://127.0.0.1:{port}{expected_prefix(site)}", site)
    finally:
        stop(proc)


@pytest.mark.browser
def test_cloudflare_reads_the_root_headers_and_redirects(cloudflare_host: Host) -> None:
    origin = cloudflare_host.base[: -len(expected_prefix(cloudflare_host.site)) + 1]
    r = get(origin)
    assert r.status == 302 and r.headers["Location"] == expected_prefix(cloudflare_host.site)
    # The host's configuration files are not published as pages.
    for path in ("_headers", "_redirects"):
        assert get(origin + path).status != 200, path
        assert get(cloudflare_host.base + path).status == 404, path


@pytest.mark.browser
def test_cloudflare_sends_the_policy_on_pages_and_on_each_languages_404(cloudflare_host: Host) -> None:
    check_policy_on_pages_and_404s(cloudflare_host)


@pytest.mark.browser
def test_cloudflare_caches_the_runtime_for_a_year_and_compresses_by_type(cloudflare_host: Host) -> None:
    check_long_cache(cloudflare_host)
    root = cloudflare_host.site.root
    snapshot = f"{find_app_dir(root).relative_to(root).as_posix()}/{SNAPSHOT_NAME}"
    for path, encoding in ((f"{RUNTIME_PATH}/pyodide.asm.wasm", "gzip"), ("wizard/", "gzip"), (snapshot, None)):
        assert get(cloudflare_host.base + path, "gzip").headers["Content-Encoding"] == encoding, path


@pytest.mark.browser
def test_cloudflare_deep_link_reaches_a_result_and_the_switcher_works(browser: Any, cloudflare_host: Host) -> None:
    check_deep_link_and_switcher(browser, cloudflare_host)


def test_the_published_folder_has_no_sidecars_and_no_nested_headers(site: Any) -> None:
    folder = published(site) / "cloudflare-pages"
    inner = folder / expected_prefix(site).strip("/")
    assert not (inner / "_headers").exists()
    assert not any(Path(p).suffix == ".br" for p in inner.rglob("*.br"))
    assert (folder / "404.html").is_file(), "a top-level 404.html, or Cloudflare treats the site as a single-page app"
