"""Parity: the wheel the site ships gives, inside real Pyodide, the same JSON as CPython.

Node runs the npm ``pyodide`` package (the same runtime the site copies) with the wizard wheel
built exactly as the MkDocs hook builds it; every prefix of every path through the flow is
asked in every locale, both of the engine (``wizard.next_step``) and of the browser entry
point (``wizard.browser.step_data``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from macros.hooks.pyodide_hook import build_wheel, check_wheel, compile_catalogs
from tests.browser_helpers import close_context
from wizard import LOCALES, browser, next_step
from wizard.paths import enumerate_paths

ROOT = Path(__file__).resolve().parent.parent


def dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide for the parity test"
    compile_catalogs()
    wheel = build_wheel(tmp_path_factory.mktemp("wheel"))
    check_wheel(wheel)
    result = subprocess.run(
        [node, str(ROOT / "tests" / "parity.mjs"), str(wheel), *LOCALES],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    print(result.stderr.strip())
    return json.loads(result.stdout)


def test_runs_in_pyodide_from_the_wheel(pyodide_run: dict) -> None:
    assert pyodide_run["python"].startswith("3.14")
    assert "site-packages/wizard/" in pyodide_run["wizard_file"]


def test_same_paths(pyodide_run: dict) -> None:
    paths = list(enumerate_paths())
    assert len(paths) == len(pyodide_run["paths"]) > 100
    assert pyodide_run["paths"] == paths


@pytest.mark.parametrize("lang", list(LOCALES))
def test_every_step_is_identical(pyodide_run: dict, lang: str) -> None:
    steps = pyodide_run["steps"][lang]
    outcomes = 0
    for key, got in steps.items():
        answers = dict(json.loads(key))
        assert got["engine"] == dump(next_step(answers, lang)), answers
        assert got["browser"] == dump(browser.step_data(list(answers.items()), lang)), answers
        outcomes += json.loads(got["engine"])["status"] == "outcome"
    assert outcomes == len(pyodide_run["paths"])


# --- the build-time state table against Pyodide in Chromium ------------------------------------

#: Starts the site's own worker (worker.js) from the wizard page, as wizard.js does, and asks
#: Python for every state of every locale with the arguments that locale's page gives it
#: (its lang, directoryUrls and section titles, read from each page's widget configuration);
#: fetches the build's file for each state alongside.
PARITY_JS = """async ({pages, keys}) => {
  const script = document.querySelector('script[src*="assets/wizard/wizard.js"]').src;
  const configs = {};
  for (const [lang, url] of Object.entries(pages)) {
    const html = await (await fetch(url)).text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    configs[lang] = JSON.parse(doc.getElementById("csp-wizard").getAttribute("data-wizard-config"));
  }
  const first = Object.values(configs)[0];
  const worker = new Worker(new URL("worker.js", script), { type: "module" });
  const replies = {};
  let ready;
  const started = new Promise((resolve, reject) => { ready = { resolve, reject }; });
  worker.onmessage = (event) => {
    const m = event.data;
    if (m.type === "ready") ready.resolve(m.via);
    else if (m.type === "failed") ready.reject(new Error(m.message));
    else if (m.type === "step") replies[m.id](m.result);
  };
  worker.postMessage({ type: "start", indexURL: new URL(first.runtime.index, script).href,
    appURL: new URL(first.runtime.app, script).href, packageName: first.package, lang: first.lang });
  const via = await started;
  let id = 0;
  const ask = (config, key) => new Promise((resolve) => {
    replies[++id] = resolve;
    worker.postMessage({ type: "step", id, answers: JSON.stringify([...new URLSearchParams(key)]),
      lang: config.lang, directoryUrls: config.directoryUrls, sections: JSON.stringify(config.sections) });
  });
  const out = { via, states: {} };
  for (const [lang, config] of Object.entries(configs)) {
    out.states[lang] = {};
    for (const key of keys) {
      const file = key ? key.slice(1).split("&").join("/") + ".json" : "index.json";
      const built = await (await fetch(new URL(config.states + config.lang + "/" + file, script))).text();
      out.states[lang][key] = { built, pyodide: await ask(config, key) };
    }
  }
  worker.terminate();
  return out;
}"""


@pytest.fixture(scope="module")
def chromium_parity(browser: Any, site_server: Any) -> dict[str, Any]:
    from macros.hooks.state_table import state_keys

    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_server.url("en"))
        pages = {lang: site_server.url(lang) for lang in LOCALES}
        return page.evaluate(PARITY_JS, {"pages": pages, "keys": state_keys()})
    finally:
        close_context(context)


def test_the_state_table_holds_every_reachable_step() -> None:
    from macros.hooks.state_table import state_keys
    from wizard.paths import enumerate_states

    prefixes = {json.dumps(list(path.items())[:n]) for path in enumerate_paths() for n in range(len(path) + 1)}
    states = [json.dumps(list(s.items())) for s in enumerate_states()]
    assert len(states) == len(set(states)) == len(prefixes)
    assert set(states) == prefixes
    assert len(state_keys()) == len(states)


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(LOCALES))
def test_every_state_built_is_what_pyodide_returns_in_chromium(chromium_parity: dict[str, Any], lang: str) -> None:
    from macros.hooks.state_table import state_keys

    states = chromium_parity["states"][lang]
    assert list(states) == state_keys()
    for key, got in states.items():
        assert got["built"] == got["pyodide"], (lang, key)
        assert json.loads(got["built"])["query"] == key
