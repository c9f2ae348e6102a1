"""The layer rules, checked statically: every import statement of the package, wherever it is.

An import-time probe (tests/test_layers.py) only sees what importing a module loads; an import inside a
function, or under ``TYPE_CHECKING``, escapes it. This test reads every ``import`` and ``from ... import``
node of every module (function bodies, ``TYPE_CHECKING`` blocks and relative imports included) and checks:

- layers: ``ui -> core -> api``; the simulator imports nothing else of the package but the YAML reader
  (``marked_yaml``) and the cache files' rules (``pickle_cache``), which import nothing of the package
  (nor does ``lazy_names``, the rule for names offered before their module is loaded);
  ``settings`` and ``cli`` sit on top and wire;
- libraries: api, core, the simulator and the YAML reader never import textual or rich; the UI never imports
  httpx (it talks to the API through core);
- no import cycles between the package's modules.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "textbots_tui"

MAY_IMPORT: dict[str, set[str]] = {
    "root": {"root", "cli"},  # __init__ (the version) and __main__
    "api": {"api", "lazy_names", "root"},
    "core": {"core", "api", "marked_yaml", "pickle_cache", "lazy_names", "root"},
    "ui": {"ui", "core", "api", "root"},
    "simulator": {"simulator", "marked_yaml", "pickle_cache"},
    "marked_yaml": set(),
    "pickle_cache": set(),
    "lazy_names": set(),
    "settings": {"settings", "core", "api", "simulator", "root"},
    "cli": {"cli", "settings", "ui", "core", "api", "simulator", "load", "root"},
    # The load runner sits on top like the commands: it plays scripts through core and names requests the way
    # the simulator counts them (tests/load/test_isolation.py keeps Locust and gevent inside it).
    "load": {"load", "core", "api", "simulator", "root"},
}
"""Which parts of the package each part may import (a part is ``textbots_tui.<part>``)."""

UI_LIBRARIES = {"textual", "rich"}
MAY_NOT_USE: dict[str, set[str]] = {
    "api": UI_LIBRARIES,
    "core": UI_LIBRARIES,
    "simulator": UI_LIBRARIES | {"click"},
    "marked_yaml": UI_LIBRARIES | {"pydantic", "httpx"},
    "ui": {"httpx"},
    "load": UI_LIBRARIES,
}
"""Third-party libraries a part never imports."""


@dataclass(frozen=True, slots=True)
class Import:
    """One imported module, and where the import statement is."""

    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def part_of(module: str) -> str:
    """``textbots_tui.core.controller`` -> ``core``; the package itself and ``__main__`` -> ``root``."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "root"
    return parts[1]


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_in(source: str, module: str, is_package: bool) -> list[Import]:
    """Every module ``source`` (the text of ``module``) imports, relative imports resolved."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod.
                sub = f"{target}.{alias.name}"
                found.append(Import(module, sub if _is_module(sub) else target, node.lineno))
    return found


@cache
def every_import() -> tuple[Import, ...]:
    """The imports of every module of the package."""
    found: list[Import] = []
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        found += imports_in(path.read_text(encoding="utf-8"), module, is_package)
    return tuple(found)


def layer_violations(imports: tuple[Import, ...] | list[Import]) -> list[str]:
    """The imports that break :data:`MAY_IMPORT` or :data:`MAY_NOT_USE`."""
    broken = []
    for found in imports:
        part = part_of(found.source)
        top = found.target.split(".")[0]
        if top == PACKAGE:
            if part_of(found.target) not in MAY_IMPORT[part]:
                broken.append(f"{found} ({part} may not import {part_of(found.target)})")
        elif top in MAY_NOT_USE.get(part, set()):
            broken.append(f"{found} ({part} may not use {top})")
        elif (
            part == "marked_yaml" and top not in {"yaml", "__future__"} and top not in sys.stdlib_module_names
        ):
            broken.append(f"{found} (the YAML reader uses only PyYAML and the standard library)")
        elif part == "pickle_cache" and top != "__future__" and top not in sys.stdlib_module_names:
            broken.append(f"{found} (the pickle cache uses only the standard library)")
        elif part == "lazy_names" and top != "__future__" and top not in sys.stdlib_module_names:
            broken.append(f"{found} (lazy_names uses only the standard library)")
    return broken


def test_every_module_belongs_to_a_known_part() -> None:
    parts = {part_of(found.source) for found in every_import()}
    assert parts <= set(MAY_IMPORT), f"give these a place in MAY_IMPORT: {parts - set(MAY_IMPORT)}"
    assert {"api", "core", "ui", "simulator", "settings", "cli", "marked_yaml"} <= parts


def test_layers_and_libraries() -> None:
    assert layer_violations(every_import()) == []


def test_no_import_cycles() -> None:
    ours = {found.source for found in every_import()}

    def owner(name: str) -> str:
        while name and name not in ours:
            name = name.rpartition(".")[0]
        return name

    edges: dict[str, set[str]] = {module: set() for module in ours}
    for found in every_import():
        if found.target.split(".")[0] == PACKAGE and (target := owner(found.target)) not in (
            "",
            found.source,
        ):
            edges[found.source].add(target)
    assert _cycles(edges) == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


# --- the checks can fail ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "textbots_tui.core.x",
            "def f():\n    from rich.text import Text\n",
            "textbots_tui.core.x:2 imports rich.text (core may not use rich)",
        ),
        (
            "textbots_tui.core.x",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from textbots_tui.ui.app import App\n",
            "textbots_tui.core.x:3 imports textbots_tui.ui.app (core may not import ui)",
        ),
        (
            "textbots_tui.simulator.x",
            "from ..core import params\n",
            "textbots_tui.simulator.x:1 imports textbots_tui.core.params (simulator may not import core)",
        ),
        (
            "textbots_tui.simulator.x",
            "import textbots_tui.api.regions\n",
            "textbots_tui.simulator.x:1 imports textbots_tui.api.regions (simulator may not import api)",
        ),
        (
            "textbots_tui.ui.x",
            "async def f():\n    import httpx\n",
            "textbots_tui.ui.x:2 imports httpx (ui may not use httpx)",
        ),
        (
            "textbots_tui.ui.x",
            "from textbots_tui.simulator import create_app\n",
            "textbots_tui.ui.x:1 imports textbots_tui.simulator (ui may not import simulator)",
        ),
        (
            "textbots_tui.marked_yaml",
            "import pydantic\n",
            "textbots_tui.marked_yaml:1 imports pydantic (marked_yaml may not use pydantic)",
        ),
    ],
)
def test_the_scan_sees_every_kind_of_import(module: str, source: str, expected: str) -> None:
    assert layer_violations(imports_in(source, module, is_package=False)) == [expected]


def test_the_cycle_check_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]
