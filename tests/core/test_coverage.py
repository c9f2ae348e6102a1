"""Coverage of a run: the numbers per flow and bot, names and never-reached lists from the target, the JSON
file, and what happens when the target refuses the name and configuration calls."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from textbots_tui.api.client import TextbotsClient
from textbots_tui.cli import main
from textbots_tui.core.runner import run_scripts
from textbots_tui.simulator import SimulatorSettings, create_app, running_server

EXAMPLES = Path(__file__).parents[2] / "examples"
ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
TRACKED = "f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13"
SELF_SERVICE = "c2e8f4a6-0b3d-4e7f-9a1c-5d7b9e2f4a68"
CAPTURED = "a4c6e8f0-1b3d-4f5a-9c7e-0d2f4b6a8c35"
FOUND = "b7d9f1a3-5c2e-4a8b-9d0f-1e3a5c7b9d46"
MENU = "e9a1c3b5-7d2f-4a6e-8b0c-3f5d7a9c1e24"

SCRIPT = f"""\
- name: Tracked
  target: {{flow: {{id: {ORDER}}}}}
  steps:
    - choose: Track an order
    - say: "12345"
    - choose: "No"
- name: Agent
  target: {{flow: {{id: {ORDER}}}}}
  steps:
    - say: I'd like to speak to someone
"""


def factory(settings: SimulatorSettings) -> Any:
    def make() -> TextbotsClient:
        transport = httpx.ASGITransport(app=create_app(settings))
        return TextbotsClient(api_url="http://sim", client_id="a", client_secret="b", transport=transport)

    return make


async def covered(tmp_path: Path, settings: SimulatorSettings) -> tuple[dict[str, Any], str]:
    script = tmp_path / "order.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    out = io.StringIO()
    report = tmp_path / "coverage.json"
    code = await run_scripts([script], client_factory=factory(settings), out=out, coverage=report)
    assert code == 0, out.getvalue()
    return json.loads(report.read_text(encoding="utf-8")), out.getvalue()


async def test_the_numbers_names_and_never_reached(tmp_path: Path) -> None:
    report, printed = await covered(tmp_path, SimulatorSettings())
    assert report["format"] == "textbots-tui coverage" and report["version"] == 1
    [flow] = report["targets"]
    assert (flow["kind"], flow["id"], flow["name"], flow["sessions"]) == ("flow", ORDER, "Order Status", 2)
    assert flow["declared"] is True
    outcomes = {o["id"]: o for o in flow["outcomes"]}
    assert outcomes[TRACKED] == {
        "id": TRACKED,
        "name": "Order tracked",
        "reached": 1,
        "values": {"SUCCESS": 1},
    }
    assert outcomes[SELF_SERVICE]["values"] == {"FAILURE": 1, "SUCCESS": 1}
    milestones = {m["id"]: m["reached"] for m in flow["milestones"]}
    assert milestones == {CAPTURED: 1, FOUND: 1, MENU: 1}
    assert flow["neverReached"]["milestones"] == []
    assert flow["endLocations"] == [
        {"sequenceName": "Agent Handoff", "actionName": "Exit to Agent", "sessions": 1},
        {"sequenceName": "Goodbye", "actionName": "Exit Bot Flow", "sessions": 1},
    ]
    assert flow["exitReasons"] == {"AgentRequestedByUser": 1, "TriggeredByFlow": 1}
    assert flow["disconnectReasons"] == {}
    assert {i["name"]: i["reached"] for i in flow["intents"]} == {
        "ReturnItem": 0,
        "TalkToAgent": 1,
        "TrackOrder": 1,
    }
    assert flow["neverReached"]["intents"] == ["ReturnItem"]
    choices = {c["label"]: (c["offered"], c["taken"]) for c in flow["choices"]}
    assert (
        choices["Track an order"] == (2, 1)
        and choices["No"] == (1, 1)
        and choices["Return an item"] == (2, 0)
    )
    assert "Return an item" in flow["neverReached"]["choices"]
    assert (
        "Coverage:" in printed
        and "Order tracked (f1b3d5e7" in printed
        and "never reached: ReturnItem" in printed
    )
    assert printed.rstrip().endswith("2 passed, 0 failed")


async def test_refused_names_show_ids_and_coverage_still_works(tmp_path: Path) -> None:
    refused = frozenset({"architect:flowOutcome:view", "architect:flowMilestone:view"})
    report, printed = await covered(tmp_path, SimulatorSettings(missing_permissions=refused))
    [flow] = report["targets"]
    tracked = next(o for o in flow["outcomes"] if o["id"] == TRACKED)
    assert tracked["reached"] == 1
    assert tracked["name"] == "Order tracked"  # the flow's configuration still names it
    assert f"  flow Order Status ({ORDER}): 2 sessions" in printed


async def test_a_target_that_cannot_tell_lists_what_was_reached_only(tmp_path: Path) -> None:
    script = tmp_path / "order.yaml"
    script.write_text(SCRIPT, encoding="utf-8")

    def refusing(request: httpx.Request) -> httpx.Response | None:
        if request.url.path.endswith("/latestconfiguration") or "/flows/" in request.url.path:
            return httpx.Response(403, json={"message": "missing permission", "status": 403})
        return None

    inner = httpx.ASGITransport(app=create_app(SimulatorSettings()))

    class Refusing(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            return refusing(request) or await inner.handle_async_request(request)

    def make() -> TextbotsClient:
        return TextbotsClient(api_url="http://sim", client_id="a", client_secret="b", transport=Refusing())

    out = io.StringIO()
    path = tmp_path / "c.json"
    assert await run_scripts([script], client_factory=make, out=out, coverage=path) == 0
    [flow] = json.loads(path.read_text(encoding="utf-8"))["targets"]
    assert flow["declared"] is False and flow["name"] is None
    assert flow["neverReached"]["outcomes"] is None and flow["neverReached"]["intents"] is None
    assert {o["id"]: o["name"] for o in flow["outcomes"]} == {TRACKED: None, SELF_SERVICE: None}
    assert f"      {TRACKED}: SUCCESS x1" in out.getvalue()


def test_coverage_over_http_from_the_command_line(tmp_path: Path) -> None:
    script = tmp_path / "order.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {
        "GENESYSCLOUD_OAUTHCLIENT_ID": "a",
        "GENESYSCLOUD_OAUTHCLIENT_SECRET": "b",
        "TEXTBOTS_TUI_DATA_DIR": str(tmp_path / "data"),
        "TEXTBOTS_TUI_CONFIG": str(tmp_path / "no.toml"),
    }
    with running_server(SimulatorSettings()) as url:
        result = CliRunner().invoke(
            main, ["run", str(script), "--api-url", url, "--coverage", str(tmp_path / "c.json")], env=env
        )
    assert result.exit_code == 0, result.output
    [flow] = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["targets"]
    assert flow["sessions"] == 2 and flow["neverReached"]["intents"] == ["ReturnItem"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coverage", "x.yaml"], "--coverage x.yaml: the coverage file must end in .json"),
        (["--coverage", "/no/such/dir/c.json"], "cannot write the coverage report /no/such/dir/c.json"),
    ],
)
def test_a_bad_coverage_file_is_a_one_line_error_and_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    script = tmp_path / "order.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {"TEXTBOTS_TUI_DATA_DIR": str(tmp_path / "data"), "TEXTBOTS_TUI_CONFIG": str(tmp_path / "no.toml")}
    result = CliRunner().invoke(main, ["run", str(script), "--simulator", *args], env=env)
    assert result.exit_code == 2 and message in result.output, result.output
