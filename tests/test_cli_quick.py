"""The quick start: a plain TUI command line opens the app without click, exactly as the click command would;
anything else is left to the click command, untouched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from textbots_tui.cli import main
from textbots_tui.cli.launch import plain_options, quick_start


class FakeApp:
    """Stands in for the Textual app: records what it was built with, and that it ran."""

    made: list[FakeApp] = []

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.ran = False
        self.return_code: int | None = None
        FakeApp.made.append(self)

    def run(self) -> None:
        self.ran = True


ROOT = Path(__file__).resolve().parent.parent
FLOW = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[FakeApp]:
    """The app class replaced by a recorder; a terminal for both paths; no config file, a throwaway data dir;
    none of the user's credentials in the environment."""
    monkeypatch.setattr("textbots_tui.ui.app.TextbotsApp", FakeApp)
    monkeypatch.setattr("textbots_tui.cli.tui.has_terminal", lambda: True)
    monkeypatch.setattr("textbots_tui.cli.launch.has_terminal", lambda: True)
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("TEXTBOTS_TUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYS_CLOUD_CLIENT_ID", "GENESYSCLOUD_ACCESS_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    FakeApp.made = []
    return FakeApp.made


def comparable(app: FakeApp) -> dict[str, Any]:
    """What the app was built with, its client factory and start-up hook aside (functions)."""
    kwargs = dict(app.kwargs)
    kwargs.pop("client_factory")
    kwargs["on_started"] = kwargs["on_started"] is not None
    return kwargs


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--simulator"],
        ["--simulator", "--flow", FLOW, "--language", "en-us"],
        ["--bot", "b1", "--integration", "i1", "--simulator", "--present"],
        ["--no-history", "--simulator"],
        ["--region", "eu-west-1", "--simulator"],
    ],
)
def test_a_plain_command_line_opens_the_same_app_as_the_click_command(
    made: list[FakeApp], argv: list[str]
) -> None:
    assert quick_start(argv) == 0
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    quick, clicked = made
    assert comparable(quick) == comparable(clicked)
    assert quick.ran and clicked.ran


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["-V"],
        ["run", "script.yaml"],
        ["--simulator", "run", "script.yaml"],
        ["--flow"],  # no value
        ["--flow", "--simulator"],  # an option where a value belongs
        ["--flow=abc"],
        ["--simulator", "--simulator"],  # given twice
        ["--flow", "a", "--bot", "b"],  # a usage error: click says it
        ["--language", "en-us"],
        ["--flows", "."],
        ["--unknown"],
        ["-x"],
    ],
)
def test_anything_else_is_left_to_the_click_command(made: list[FakeApp], argv: list[str]) -> None:
    assert quick_start(argv) is None
    assert made == [], "nothing was built"


def test_a_configuration_problem_is_left_to_the_click_command(
    made: list[FakeApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.dev]\nregion = "eu-west-1"\nsecret = "x"\n', encoding="utf-8")
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(config))
    assert quick_start(["--profile", "dev"]) is None
    assert made == []
    result = CliRunner().invoke(main, ["--profile", "dev"])
    assert result.exit_code == 2 and "config.toml" in result.stderr


def test_no_terminal_is_left_to_the_click_command(
    made: list[FakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("textbots_tui.cli.launch.has_terminal", lambda: False)
    assert quick_start(["--simulator"]) is None
    assert made == []


def test_plain_options_reads_the_declared_flags() -> None:
    assert plain_options(["--simulator", "--flow", "f", "--present", "--api-url", "http://x"]) == (
        {"simulator": True, "api_url": "http://x"},
        {"flow_id": "f", "language": None, "bot_id": None, "integration_id": None},
        True,
    )


_PROBE = """
import json, sys
from textbots_tui.ui.app import TextbotsApp
import textbots_tui.cli.launch as launch

def instead_of_running(self):
    print(json.dumps({"click": "click" in sys.modules, "start": type(self._start).__name__}))

TextbotsApp.run = instead_of_running
launch.has_terminal = lambda: True
sys.argv = ["textbots-tui", *sys.argv[1:]]
from textbots_tui.cli import run
run()
"""


def test_the_installed_command_opens_a_plain_line_without_importing_click(tmp_path: Path) -> None:
    env = {"PATH": "", "TEXTBOTS_TUI_CONFIG": str(tmp_path / "none.toml"), "HOME": str(tmp_path)}
    env["TEXTBOTS_TUI_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "--simulator", "--flow", FLOW],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"click": False, "start": "FlowLaunchParams"}
    helped = subprocess.run(
        [sys.executable, "-c", _PROBE, "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert helped.returncode == 0 and "Usage: textbots-tui" in helped.stdout, "anything else goes to click"
