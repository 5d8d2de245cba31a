"""The wizard's fast start: the Pyodide memory snapshot and its fallback, the versioned runtime
folders the page points at, and the precompressed copies of the large files.

The worker restores ``wizard.snapshot.gz`` (Pyodide with the wizard already imported,
gzip-compressed at build time) instead of starting Python; when the snapshot is missing, cannot
be fetched or is refused, it starts Pyodide the plain way from the wheel, and the reader gets
the same answers either way. (The choice by link speed: ``tests/test_browser_hosts.py``.)
"""

from __future__ import annotations

import gzip
import json
import re
import struct
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from macros.hooks.precompress import MIN_SIZE, SUFFIXES
from macros.hooks.pyodide_hook import (
    APP_FILES,
    PYODIDE_DIR,
    PYODIDE_FILES,
    RUNTIME_PATH,
    SNAPSHOT_NAME,
    STDLIB_NAME,
    WEB_PATH,
    app_fingerprint,
    find_app_dir,
)
from tests.browser_helpers import LOCALE_DIRS, READY_WAIT_MS, cli_route, close_context, result_on_page, wait_ready, walk
from wizard import LOCALES
from wizard.paths import enumerate_paths

PATHS = list(enumerate_paths())
#: The snapshot's header (Pyodide 314): magic number, offset of the memory, JSON length,
#: reserved, then the 256-bit build id of the runtime that made it.
SNAPSHOT_MAGIC = 1886286592
BUILD_ID = slice(16, 48)


def widget_config(site: Path, lang: str) -> dict[str, Any]:
    html = (site / LOCALE_DIRS[lang] / "wizard" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'data-wizard-config="([^"]*)"', html)
    assert found, f"no widget on the {lang} wizard page"
    return json.loads(unescape(found[1]))


# --- the files in the built site -------------------------------------------------------------

@pytest.mark.parametrize("lang", list(LOCALES))
def test_the_page_points_at_the_placed_runtime(wizard_site: Path, lang: str) -> None:
    paths = widget_config(wizard_site, lang)["runtime"]
    web = wizard_site / WEB_PATH
    index, app = (web / paths["index"]).resolve(), (web / paths["app"]).resolve()
    assert index == (wizard_site / RUNTIME_PATH).resolve()
    assert app == find_app_dir(wizard_site).resolve()
    assert all((index / name).is_file() for name in PYODIDE_FILES)
    assert all((app / name).is_file() for name in APP_FILES)


def test_runtime_folders_are_named_after_their_content(wizard_site: Path) -> None:
    version = json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))["version"]
    assert (wizard_site / RUNTIME_PATH).resolve() == (wizard_site / "assets" / "pyodide" / version).resolve()
    assert re.fullmatch(r"wizard-[0-9a-f]{16}", find_app_dir(wizard_site).name)
    assert re.fullmatch(r"[0-9a-f]{16}", app_fingerprint())
    loose = [p.name for p in (wizard_site / "assets" / "pyodide").iterdir() if not p.is_dir()]
    assert loose == [], "files outside the versioned folders"


def test_every_module_script_is_named_js(wizard_site: Path) -> None:
    """Stock nginx (Debian's mime.types) sends ``.mjs`` as application/octet-stream, which a
    browser refuses for a module script or worker: nothing the page loads is named ``.mjs``."""
    served = [p.relative_to(wizard_site).as_posix() for p in wizard_site.rglob("*.mjs*")]
    assert served == []
    web = wizard_site / WEB_PATH
    assert (web / "worker.js").is_file()
    assert "worker.js" in (web / "wizard.js").read_text(encoding="utf-8")
    worker = (web / "worker.js").read_text(encoding="utf-8")
    assert all(f'"{name}"' in worker for name in ("pyodide.esm.js", "pyodide.asm.esm.js"))
    assert "createPyodideModule" in worker


def test_the_snapshot_was_made_by_the_runtime_it_is_served_with(wizard_site: Path) -> None:
    with gzip.open(find_app_dir(wizard_site) / SNAPSHOT_NAME) as fh:
        head = fh.read(64)
    assert struct.unpack_from("<I", head)[0] == SNAPSHOT_MAGIC
    build_id = "".join(f"{word:08x}" for word in struct.unpack_from("<8I", head, BUILD_ID.start))
    loader = (wizard_site / RUNTIME_PATH / "pyodide.esm.js").read_text(encoding="utf-8")
    assert f'BUILD_ID:"{build_id}"' in loader


def test_large_files_have_faithful_precompressed_copies(wizard_site: Path) -> None:
    import brotli

    checked = set()
    for folder in ("assets/pyodide", WEB_PATH):
        for path in sorted((wizard_site / folder).rglob("*")):
            if path.suffix not in SUFFIXES or path.stat().st_size < MIN_SIZE:
                continue
            data = path.read_bytes()
            br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
            assert br.is_file() and gz.is_file(), path
            assert brotli.decompress(br.read_bytes()) == data, br
            assert gzip.decompress(gz.read_bytes()) == data, gz
            assert br.stat().st_size < len(data) and gz.stat().st_size < len(data)
            checked.add(path.name)
    assert checked >= {"pyodide.esm.js", "pyodide.asm.esm.js", "pyodide.asm.wasm", "wizard.js", "worker.js"}
    # Already deflated: a copy would save nothing, so there is none.
    assert not (wizard_site / RUNTIME_PATH / "python_stdlib.zip.br").exists()


