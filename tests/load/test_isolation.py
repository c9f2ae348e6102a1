"""Locust's gevent patching stays in the processes Locust drives: only the load runner's own Locust-side
modules import locust or gevent, and nothing the TUI, the simulator or ``textbots-tui load`` itself loads
brings them in."""

from __future__ import annotations

import ast
from pathlib import Path

from test_layers import PACKAGE, ROOT, loaded_by, offenders

PATCHING = ("locust", "gevent", "greenlet", "zmq")
LOCUST_SIDE = {
    "textbots_tui.load.locustfile",
    "textbots_tui.load.locust_user",
    "textbots_tui.load.locust_summary",
    "textbots_tui.load.gevent_bridge",
}


def imported_roots(path: Path) -> set[str]:
    """The top-level packages a module imports anywhere in it (inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def modules_importing(banned: tuple[str, ...]) -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if imported_roots(path) & set(banned):
            found.add(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


def test_only_the_locust_side_of_the_load_runner_imports_locust_or_gevent() -> None:
    importing = modules_importing(PATCHING)
    assert importing <= LOCUST_SIDE, f"imports locust or gevent: {sorted(importing - LOCUST_SIDE)}"
    # The scan does see such imports (a check that could never fail would prove nothing).
    assert {"textbots_tui.load.locust_user", "textbots_tui.load.gevent_bridge"} <= importing


def test_the_command_and_the_launcher_never_load_locust_or_gevent() -> None:
    modules = loaded_by(
        "textbots_tui.cli",
        "textbots_tui.cli.load",
        "textbots_tui.load.launcher",
        "textbots_tui.load.report",
        "textbots_tui.simulator",
        walk=False,
    )
    assert offenders(modules, PATCHING) == []
    assert "textbots_tui.load.launcher" in modules


def test_the_probe_sees_gevent_when_it_loads() -> None:
    assert offenders(loaded_by("textbots_tui.load.gevent_bridge", walk=False), PATCHING)
