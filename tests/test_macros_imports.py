"""The page macros' modules import each other in one direction only (no import circle)."""

from __future__ import annotations

import ast
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "macros" / "pages"


def imports_of(path: Path) -> set[str]:
    """The ``macros.pages`` modules a file imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "macros.pages":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("macros.pages."):
                found.add(node.module.removeprefix("macros.pages."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("macros.pages.") for a in node.names
                         if a.name.startswith("macros.pages."))
    return found


def test_no_import_circle() -> None:
    graph = {p.stem: imports_of(p) for p in PAGES.glob("*.py") if p.stem != "__init__"}
    assert "helpers" in graph and not graph["helpers"], "the helpers module imports no page module"
    for module, targets in graph.items():
        assert module not in targets
        assert "main" not in targets, f"{module} imports the macros module back"
    # Depth-first search for a cycle.
    state: dict[str, int] = {}

    def visit(module: str, path: tuple[str, ...]) -> None:
        state[module] = 1
        for target in graph.get(module, ()):
            assert state.get(target) != 1, f"import circle: {' -> '.join((*path, target))}"
            if target not in state:
                visit(target, (*path, target))
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, (module,))
