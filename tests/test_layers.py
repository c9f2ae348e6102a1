"""Imports point one way (ui -> core -> api), the simulator stands alone, and the command starts cheap.

Each check imports a layer in a fresh interpreter and looks at ``sys.modules``. Every module of a layer is
imported (``pkgutil.walk_packages``), so a module added later is covered without touching this file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "textbots_tui"

_PROBE = """
import importlib, json, pkgutil, sys

# `import httpx` also imports httpx's optional command-line module, which loads rich and click when they are
# installed: that is httpx's business, not a layer breaking the rules.
sys.modules["httpx._main"] = None
walk, names = sys.argv[1] == "walk", sys.argv[2:]
for name in names:
    module = importlib.import_module(name)
    if walk:
        def fail(name):
            raise ImportError(f"cannot import {name}")
        for info in pkgutil.walk_packages(module.__path__, name + ".", onerror=fail):
            importlib.import_module(info.name)
print(json.dumps(sorted(name for name, module in sys.modules.items() if module is not None)))
"""


@cache
def loaded_by(*names: str, walk: bool = True) -> frozenset[str]:
    """The modules loaded by importing ``names`` (and, with ``walk``, every module under them)."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "walk" if walk else "plain", *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"importing {names} failed:\n{done.stderr}"
    return frozenset(json.loads(done.stdout))


def offenders(modules: frozenset[str], banned: tuple[str, ...]) -> list[str]:
    """The loaded modules that are, or are inside, a banned package (top-level names first)."""
    found = [name for name in modules if any(name == b or name.startswith(b + ".") for b in banned)]
    return sorted(found, key=lambda name: (name.count("."), name))


def modules_on_disk(package: str) -> set[str]:
    """Every importable module of a package of ours, from its files."""
    folder = ROOT.joinpath(*package.split("."))
    found = set()
    for path in folder.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.add(".".join(parts))
    return found


UI_LIBRARIES = ("textual", "rich")


@pytest.mark.parametrize("layer", ["textbots_tui.api", "textbots_tui.core", "textbots_tui.simulator"])
def test_layer_never_loads_textual_or_rich(layer: str) -> None:
    assert offenders(loaded_by(layer), UI_LIBRARIES) == []


@pytest.mark.parametrize("layer", ["textbots_tui.api", "textbots_tui.core", "textbots_tui.simulator"])
def test_every_module_of_the_layer_was_imported(layer: str) -> None:
    # Without this, a walk that silently imported nothing would make the checks above pass for nothing.
    missing = modules_on_disk(layer) - loaded_by(layer)
    assert not missing, f"not imported by the walk: {sorted(missing)}"


def test_simulator_speaks_only_the_wire_format() -> None:
    ours = ("textbots_tui.core", "textbots_tui.ui", "textbots_tui.api")
    assert offenders(loaded_by("textbots_tui.simulator"), ours) == []


def test_api_never_loads_the_layers_above_it() -> None:
    above = ("textbots_tui.core", "textbots_tui.ui", "textbots_tui.simulator")
    assert offenders(loaded_by("textbots_tui.api"), above) == []


def test_core_never_loads_the_ui_or_the_simulator() -> None:
    assert offenders(loaded_by("textbots_tui.core"), ("textbots_tui.ui", "textbots_tui.simulator")) == []


def test_errors_exchange_and_regions_need_neither_httpx_nor_pydantic() -> None:
    # The settings name a region, the UI shows errors and exchanges: none of that may pull in the wire stack.
    modules = loaded_by(
        "textbots_tui.api.errors", "textbots_tui.api.exchange", "textbots_tui.api.regions", walk=False
    )
    assert offenders(modules, ("httpx", "pydantic")) == []


