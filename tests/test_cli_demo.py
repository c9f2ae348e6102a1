"""``textbots-tui demo SCRIPT``: the scenario is loaded (one-line errors, exit 2) and handed to the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from textbots_tui.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class FakeApp:
    made: list[FakeApp] = []

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.return_code: int | None = None
        FakeApp.made.append(self)

    def run(self) -> None:
        pass


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> list[FakeApp]:
    monkeypatch.setattr("textbots_tui.ui.app.TextbotsApp", FakeApp)
    monkeypatch.setattr("textbots_tui.cli.tui.has_terminal", lambda: True)
    FakeApp.made = []
    return FakeApp.made


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_scenario_its_pace_and_presenter_mode_reach_the_app(app: list[FakeApp]) -> None:
    script = str(EXAMPLES / "order-status.yaml")
    result = invoke(
        "demo",
        script,
        "--scenario",
        "Order status, wrong order number then an agent",
        "--auto",
        "--pace",
        "0.5",
        "--present",
        "--simulator",
    )
    assert result.exit_code == 0, result.output
    (made,) = app
    demo = made.kwargs["demo"]
    assert demo.loaded.name == "Order status, wrong order number then an agent"
    assert (demo.auto, demo.pace) == (True, 0.5)
    assert made.kwargs["present"] is True and made.kwargs["start"] is None
    plain = invoke("demo", script)
    assert plain.exit_code == 0
    assert app[-1].kwargs["demo"].loaded.name == "Order status, happy path"
    assert (app[-1].kwargs["demo"].auto, app[-1].kwargs["present"]) == (False, False)


def test_bad_scripts_and_names_are_one_line_and_exit_2(app: list[FakeApp], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nsteps: []\n", encoding="utf-8")
    result = invoke("demo", str(bad))
    assert result.exit_code == 2 and "bad.yaml" in result.stderr and "Traceback" not in result.output
    unknown = invoke("demo", str(EXAMPLES / "order-status.yaml"), "--scenario", "nope")
    assert unknown.exit_code == 2 and "no scenario named 'nope'" in unknown.stderr
    missing = invoke("demo", str(tmp_path / "missing.yaml"))
    assert missing.exit_code == 2 and "missing.yaml" in missing.stderr
    assert app == []
