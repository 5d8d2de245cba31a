"""Debian's nginx serving ``dist/nginx/`` with the generated ``nginx.conf``, and a stock nginx
serving the plain ``site/`` folder.

The generated configuration runs as ``nginx -p <folder> -c nginx.conf`` with only its one
``listen`` line changed (to 127.0.0.1 and a free port): the test lays a prefix folder with that
file, the generated ``mime.types`` and a link to the published ``html/``. The stock case uses
Debian's own ``/etc/nginx/mime.types`` and nothing but an ``alias``: what someone gets who
uploads ``site/`` to an nginx they did not configure for it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.hooks.pyodide_hook import RUNTIME_PATH
from macros.publish import MIME_TYPES, NGINX_LISTEN, copy_tree, is_sidecar
from tests.browser_helpers import close_context
from tests.hosts_helpers import (
    CACHE,
    Host,
    check_deep_link_and_switcher,
    check_long_cache,
    check_policy_on_pages_and_404s,
    expected_prefix,
    free_port,
    get,
    open_deep_link,
    published,
    stop,
    wait_until_up,
)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STOCK_MIME_TYPES = Path("/etc/nginx/mime.types")


def run_nginx(prefix: Path) -> subprocess.Popen[bytes]:
    (prefix / "logs").mkdir(exist_ok=True)
    (prefix / "tmp").mkdir(exist_ok=True)
    check = subprocess.run([NGINX, "-p", str(prefix), "-c", "nginx.conf", "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    # In the foreground, so the test owns the process and stops it by its id.
    return subprocess.Popen([NGINX, "-p", str(prefix), "-c", "nginx.conf", "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.fixture(scope="module")
def nginx_host(site: Any) -> Iterator[Host]:
    assert Path(NGINX).exists(), "nginx not found (make setup-nginx)"
    folder = published(site) / "nginx"
    prefix = CACHE / "nginx"
    shutil.rmtree(prefix, ignore_errors=True)
    prefix.mkdir(parents=True)
    port = free_port()
    conf = (folder / "nginx.conf").read_text(encoding="utf-8")
    assert conf.count(f"listen {NGINX_LISTEN};") == 1
    (prefix / "nginx.conf").write_text(conf.replace(f"listen {NGINX_LISTEN};", f"listen 127.0.0.1:{port};"))
    shutil.copy(folder / "mime.types", prefix / "mime.types")
    (prefix / "html").symlink_to(folder / "html")
    proc = run_nginx(prefix)
    base = f"http://127.0.0.1:{port}{expected_prefix(site)}"
    try:
        wait_until_up(base, proc, 30, prefix / "logs" / "error.log")
        yield Host("nginx", base, site)
    finally:
        stop(proc)


def test_the_configuration_is_self_contained_with_one_listen_line(site: Any) -> None:
    conf = (published(site) / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    directives = [line.strip() for line in conf.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len([d for d in directives if d.startswith("listen ")]) == 1
    for d in directives:
        name, _, value = d.partition(" ")
        if name in {"pid", "error_log", "access_log", "include", "root", "alias"} or name.endswith("_temp_path"):
            assert not value.startswith("/"), f"{d}: not relative to the -p folder"
    # A type for every kind of file the site holds, and JavaScript for the module scripts.
    types = (published(site) / "nginx" / "mime.types").read_text(encoding="utf-8")
    extensions = {ext for exts in MIME_TYPES.values() for ext in exts}
    for file in (published(site) / "nginx" / "html").rglob("*.*"):
        if not file.is_file() or is_sidecar(file):
            continue
        assert file.suffix.lstrip(".") in extensions, file.name
    for ext, ctype in (("mjs", "text/javascript"), ("js", "text/javascript"), ("wasm", "application/wasm"),
                       ("json", "application/json")):
        assert re.search(rf"^\s*{re.escape(ctype)} [^;]*\b{ext}\b", types, re.MULTILINE), ext


@pytest.mark.browser
def test_nginx_sends_the_policy_on_pages_and_on_each_languages_404(nginx_host: Host) -> None:
    check_policy_on_pages_and_404s(nginx_host)


@pytest.mark.browser
def test_nginx_caches_the_runtime_for_a_year_and_compresses_the_right_types(nginx_host: Host) -> None:
    check_long_cache(nginx_host)
    worker = next((nginx_host.site.root / "assets" / "wizard").glob("worker.*js")).name
    for path, ctype in ((f"assets/wizard/{worker}", "text/javascript"),
                        (f"{RUNTIME_PATH}/pyodide.asm.wasm", "application/wasm"), ("wizard/", "text/html")):
        headers = get(nginx_host.base + path, "gzip").headers
        assert headers["Content-Type"].split(";")[0] == ctype, path
        assert headers["Content-Encoding"] == "gzip", path


@pytest.mark.browser
def test_nginx_deep_link_reaches_a_result_and_the_switcher_works(browser: Any, nginx_host: Host) -> None:
    check_deep_link_and_switcher(browser, nginx_host)


@pytest.mark.browser
def test_a_stock_nginx_serving_the_plain_site_starts_the_wizard(browser: Any, site: Any) -> None:
    """Debian's mime.types and an alias, nothing else: the module scripts must still arrive as
    JavaScript, so the wizard starts (no generated configuration involved)."""
    assert STOCK_MIME_TYPES.is_file(), "Debian's nginx-common is not installed (make setup-nginx)"
    prefix = CACHE / "nginx-stock"
    shutil.rmtree(prefix, ignore_errors=True)
    # A hard-linked copy inside the project, readable by nginx's workers wherever the site was built.
    copy_tree(site.root, prefix / "site", lambda f: True)
    port = free_port()
    path = expected_prefix(site)
    (prefix / "nginx.conf").write_text(
        "pid logs/nginx.pid;\nerror_log logs/error.log;\nevents {}\n"
        f"http {{\n  include {STOCK_MIME_TYPES};\n  default_type application/octet-stream;\n"
        f"  access_log off;\n  client_body_temp_path tmp;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n"
        f"    location {path} {{ alias {prefix / 'site'}/; }}\n  }}\n}}\n")
    proc = run_nginx(prefix)
    try:
        base = f"http://127.0.0.1:{port}{path}"
        wait_until_up(base, proc, 30, prefix / "logs" / "error.log")
        assert get(base + "wizard/").status == 200
        context = browser.new_context()
        try:
            page = context.new_page()
            open_deep_link(page, base)
        finally:
            close_context(context)
    finally:
        stop(proc)
