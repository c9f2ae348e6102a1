"""Every dispatch over the kinds of bot item is a ``match`` ending in ``assert_never``, so that adding a kind
to ``BotItem`` makes mypy list every place that must learn it."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import textbots_tui
from textbots_tui.core import items

KINDS = {kind.__name__ for kind in typing.get_args(items.BotItem)}


def _isinstance_kinds(node: ast.AST) -> set[str]:
    """The item kinds that ``isinstance(x, Kind)`` calls inside ``node`` name."""
    found: set[str] = set()
    for child in ast.walk(node):
        call = isinstance(child, ast.Call) and isinstance(child.func, ast.Name)
        if call and child.func.id == "isinstance" and len(child.args) == 2:  # type: ignore[attr-defined]
            found |= {n.id for n in ast.walk(child.args[1]) if isinstance(n, ast.Name) and n.id in KINDS}
    return found


def _functions() -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    root = Path(textbots_tui.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] == "simulator":  # its own wire-side item classes, not core's
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((f"{path.relative_to(root)}:{node.name}", node))
    return found


def test_no_function_tells_item_kinds_apart_with_an_isinstance_chain() -> None:
    chains = {name: kinds for name, node in _functions() if len(kinds := _isinstance_kinds(node)) > 1}
    assert not chains, f"use match + assert_never over BotItem: {chains}"


def test_every_match_over_item_kinds_ends_in_assert_never() -> None:
    for name, node in _functions():
        for match in (n for n in ast.walk(node) if isinstance(n, ast.Match)):
            named = {
                n.cls.id for case in match.cases for n in ast.walk(case.pattern)
                if isinstance(n, ast.MatchClass) and isinstance(n.cls, ast.Name)
            }  # fmt: skip
            if named & KINDS:
                last = match.cases[-1]
                calls = [
                    n for n in ast.walk(last) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                ]
                assert isinstance(last.pattern, ast.MatchAs) and last.pattern.pattern is None, name
                assert any(call.func.id == "assert_never" for call in calls), name  # type: ignore[attr-defined]
