"""Input events as Genesys documents them: no no-input reprompts in digital bot flows; the Error event runs
the flow's error handling setting (handover message, then exit or disconnect)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from textbots_tui.simulator import SimulatorSettings
from textbots_tui.simulator.catalog import load_catalog

from .helpers import FAQ, open_sim, texts

ERROR = {"inputEventType": "Error", "inputEventError": {"code": "e1", "message": "boom"}}


SEQUENCES = """\
  sequences:
    Start:
      - ask:
          prompt: Size?
          expect: {type: oneOf, values: {Small: [], Large: []}}
          noInput:
            retries: 2
            reprompts: [Still there?]
            then:
              - say: Bye for now.
              - disconnect: {reason: TriggeredByFlow, info: idle}
"""


def flow(kind: str, *extra: str) -> str:
    """A flow of this type with one question; ``extra`` lines go under ``flow:`` (top-level keys)."""
    head = f"flow:\n  id: f-{kind.lower()}\n  name: F {kind}\n  type: {kind}\n"
    return head + "".join(f"  {line}\n" for line in extra) + SEQUENCES


async def run(tmp_path: Path, text: str, turn: dict[str, Any]) -> dict[str, Any]:
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    async with open_sim(SimulatorSettings(flows_dir=tmp_path)) as sim:
        assert sim.app.state.flow_errors == []
        flow_id = "f-" + text.split("type: ")[1].split()[0].lower()
        session_id = await sim.launch(flow_id)
        await sim.drain(session_id)
        response: dict[str, Any] = await sim.turn(session_id, turn)
        return response


async def test_a_digital_bot_flow_takes_its_no_input_handling_without_reprompting(tmp_path: Path) -> None:
    response = await run(tmp_path, flow("DIGITALBOT"), {"inputEventType": "NoInput"})
    assert texts(response) == ["Bye for now."]
    assert response["nextActionDisconnect"]["reasonExtendedInfo"] == "idle"


async def test_a_bot_flow_keeps_its_no_input_reprompts(tmp_path: Path) -> None:
    response = await run(tmp_path, flow("BOT"), {"inputEventType": "NoInput"})
    assert texts(response)[0] == "Still there?"
    assert response["nextActionType"] == "WaitForInput"


async def test_the_error_event_exits_by_default(tmp_path: Path) -> None:
    response = await run(tmp_path, flow("BOT"), ERROR)
    assert texts(response) == []
    assert response["nextActionExit"]["reason"] == "Error"
    assert response["nextActionExit"]["reasonExtendedInfo"] == "e1: boom"


@pytest.mark.parametrize(
    ("then", "action"), [("exit", "nextActionExit"), ("disconnect", "nextActionDisconnect")]
)
async def test_the_error_event_sends_the_handover_then_does_what_the_setting_says(
    tmp_path: Path, then: str, action: str
) -> None:
    setting = f"errorHandling: {{handover: 'Sorry ({{Error.Code}}), passing you on.', then: {then}}}"
    response = await run(tmp_path, flow("DIGITALBOT", setting), ERROR)
    assert texts(response) == ["Sorry (e1), passing you on."]
    assert response[action]["reason"] == "Error"
    assert response[action]["reasonExtendedInfo"] == "e1: boom"


async def test_the_faq_sample_disconnects_on_error() -> None:
    async with open_sim() as sim:
        session_id = await sim.launch(FAQ)
        await sim.drain(session_id)
        response = await sim.turn(session_id, ERROR)
    assert response["nextActionType"] == "Disconnect"
    assert texts(response) == ["Sorry, something went wrong on our side. Please try again later."]


def test_error_handling_and_on_error_do_not_go_together(tmp_path: Path) -> None:
    text = flow("BOT", "errorHandling: {then: disconnect}", "onError: [{exit: Error}]")
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    (problem,) = [str(e) for e in load_catalog(tmp_path, include_samples=False).errors]
    assert "give errorHandling or onError, not both" in problem