def test_the_launch_and_bot_dialogs_open_without_the_wire_stack() -> None:
    # ctrl+n opens its dialog before the client is open: importing it must not wait for pydantic or httpx,
    # which the backend is importing in its thread at that moment (a module being imported is locked).
    modules = loaded_by(
        "textbots_tui.ui.screens.launch_modal", "textbots_tui.ui.screens.bot_modal", walk=False
    )
    assert (
        offenders(modules, ("httpx", "pydantic", "textbots_tui.api.models", "textbots_tui.core.controller"))
        == []
    )


def test_wiring_modules_never_load_the_ui() -> None:
    modules = loaded_by("textbots_tui.settings.checked", "textbots_tui.settings.connection", walk=False)
    assert offenders(modules, (*UI_LIBRARIES, "textbots_tui.ui")) == []


def test_command_line_starts_cheap() -> None:
    # The first screen waits for every import made before it: the command itself must import almost nothing.
    modules = loaded_by("textbots_tui.cli", "textbots_tui.__main__", walk=False)
    heavy = ("textual", "rich", "httpx", "pydantic", "pydantic_settings", "starlette", "uvicorn", "yaml")
    assert offenders(modules, heavy) == []
    assert offenders(modules, ("textbots_tui.api", "textbots_tui.core", "textbots_tui.simulator")) == []


def test_the_probe_sees_what_is_imported() -> None:
    # A check that could never fail would prove nothing: the probe must report a UI library when one loads.
    assert offenders(loaded_by("textual.app", walk=False), UI_LIBRARIES)


_FIRST_FRAME_PROBE = """
import gc, json, sys
from textbots_tui.cli import main
from textbots_tui.ui.app import TextbotsApp
import textbots_tui.cli.tui as tui

seen = {}


def instead_of_the_backend(self):
    # What the app has loaded once its first frame is drawn, just before it opens the backend.
    seen["modules"] = sorted(name for name, module in sys.modules.items() if module is not None)
    seen["screen"] = type(self.screen).__name__
    seen["theme"] = self.theme
    seen["collecting"] = gc.isenabled()
    self._on_started()  # what opening the backend ends with
    seen["collecting_once_started"] = gc.isenabled()
    self.exit()


TextbotsApp._open_backend = instead_of_the_backend
tui.has_terminal = lambda: True  # the probe runs headless, without a terminal
run = TextbotsApp.run
TextbotsApp.run = lambda self: run(self, headless=True, size=(120, 40))
try:
    main(["--simulator"])
except SystemExit as exc:
    seen["exit"] = exc.code
print(json.dumps(seen))
"""