def test_the_snapshot_is_compressed_whatever_the_host_does(wizard_site: Path) -> None:
    """Hosts compress by content type and would send a raw snapshot (31 MB) as it is."""
    snapshot = find_app_dir(wizard_site) / SNAPSHOT_NAME
    packed = snapshot.read_bytes()
    assert packed[:2] == b"\x1f\x8b"
    assert len(packed) < len(gzip.decompress(packed)) / 4
    assert not snapshot.with_name(SNAPSHOT_NAME + ".br").exists()


# --- in the browser ---------------------------------------------------------------------------

@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.errors = []
    page.requests = []
    page.warnings = []
    page.on("console", lambda message: page.warnings.append(message.text) if message.type == "warning" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    close_context(context)


def assert_walk_matches_cli(page: Any, path: dict[str, str], lang: str) -> None:
    walk(page, path, lang)
    expected, shown = cli_route(path, lang), result_on_page(page)
    for key in ("outcome", "contact", "channel", "severity", "first_response", "title", "steps"):
        assert shown[key] == expected[key], (key, path, lang)


def stdlib_asked_for(page: Any, site: Path) -> list[str]:
    """Which standard library the page loaded: "trimmed" (the app's) or "full" (the runtime's)."""
    kinds = {f"/{find_app_dir(site).name}/{STDLIB_NAME}": "trimmed", f"/{RUNTIME_PATH}/{STDLIB_NAME}": "full"}
    return [kind for url in page.requests for suffix, kind in kinds.items() if url.endswith(suffix)]


@pytest.mark.browser
def test_ready_from_the_snapshot(page: Any, site_server: Any) -> None:
    page.goto(site_server.url("ru"))
    wait_ready(page)
    if page.get_attribute("#csp-wizard", "data-ready-via") == "snapshot":
        assert_walk_matches_cli(page, PATHS[7], "ru")
        assert any(url.endswith("/" + SNAPSHOT_NAME) for url in page.requests)
        assert not any(url.endswith(".whl") for url in page.requests), "the snapshot holds the wizard already"
        assert stdlib_asked_for(page, site_server.site) == ["trimmed"]
    else:
        # The worker judged the snapshot too slow to arrive (its first 150 ms, which a loaded
        # machine stretches even on localhost) and started plainly; it then keeps the snapshot
        # in the site's cache, and the next visit restores it from there.
        page.wait_for_selector("#csp-wizard[data-snapshot-cached]", state="attached", timeout=READY_WAIT_MS)
        page.reload()
        wait_ready(page)
        assert page.get_attribute("#csp-wizard", "data-ready-via") == "snapshot"
        assert_walk_matches_cli(page, PATHS[7], "ru")
    assert page.errors == []


def spoil(how: str, site: Path) -> Any:
    """A route handler that serves the snapshot broken in the given way."""
    if how == "blocked":
        return lambda route: route.abort()
    if how == "missing":
        return lambda route: route.fulfill(status=404, body="not found")
    if how == "damaged":
        return lambda route: route.fulfill(status=200, body=b"not a snapshot" * 4096)
    # The real snapshot's header with another runtime's build id, as if made for another
    # Pyodide: the check comes first, so its first MiB is enough (and quick to hand over).
    with gzip.open(find_app_dir(site) / SNAPSHOT_NAME) as fh:
        body = bytearray(fh.read(1 << 20))
    body[BUILD_ID] = bytes(b ^ 0xFF for b in body[BUILD_ID])
    packed = gzip.compress(bytes(body), mtime=0)
    return lambda route: route.fulfill(status=200, body=packed)


@pytest.mark.browser
@pytest.mark.parametrize(("how", "lang", "warning"), [
    ("blocked", "en", "could not be fetched"),
    ("missing", "pt-BR", "HTTP 404"),
    ("damaged", "zh", "was refused"),
    ("other build", "en", "build id mismatch"),
])
def test_falls_back_to_a_plain_start(page: Any, site_server: Any, how: str, lang: str, warning: str) -> None:
    page.route(f"**/{SNAPSHOT_NAME}", spoil(how, site_server.site))
    page.goto(site_server.url(lang))
    wait_ready(page)
    assert page.get_attribute("#csp-wizard", "data-ready-via") == "plain"
    assert any(warning in text for text in page.warnings), page.warnings
    assert any(url.endswith(".whl") for url in page.requests), "the plain start installs the wheel"
    assert set(stdlib_asked_for(page, site_server.site)) == {"trimmed"}, "it has what a plain start needs"
    assert_walk_matches_cli(page, PATHS[-3], lang)
    assert page.errors == []
