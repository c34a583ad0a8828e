"""Code quality in the suite, so ``make test`` fails on it: ruff (E/F/I/W, config in pyproject.toml), the
dead-code check (vulture, names used from outside Python in tests/vulture_whitelist.py), the package layers
(import-linter, ``[tool.importlinter]``), no import cycle between warmtekans modules (function-level imports
included) and no module over 600 lines.

A check whose tool is not installed skips with a message (the tools are pinned in requirements.lock), unless
``WARMTEKANS_REQUIRE_DEV_TOOLS`` is set (``.ci/run`` sets it): then it fails.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "warmtekans"
MAX_MODULE_LINES = 600


def require_module(name: str, tool: str) -> None:
    if importlib.util.find_spec(name) is not None:
        return
    reason = f"{tool} is not installed in {sys.prefix}"
    if os.environ.get("WARMTEKANS_REQUIRE_DEV_TOOLS"):
        pytest.fail(f"{reason} (WARMTEKANS_REQUIRE_DEV_TOOLS is set)")
    pytest.skip(f"{reason}; make env installs it from requirements.lock")


def run_tool(command: list[str], what: str) -> None:
    """Run ``command`` from the repository root with this checkout's src first on the path; fail with its
    output when it reports a problem."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"{what} found problems:\n{result.stdout[-8000:]}\n{result.stderr[-4000:]}")


def test_ruff():
    """Style and static errors (pycodestyle E/W, pyflakes F, import order I; line length 120)."""
    require_module("ruff", "ruff")
    run_tool([sys.executable, "-m", "ruff", "check", "--no-cache", "."], "ruff")


def test_no_dead_code():
    """No unused function, class, variable or import (vulture; paths and exceptions in pyproject.toml)."""
    require_module("vulture", "vulture")
    run_tool([sys.executable, "-m", "vulture"], "vulture")


def test_layers_import_only_downward():
    """core < config < io < inputs < model < decision < outputs < sample < pipeline (``lint-imports``)."""
    require_module("importlinter", "import-linter")
    run_tool([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                                    "sys.exit(lint_imports_command())", "--no-cache"], "lint-imports")


def import_cycles(graph) -> list[list[str]]:
    """The groups of modules that import each other in a circle (strongly connected components with more
    than one module, Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_import_cycles_found_on_a_small_graph():
    """The cycle finder on a hand-made graph: a -> b -> c -> a is one cycle, d -> a is none."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.ImportGraph()
    for importer, imported in (("a", "b"), ("b", "c"), ("c", "a"), ("d", "a"), ("e", "e")):
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles():
    """No two warmtekans modules import each other, directly or through others, counting imports inside
    functions too (grimp, which import-linter ships, reads every import statement of every module)."""
    require_module("grimp", "grimp (part of import-linter)")
    import grimp

    sys.path.insert(0, str(ROOT / "src"))
    try:
        graph = grimp.build_graph("warmtekans", cache_dir=None)
    finally:
        sys.path.remove(str(ROOT / "src"))
    assert len(graph.modules) > 50
    assert graph.direct_import_exists(importer="warmtekans.outputs.webmap", imported="warmtekans.outputs.maps")
    assert import_cycles(graph) == []


def test_no_module_over_600_lines():
    """Every module of the package stays readable: at most 600 lines."""
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}
    assert len(sizes) > 50
    assert {path: n for path, n in sizes.items() if n > MAX_MODULE_LINES} == {}