def test_first_frame_waits_for_nothing_it_does_not_show(tmp_path: Path) -> None:
    # `textbots-tui --simulator` up to its first frame: the command line, the settings (a config file
    # included), the app, the main screen composed and drawn. The settings library, the HTTP client, the API
    # models, the simulator and YAML all load after it.
    config = tmp_path / "config.toml"
    config.write_text(
        'theme = "nord"\ndefault_profile = "dev"\n[keys]\n"app.quit" = ["ctrl+q", "f10"]\n'
        '[profiles.dev]\nregion = "eu-west-1"\nclient_id = "id"\nclient_secret = "secret"\n',
        encoding="utf-8",
    )
    env = {
        "PATH": "",
        "TEXTBOTS_TUI_CONFIG": str(config),
        "TEXTBOTS_TUI_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert (seen["screen"], seen["theme"], seen["exit"]) == ("MainScreen", "nord", 0)
    # The collector paused for the start-up stays paused while the backend opens, and runs again after.
    assert (seen["collecting"], seen["collecting_once_started"]) == (False, True)
    modules = frozenset(seen["modules"])
    heavy = ("pydantic", "pydantic_core", "pydantic_settings", "httpx", "yaml", "starlette", "uvicorn")
    assert offenders(modules, heavy) == []
    # api.regions is fine (a profile names a region); the models, client and error machinery are not.
    wire = (
        "textbots_tui.api.models",
        "textbots_tui.api.client",
        "textbots_tui.api.errors",
        "textbots_tui.api.exchange",
    )
    ours = ("textbots_tui.simulator", "textbots_tui.settings.checked", *wire)
    engine = ("textbots_tui.core.controller", "textbots_tui.core.journal", "textbots_tui.core.events")
    assert offenders(modules, (*ours, *engine, "textbots_tui.core.items")) == []
    assert "textbots_tui.ui.screens.main_screen" in modules  # the probe did reach the first frame


_RUN_PROBE = """
import json, sys
from textbots_tui.cli import main

try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"exit": code, "modules": sorted(n for n, m in sys.modules.items() if m is not None)}))
"""


def run_loads(tmp_path: Path, *args: str) -> frozenset[str]:
    """The modules a ``textbots-tui run`` with ``args`` has loaded when it ends (it must pass)."""
    env = {
        "PATH": "",
        "TEXTBOTS_TUI_CONFIG": str(tmp_path / "none.toml"),
        "TEXTBOTS_TUI_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", _RUN_PROBE, "run", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["exit"] == 0, done.stdout + done.stderr
    return frozenset(seen["modules"])


def test_a_run_loads_only_what_it_uses(tmp_path: Path) -> None:
    # A one-script run in CI is mostly start-up: it loads no UI, and no report, update or coverage code it
    # was not asked for.
    modules = run_loads(tmp_path, "examples/order-status.yaml", "--simulator")
    unused = (
        *UI_LIBRARIES,
        "textbots_tui.ui",
        "xml",  # JUnit, with --junit only
        "textbots_tui.core.html_report",
        "textbots_tui.core.update",
        "ruamel",
        "textbots_tui.core.coverage",
        "pydantic_settings",
        "importlib.metadata",  # pydantic's plugins are off: no package metadata is read
        "textbots_tui.core.journal_read",  # the journal is written, never read back
        "textbots_tui.api.models.execute",  # a bot's models: these scripts talk to a flow
    )
    assert offenders(modules, unused) == []
    assert "textbots_tui.simulator.engine" in modules  # the probe did see the run


def test_a_run_loads_the_junit_writer_when_asked(tmp_path: Path) -> None:
    # The check above must be able to fail: the same probe sees the XML library when a report is asked for.
    modules = run_loads(
        tmp_path, "examples/order-status.yaml", "--simulator", "--junit", str(tmp_path / "j.xml")
    )
    assert "xml.etree.ElementTree" in modules


def test_a_run_of_a_bot_script_loads_the_bot_models_it_uses(tmp_path: Path) -> None:
    # The execute models a flow's run leaves unloaded are there, and work, when a script talks to a bot.
    modules = run_loads(tmp_path, "examples/store-assistant-bot.yaml", "--simulator")
    assert "textbots_tui.api.models.execute" in modules


def test_a_second_run_takes_the_compiled_samples_from_the_cache(tmp_path: Path) -> None:
    # The first run compiles the simulator's samples (their YAML, the file format's pydantic models); the
    # next one, on the same day with the same code, loads them compiled.
    file_format = ("textbots_tui.simulator.definition", "textbots_tui.simulator.bot_definition")
    first = run_loads(tmp_path, "examples/order-status.yaml", "--simulator")
    assert set(offenders(first, file_format)) == set(file_format)
    again = run_loads(tmp_path, "examples/order-status.yaml", "--simulator")
    assert offenders(again, (*file_format, "textbots_tui.simulator.compiler")) == []


def test_a_second_run_takes_the_script_from_the_cache(tmp_path: Path) -> None:
    # The first run reads the script with PyYAML (and writes it to the cache); the next one, with the same
    # file and code, takes the validated scenarios from the cache and loads no YAML at all.
    yaml_modules = ("yaml", "textbots_tui.marked_yaml")
    first = run_loads(tmp_path, "examples/order-status.yaml", "--simulator")
    assert {"yaml", "textbots_tui.marked_yaml"} <= first
    assert list((tmp_path / "cache" / "scripts").glob("script-*.pickle"))
    again = run_loads(tmp_path, "examples/order-status.yaml", "--simulator")
    assert offenders(again, yaml_modules) == []
