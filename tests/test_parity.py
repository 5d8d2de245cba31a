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

import pytest

from macros.hooks.pyodide_hook import build_wheel, check_wheel, compile_catalogs
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
