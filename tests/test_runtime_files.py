"""The runtime folder ships only what the wizard's worker asks for."""

from pathlib import Path

import pytest

from macros.hooks import pyodide_hook
from macros.hooks.pyodide_hook import RUNTIME_PATH, STDLIB_NAME


def test_the_full_standard_library_is_not_shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    npm = tmp_path / "npm"
    npm.mkdir()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", STDLIB_NAME, "pyodide-lock.json"):
        (npm / name).write_bytes(name.encode())
    monkeypatch.setattr(pyodide_hook, "PYODIDE_DIR", npm)
    site = tmp_path / "site"
    placed = pyodide_hook.place_pyodide(site)
    assert {p.name for p in placed} == {"pyodide.esm.js", "pyodide.asm.esm.js", "pyodide.asm.wasm"}
    # The worker loads the app folder's trimmed copy (stdLibURL); the 2.5 MB full one was never asked for.
    assert not (site / RUNTIME_PATH / STDLIB_NAME).exists()
    # The trimmed copy is cut from it, so it still goes into the app folder's name.
    assert npm / STDLIB_NAME in pyodide_hook.app_inputs()
