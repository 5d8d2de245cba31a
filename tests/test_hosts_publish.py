"""``make publish``: five folders laid out for the ``site_url`` path, every host's configuration
rendered from the one header policy, the GitHub Pages copy under its ``<meta>`` policy in
Chromium, ``vercel.json`` checked with Vercel's own routing code, the Pages workflow linted.

Netlify and Vercel are not run here: ``netlify dev`` needs a network namespace of its own to
stay off the machine's other interfaces, and Vercel has no offline server. Their files are
checked for what the hosts' documented formats require.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from macros.hooks.headers_hook import META_IGNORED_DIRECTIVES, header_policy, render_headers
from macros.publish import HOSTS, glob_to_regex, is_sidecar, language_dirs
from macros.server.serve import parse_headers_file, serve_in_thread
from tests.browser_helpers import close_context
from tests.hosts_helpers import (
    ROOT,
    WATCH_VIOLATIONS,
    expected_prefix,
    open_deep_link,
    published,
)

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def rules_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_publish_writes_the_five_folders_for_the_site_path(site: Any) -> None:
    out, prefix = published(site), expected_prefix(site)
    assert prefix == "/csp-support/"
    for host in HOSTS:
        inner = {"github-pages": out / host, "nginx": out / host / "html" / prefix.strip("/")}.get(
            host, out / host / prefix.strip("/"))
        for page in ("index.html", "wizard/index.html", "ru/404.html", "404.html"):
            assert (inner / page).is_file(), f"{host}: {page}"
        assert not (inner / "_headers").exists(), f"{host}: _headers inside the site is a downloadable file"
        if host != "nginx":
            assert not [p for p in inner.rglob("*.br") if is_sidecar(p)], f"{host} ignores the sidecars"


def test_the_built_headers_file_is_the_policy(site: Any) -> None:
    assert rules_of((site.root / "_headers").read_text(encoding="utf-8")) == rules_of(
        render_headers(header_policy(site.root)))


@pytest.mark.parametrize("host", ["netlify", "cloudflare-pages"])
def test_root_headers_are_the_policy_under_the_prefix(site: Any, host: str) -> None:
    policy, prefix = header_policy(site.root), expected_prefix(site)
    rules = parse_headers_file(published(site) / host / "_headers")
    assert rules == policy.rules(prefix)
    assert rules[0][0] == prefix + "*" and ("Content-Security-Policy", policy.csp) in rules[0][1]


def test_netlify_sends_each_language_its_404_and_the_domain_to_the_site(site: Any) -> None:
    prefix = expected_prefix(site)
    lines = rules_of((published(site) / "netlify" / "_redirects").read_text(encoding="utf-8"))
    assert lines[0] == f"/ {prefix} 302"
    for lang in language_dirs(site.root):
        rule = f"{prefix}{lang}/* {prefix}{lang}/404.html 404"
        assert rule in lines and lines.index(rule) < lines.index(f"{prefix}* {prefix}404.html 404")
    assert (published(site) / "netlify" / "404.html").read_bytes() == (site.root / "404.html").read_bytes()


def test_nginx_repeats_the_policy_with_always_in_every_location(site: Any) -> None:
    policy, prefix = header_policy(site.root), expected_prefix(site)
    conf = (published(site) / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    blocks = re.findall(r"location ([^{]+)\{(.*?)\n        \}", conf, re.DOTALL)
    assert len(blocks) >= 2 + len(policy.immutable) + len(language_dirs(site.root))
    for where, body in blocks:
        for name, value in policy.every_response:
            assert f'add_header {name} "{value}" always;' in body, (where, name)
        cached = f'add_header Cache-Control "{policy.cache_control}" always;' in body
        assert cached == any(glob_to_regex(prefix + p.lstrip("/")) in where for p in policy.immutable), where
    for lang in language_dirs(site.root):
        assert f"error_page 404 {prefix}{lang}/404.html;" in conf


def test_vercel_json_passes_vercels_routing_schema_and_compiler(site: Any, tmp_path: Path) -> None:
    config_file = published(site) / "vercel" / "vercel.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))

    def check(path: Path) -> dict[str, Any]:
        proc = subprocess.run(["node", str(ROOT / "tests" / "vercel_config.mjs"), str(path)], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        return json.loads(proc.stdout)

    assert check(config_file) == {"errors": [], "routes": len(config["routes"])}
    policy, prefix = header_policy(site.root), expected_prefix(site)
    assert config["routes"][0]["headers"] == dict(policy.every_response)
    for lang in language_dirs(site.root):
        assert {"src": glob_to_regex(f"{prefix}{lang}/*"), "status": 404, "dest": f"{prefix}{lang}/404.html"} \
            in config["routes"]
    # The checker refuses what Vercel refuses: `headers` next to `routes`, a broken pattern.
    bad = tmp_path / "vercel.json"
    bad.write_text(json.dumps({**config, "headers": [], "routes": [{"src": "^/(", "status": 404}]}))
    assert len(check(bad)["errors"]) == 2


def test_the_pages_workflow_uses_githubs_pages_actions_pinned_and_lints_clean(tmp_path: Path) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: ([\w./-]+)@(\S+)", text)
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= {u for u, _ in uses}
    assert all(re.fullmatch(r"[0-9a-f]{40}", ref) for _, ref in uses), "every action pinned by commit"
    assert ACTIONLINT.exists(), "actionlint not installed (make setup)"
    proc = subprocess.run([str(ACTIONLINT), "-no-color", str(WORKFLOW)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    broken = tmp_path / "pages.yml"
    broken.write_text(text.replace("steps.pages.outputs.base_path", "steps.page.outputs.base_path"))
    assert subprocess.run([str(ACTIONLINT), "-no-color", str(broken)], capture_output=True).returncode != 0


def test_every_github_pages_page_carries_the_meta_policy_first(site: Any) -> None:
    policy, folder = header_policy(site.root), published(site) / "github-pages"
    element = f'<meta http-equiv="Content-Security-Policy" content="{policy.meta_csp()}">'
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) == len(site.html_files())
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count(element) == 1, page
        assert html.index(element) < html.find("<script"), f"{page}: the policy must precede every script"
    # What a <meta> policy cannot say (only the hosts with headers send it).
    assert "frame-ancestors" in policy.csp and "frame-ancestors" not in policy.meta_csp()
    assert set(META_IGNORED_DIRECTIVES) == {"frame-ancestors", "report-uri", "sandbox"}


@pytest.mark.browser
def test_the_github_pages_copy_works_under_its_meta_policy(browser: Any, site: Any) -> None:
    """GitHub's servers cannot run here; the copy is served with no header at all (as Pages
    sends none of ours), so only the <meta> policy applies."""
    server, base = serve_in_thread(published(site) / "github-pages", prefix=expected_prefix(site), headers=False)
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    try:
        page = context.new_page()
        open_deep_link(page, base)
        for path in ("", "ru/severity/", "zh/no-such-page/"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__violations") == [], path
        # The policy is enforced: an inline script the build did not hash is refused.
        page.goto(base + "severity/")
        with pytest.raises(Exception, match="violates the following Content Security Policy directive"):
            page.add_script_tag(content="window.__ran = true;")
        assert page.evaluate("window.__ran === undefined")
    finally:
        close_context(context)
        server.shutdown()

