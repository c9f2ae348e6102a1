"""The simulator speaks only the wire format: importing it loads no other layer and no terminal UI library."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("textbots_tui.core", "textbots_tui.ui", "textbots_tui.api", "textual", "rich")

PROBE = """
import json, pkgutil, sys
sys.modules["httpx._main"] = None  # httpx's command line module would import rich
import importlib
import textbots_tui.simulator as simulator
for module in pkgutil.walk_packages(simulator.__path__, "textbots_tui.simulator."):
    importlib.import_module(module.name)
from textbots_tui.simulator import create_app, SimulatorSettings
create_app(SimulatorSettings())
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_simulator_loads_no_other_layer() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    modules = json.loads(result.stdout)
    assert "textbots_tui.simulator.engine" in modules  # the probe did import the whole package
    leaked = [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert leaked == []
