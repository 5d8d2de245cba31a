"""The wizard in Firefox: Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core.

One run of ``tests/firefox.mjs`` drives every scenario (a Firefox start costs seconds); the
scenarios and every expected step come from the Python engine here, and the tests below assert
on what the script reports: each locale's pages and wizard under the site's own ``_headers``
policy with no violation, a tampered link opened fresh, clicked walks (every contact kind across the locales) from
the memory snapshot, the plain start when the snapshot is not served, the fallback without
WebAssembly, and a walk with the keyboard alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from macros.hooks.pyodide_hook import SNAPSHOT_NAME
from macros.server.serve import make_server
from tests.browser_helpers import (
    LOCALE_DIRS,
    READY_WAIT_MS,
    RESULT_JS,
    ROOT,
    TAMPERED,
    WARM_UP_AT_ONCE,
    cli_route,
    keyboard_steps,
    locale_share,
    longest_path,
    paths_to_walk,
    step_selector,
)
from wizard import LOCALES
from wizard import browser as wizard_browser
from wizard.browser import query_string
from wizard.engine import decide
from wizard.i18n import Translator
from wizard.paths import enumerate_paths
from wizard.text import copy_text
from wizard.ui import ui_strings

pytestmark = pytest.mark.browser

FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
DRIVER = ROOT / "tests" / "firefox.mjs"
#: Pages loaded under the policy in each locale before the wizard (the diagrams page included).
PAGES = ("", "severity/", "how-routing-works/")
#: The whole run's limit: well above the ~1 minute it takes, well below CI's.
RUN_TIMEOUT_S = 300


def serve(site: Path, prefix: str, without_snapshot: bool = False) -> tuple[Any, str]:
    """The project's static server with the site's ``_headers``; optionally one that answers
    404 for the memory snapshot, as a host that lost the file would."""
    server = make_server(site, prefix=prefix)
    if without_snapshot:
        handler = server.RequestHandlerClass

        class NoSnapshot(handler):  # type: ignore[misc, valid-type]
            def _file_for(self, site_path: str) -> Path | None:
                return None if site_path.endswith("/" + SNAPSHOT_NAME) else super()._file_for(site_path)

        server.RequestHandlerClass = NoSnapshot
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}{server.RequestHandlerClass.prefix}"


def walk_plan(path: dict[str, str], lang: str) -> dict[str, Any]:
    return {"path": path, "steps": keyboard_steps(path, lang)}


def tampered_for(lang: str) -> tuple[str, str, dict[str, str]]:
    """A different kind of tampered link in each locale: (reason, query, usable answers)."""
    kinds = list(TAMPERED.items())
    reason, (query, usable) = kinds[list(LOCALES).index(lang) % len(kinds)]
    return reason, query, usable


def deep_link() -> dict[str, str]:
    """A complete path for a deep link to a result (the longest one)."""
    return longest_path()


def pre_gdap_link() -> tuple[str, dict[str, str]]:
    """A link made before GDAP: the admin-access answer ``dap`` (delegated admin privileges),
    which the flow no longer offers. Returns the query and the answers the wizard keeps."""
    path = next(p for p in enumerate_paths() if "admin_access" in p)
    kept: dict[str, str] = {}
    for key, value in path.items():
        if key == "admin_access":
            break
        kept[key] = value
    return query_string([*kept.items(), ("admin_access", "dap")]), kept


def build_plan(base: str, plain_base: str) -> dict[str, Any]:
    scenarios: list[dict[str, Any]] = []
    for lang in LOCALES:
        wizard = base + LOCALE_DIRS[lang] + "wizard/"
        _, query, usable = tampered_for(lang)
        scenarios.append({
            "name": f"site-{lang}", "kind": "site",
            "pages": [base + LOCALE_DIRS[lang] + page for page in PAGES],
            "tampered": {"url": wizard + query, "expect": step_selector(usable, lang)},
            "first": step_selector({}, lang),
            "walks": [walk_plan(path, lang) for path in locale_share(lang)],
        })
    scenarios.append({"name": "plain", "kind": "plain", "url": plain_base + "pt-BR/wizard/",
                      "walk": walk_plan(paths_to_walk("pt-BR")[1], "pt-BR")})
    deep = deep_link()
    scenarios.append({"name": "table", "kind": "table", "url": base + "ru/wizard/" + query_string(deep.items()),
                      "expect": step_selector(deep, "ru")})
    old_query, usable = pre_gdap_link()
    scenarios.append({"name": "python", "kind": "python", "url": base + "pt-BR/wizard/" + old_query,
                      "expect": step_selector(usable, "pt-BR")})
    scenarios.append({"name": "nowasm", "kind": "nowasm", "url": base + "zh/wizard/" + old_query, "noWasm": True,
                      "deep": {"url": base + "zh/wizard/" + query_string(deep.items()),
                               "expect": step_selector(deep, "zh")},
                      "walk": walk_plan(paths_to_walk("zh")[0], "zh")})
    scenarios.append({"name": "keyboard", "kind": "keyboard", "url": base + "wizard/",
                      "steps": keyboard_steps(longest_path(), "en")})
    return {"executable": FIREFOX, "readyWaitMs": READY_WAIT_MS, "resultJs": RESULT_JS,
            "warmUpAtOnce": WARM_UP_AT_ONCE, "scenarios": scenarios}


@pytest.fixture(scope="module")
def firefox(site: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    assert Path(FIREFOX).exists(), f"Firefox not found at {FIREFOX} (make setup-browser)"
    node = shutil.which("node")
    assert node, "Node.js is needed for the Firefox tests"
    server, base = serve(site.root, site.base_path)
    plain_server, plain_base = serve(site.root, site.base_path, without_snapshot=True)
    plan = build_plan(base, plain_base)
    plan_file = tmp_path_factory.mktemp("firefox") / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    try:
        done = subprocess.run([node, str(DRIVER), str(plan_file)], cwd=ROOT, capture_output=True, text=True,
                              timeout=RUN_TIMEOUT_S, check=False)
    finally:
        server.shutdown()
        plain_server.shutdown()
    assert done.returncode == 0, f"tests/firefox.mjs failed:\n{done.stderr[-4000:]}"
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["browser"].startswith("firefox/"), out["browser"]
    out["plan"] = {s["name"]: s for s in plan["scenarios"]}
    return out


def scenario(firefox: dict[str, Any], name: str) -> dict[str, Any]:
    report = firefox["scenarios"][name]
    assert report["failure"] is None, report["failure"]
    return report


def query_of(search: str) -> list[tuple[str, str]]:
    return parse_qsl(search.lstrip("?"), keep_blank_values=True)


def assert_result(shown: dict[str, Any], path: dict[str, str], lang: str) -> None:
    expected = cli_route(path, lang)
    for key in ("outcome", "contact", "channel", "severity", "first_response", "title", "contact_label",
                "steps", "caveats", "why"):
        assert shown[key] == expected[key], (key, path, lang)
    assert shown["lang"] == LOCALES[lang]
    assert shown["summary"] == copy_text(expected, Translator(lang))


@pytest.mark.parametrize("lang", list(LOCALES))
def test_clicked_walks_reach_the_engines_result_once_python_runs(firefox: dict[str, Any], lang: str) -> None:
    report = scenario(firefox, f"site-{lang}")
    # Python is running, started whichever way the worker judged the link: Firefox, reading the
    # snapshot from the test server while the page fetches the state files, often judges it too
    # slow and starts plainly (the plain scenario below covers that start on its own).
    assert report["readyVia"] in ("snapshot", "plain")
    walks = firefox["plan"][f"site-{lang}"]["walks"]
    assert walks and len(report["walks"]) == len(walks)
    for planned, shown in zip(walks, report["walks"], strict=True):
        assert_result(shown["result"], planned["path"], lang)
        assert query_of(shown["query"]) == list(planned["path"].items())
    assert report["errors"] == []


def test_the_locales_walks_together_reach_every_contact_kind() -> None:
    walked = {decide(path).spec.contact for lang in LOCALES for path in locale_share(lang)}
    assert walked == {decide(path).spec.contact for path in enumerate_paths()}


@pytest.mark.parametrize("lang", list(LOCALES))
def test_pages_and_wizard_under_the_sites_policy_have_no_violation(firefox: dict[str, Any], lang: str) -> None:
    report = scenario(firefox, f"site-{lang}")
    assert len(report["violations"]) == len(PAGES) + 1  # the pages, then the wizard
    assert report["violations"] == {url: [] for url in report["violations"]}


@pytest.mark.parametrize("lang", list(LOCALES))
def test_tampered_link_shows_a_message_and_resumes(firefox: dict[str, Any], lang: str) -> None:
    report = scenario(firefox, f"site-{lang}")
    reason, query, usable = tampered_for(lang)
    expected = wizard_browser.step_data(query_of(query), lang)
    assert expected["error"]["reason"] == reason
    assert ui_strings(Translator(lang))["bad_url"] in report["tampered"]["alert"]
    assert expected["error"]["message"] in report["tampered"]["alert"]
    assert query_of(report["tampered"]["query"]) == list(usable.items())


def test_plain_start_when_the_snapshot_is_not_served(firefox: dict[str, Any]) -> None:
    report = scenario(firefox, "plain")
    assert report["readyVia"] == "plain"
    assert any("HTTP 404" in text for text in report["warnings"]), report["warnings"]
    planned = firefox["plan"]["plain"]["walk"]
    assert_result(report["walks"][0]["result"], planned["path"], "pt-BR")
    assert report["violations"] == {firefox["plan"]["plain"]["url"]: []}
    assert report["errors"] == []


def test_without_webassembly_the_table_answers_and_python_links_fall_back(firefox: dict[str, Any]) -> None:
    report = scenario(firefox, "nowasm")
    assert report["deep"]["answeredBy"] == "table"
    assert_result(report["deep"]["result"], deep_link(), "zh")
    planned = firefox["plan"]["nowasm"]["walk"]
    assert_result(report["walks"][0]["result"], planned["path"], "zh")
    assert report["walks"][0]["answeredBy"] == "table"
    strings = ui_strings(Translator("zh"))
    assert report["fallback"]["notices"]["nojs"] is None
    assert report["fallback"]["cause"] == "wasm"
    assert strings["fallback_failed"] in (report["fallback"]["notices"]["failed"] or "")
    assert strings["fallback_wasm_owner"] in (report["fallback"]["notices"]["failed"] or "")
    assert strings["fallback_worker"] not in (report["fallback"]["notices"]["failed"] or "")
    assert report["fallback"]["table"] and not report["fallback"]["live"]
    assert report["errors"] == []


def test_a_deep_link_is_answered_from_the_state_table(firefox: dict[str, Any]) -> None:
    report = scenario(firefox, "table")
    assert report["answeredBy"] == "table"
    assert_result(report["result"], deep_link(), "ru")
    assert report["errors"] == []
    assert report["violations"] == {firefox["plan"]["table"]["url"]: []}


def test_a_link_made_before_gdap_is_answered_by_python(firefox: dict[str, Any]) -> None:
    report = scenario(firefox, "python")
    old_query, usable = pre_gdap_link()
    expected = wizard_browser.step_data(list(parse_qsl(old_query[1:])), "pt-BR")
    assert expected["error"]["reason"] == "unknown-value"
    assert report["answeredBy"] == "python"
    assert report["readyVia"] in ("snapshot", "plain")
    assert ui_strings(Translator("pt-BR"))["bad_url"] in report["alert"]
    assert expected["error"]["message"] in report["alert"]
    assert query_of(report["query"]) == list(usable.items())
    assert report["errors"] == []


def test_keyboard_walk(firefox: dict[str, Any]) -> None:
    report = scenario(firefox, "keyboard")
    path = longest_path()
    assert report["focus"] == ["csp-wizard-prompt"] * (len(path) - 1) + ["csp-wizard-result-title"]
    assert_result(report["result"], path, "en")
    assert query_of(report["query"]) == list(path.items())
    strings = ui_strings(Translator("en"))
    assert report["announced"] == [strings["loading"], strings["ready"]]
    assert report["errors"] == []
