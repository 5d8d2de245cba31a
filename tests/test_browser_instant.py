"""The wizard under Material's navigation.instant, which the site may switch on.

With instant navigation the page is never reloaded: Material fetches the next page, swaps the
content and emits ``document$``; the wizard must start from there, keep its worker across
pages, and keep its answers in the URL through the theme's own history handling. Material only
navigates instantly to URLs of the site's own host and port, so this variant of the site is
built with ``site_url`` set to the local server's address (and the feature switched on).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import ROOT, SiteServer, answer, expect_step, start_server, wait_ready

pytestmark = pytest.mark.browser

BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config(sys.argv[1], site_dir=sys.argv[2], site_url=sys.argv[3])
config.theme["features"].append("navigation.instant")
build(config)
"""


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    site = tmp_path_factory.mktemp("instant-site")
    prefix = "/csp-support/"
    server, served = start_server(site, prefix)
    origin = served.origin
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(ROOT / "mkdocs.yml"), str(site), origin + prefix],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "navigation.instant" in (Path(site) / "wizard" / "index.html").read_text(encoding="utf-8")
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
        context.close()
