"""The step line of format 3 leaves out what its reader derives again; files of format 2 are still read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from textbots_tui.core import codec
from textbots_tui.core.events import (
    BotOutput,
    Event,
    ExchangeRecorded,
    SessionChanged,
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.items import TextItem
from textbots_tui.core.journal import FORMAT_VERSION, Journal, read_session_file
from textbots_tui.core.journal_codecs import register_codecs
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.sessions import Session

from .conftest import Harness, HarnessFactory
from .test_choices import OPENERS, SAMPLES

CHOICE_TURNS = 6


async def _converse(sim: Harness, params: FlowLaunchParams | BotParams) -> Session:
    """Open a session and take the first offered choice a few times (saying something when none is)."""
    controller = sim.controller
    if isinstance(params, FlowLaunchParams):
        sid = await controller.launch_flow(params)
    else:
        sid = await controller.start_bot(params)
    session = controller.session(sid)
    for _ in range(CHOICE_TURNS):
        if not session.state.is_open:
            break
        if session.choices:
            await controller.choose(sid, session.choices[0])
        else:
            await controller.send_text(sid, OPENERS.get(session.target_id, "hello"))
    return session


def _only_file(directory: Path) -> Path:
    (path,) = directory.glob("*.jsonl")
    return path


def _steps(path: Path) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert lines[0]["line"] == "session" and lines[0]["version"] == FORMAT_VERSION
    return lines[1:]


def _journalled(events: list[Event]) -> list[Event]:
    return [event for event in events if not isinstance(event, SessionChanged)]


@pytest.mark.parametrize(
    "params",
    SAMPLES,
    ids=lambda p: type(p).__name__ + ":" + p.flow_id[:8] if isinstance(p, FlowLaunchParams) else "bot",
)
async def test_what_a_line_leaves_out_is_read_back_as_it_was(
    make_harness: HarnessFactory, tmp_path: Path, params: FlowLaunchParams | BotParams
) -> None:
    async with make_harness(journal=Journal(tmp_path)) as sim:
        session = await _converse(sim, params)
        live = _journalled(session.events)
    assert any(isinstance(e, BotOutput) and e.items for e in live)
    path = _only_file(tmp_path)
    events = [event for step in _steps(path) for event in step.get("events", ())]
    assert events and not any("session_id" in event for event in events)
    flow = isinstance(params, FlowLaunchParams)
    outputs = [event for event in events if event["_type"] == "BotOutput"]
    waits = [event for event in events if event["_type"] == "WaitingForInput"]
    # A flow's items and offered choices are in the turn response beside them; a bot's are written.
    assert all(("items" in event) is not flow for event in outputs)
    assert all(("choices" in event) is not flow for event in waits)
    entry = read_session_file(path)
    assert entry is not None and entry.skipped_lines == 0
    assert list(entry.events) == live


async def test_a_response_redaction_would_change_is_read_back_from_what_was_written(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    async with make_harness(journal=Journal(tmp_path)) as sim:
        # A key redaction hides: the body cannot be copied as it came, so it is written parsed and redacted.
        sim.transport.rewrite = lambda request, data: {**data, "password": "hunter2"}
        session = await _converse(sim, SAMPLES[0])
        live = _journalled(session.events)
    path = _only_file(tmp_path)
    assert "hunter2" not in path.read_text("utf-8")
    entry = read_session_file(path)
    assert entry is not None and entry.skipped_lines == 0
    assert list(entry.events) == live


async def test_a_bot_output_without_its_turn_response_costs_only_its_line(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    async with make_harness(journal=Journal(tmp_path)) as sim:
        session = await _converse(sim, SAMPLES[0])
        outputs = len([e for e in session.events if isinstance(e, BotOutput)])
    path = _only_file(tmp_path)
    lines = path.read_text("utf-8").splitlines()
    damaged = next(i for i, line in enumerate(lines) if '"_type":"BotOutput"' in line)
    step = json.loads(lines[damaged])
    step["events"] = [e for e in step["events"] if e["_type"] != "ExchangeRecorded"]
    lines[damaged] = json.dumps(step)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entry = read_session_file(path)
    assert entry is not None and entry.skipped_lines == 1
    assert 0 < len([e for e in entry.events if isinstance(e, BotOutput)]) < outputs


def _version_2_line(record: dict[str, Any]) -> str:
    """A line as format 2 wrote it: every event whole, its session id and a flow's items included."""
    register_codecs()
    return codec.dumps(record)


def test_files_of_format_2_are_still_read(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from textbots_tui.api.exchange import Exchange
    from textbots_tui.core.items import Choice, ChoicesItem
    from textbots_tui.core.sessions import Turn

    at = datetime(2026, 5, 20, 14, 3, 11, tzinfo=UTC)
    sid = "v2session"
    choice = Choice("Track an order", "track_order", "quick_reply")
    exchange = Exchange("POST", "http://x/turns", "/turns", 200, at, 1.5, response_body={"id": "t1"})
    step_events: list[Event] = [
        ExchangeRecorded(sid, exchange=exchange, at=at),
        BotOutput(sid, (TextItem("Hello"), ChoicesItem((choice,))), turn_id="t1", latency_ms=1.5, at=at),
        WaitingForInput(sid, turn_id="t1", choices=(choice,), at=at),
    ]
    state = {"name": "Order Status", "state": "waiting", "turns": 1, "remote_id": "r1", "end_reason": None}
    header = {
        "line": "session",
        "version": 2,
        "session_id": sid,
        "kind": "flow",
        "created_at": at.isoformat(),
        "params": {"_type": "FlowLaunchParams", "flow_id": "f1"},
        "origin": "manual",
        "target": {"api_url": "simulator"},
    }
    lines = [
        json.dumps(header),
        _version_2_line(
            {"line": "step", "events": step_events, "turns": [Turn(1, "NoOp", at, 1.5)], "state": state}
        ),
        _version_2_line(
            {"line": "step", "events": [UserInputSent(sid, "Track an order", "UserInput", at=at)]}
        ),
    ]
    assert '"items":[' in lines[1] and '"session_id":"v2session"' in lines[1]
    path = tmp_path / "20260520T140311.000Z-v2session.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entry = read_session_file(path)
    assert entry is not None and entry.skipped_lines == 0
    assert list(entry.events) == [*step_events, UserInputSent(sid, "Track an order", "UserInput", at=at)]
    assert entry.state == state and len(entry.turns) == 1
