"""Reading the journal back: the scan for the session list, lazy loading, damage, size limits, a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from textbots_tui.core.events import ExchangeRecorded, Notice, SessionChanged, SessionCreated
from textbots_tui.core.journal import Journal, JournalFull, read_session_file
from textbots_tui.core.journal_read import MAX_HEADER_BYTES, read_summary
from textbots_tui.core.params import FlowLaunchParams, SessionInfo, SessionState
from textbots_tui.core.sessions import Turn

from .conftest import ORDER_STATUS, HarnessFactory

CREATED = datetime(2026, 5, 20, 14, 3, 11, 482000, tzinfo=UTC)
PARAMS = FlowLaunchParams(flow_id=ORDER_STATUS, flow_name="Order Status")
STATE = {"name": "Order Status", "state": "exited", "turns": 3, "remote_id": "r1", "end_reason": "Done"}


def journal_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl"))


def write_session(directory: Path, session_id: str, created: datetime = CREATED) -> Path:
    journal = Journal(directory)
    path = journal.start_session(session_id, "flow", PARAMS, created)
    journal.append_step(session_id, (Notice(session_id, "first"),), (Turn(1, "NoOp", created, 2.0),), STATE)
    journal.close()
    return path


def test_the_scan_lists_a_session_from_its_header_and_last_state_alone(tmp_path: Path) -> None:
    path = write_session(tmp_path, "abc")
    # Garbage in the middle: the scan never parses it (a whole read would skip it as a damaged line).
    lines = path.read_text("utf-8").splitlines()
    middle = ["not json at all " * 50] * 2000
    path.write_text("\n".join([lines[0], *middle, lines[1]]) + "\n", encoding="utf-8")
    (summary,) = Journal(tmp_path).scan().summaries
    assert summary.session_id == "abc"
    assert summary.params == PARAMS
    info = summary.info
    assert (info.name, info.state, info.turn_count) == ("Order Status", SessionState.EXITED, 3)
    assert info.end_reason == "Done"
    assert info.read_only and info.created_at == CREATED


def test_a_session_whose_last_state_is_far_back_is_still_listed(tmp_path: Path) -> None:
    path = write_session(tmp_path, "abc")
    with path.open("a", encoding="utf-8") as handle:  # steps without a state after the last one with it
        for number in range(3000):
            handle.write(json.dumps({"line": "step", "events": [], "n": number}) + "\n")
    assert read_summary(path).info.state is SessionState.EXITED


def test_a_file_with_only_its_header_is_listed_closed(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.start_session("lonely", "flow", PARAMS, CREATED)
    journal.close()
    (summary,) = journal.scan().summaries
    assert (summary.info.name, summary.info.state, summary.info.turn_count) == ("Order Status", "closed", 0)


DAMAGED_HEADERS = {
    "no session_id": {"line": "session", "version": 2, "kind": "flow", "created_at": CREATED.isoformat()},
    "params of the wrong shape": {
        "line": "session",
        "session_id": "x",
        "created_at": CREATED.isoformat(),
        "params": {"_type": "FlowLaunchParams", "flow": 3},
    },
    "params not an object": {"line": "session", "session_id": "x", "created_at": "now", "params": [1, 2]},
    "no creation time": {"line": "session", "session_id": "x", "params": {"_type": "BotParams"}},
}


@pytest.mark.parametrize("damage", [*DAMAGED_HEADERS, "cut", "nested too deep", "too long", "binary"])
def test_a_damaged_header_costs_only_its_own_file(tmp_path: Path, damage: str) -> None:
    write_session(tmp_path, "good-1", CREATED)
    write_session(tmp_path, "good-2", CREATED + timedelta(seconds=2))
    bad = tmp_path / "20260520T140312.000Z-bad.jsonl"
    if damage == "cut":
        bad.write_text('{"line":"session","session_id":"bad","par', encoding="utf-8")
    elif damage == "nested too deep":
        bad.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    elif damage == "too long":
        bad.write_text('{"line":"session","pad":"' + "x" * (MAX_HEADER_BYTES + 10) + '"}\n', encoding="utf-8")
    elif damage == "binary":
        bad.write_bytes(b"\xff\xfe\x00garbage\n")
    else:
        bad.write_text(json.dumps(DAMAGED_HEADERS[damage]) + "\n", encoding="utf-8")
    scan = Journal(tmp_path).scan()
    assert [s.session_id for s in scan.summaries] == ["good-1", "good-2"]
    assert scan.skipped_files == (bad,)
    assert read_session_file(bad) is None


def test_a_line_nested_deeper_than_the_recursion_limit_costs_only_itself(tmp_path: Path) -> None:
    path = write_session(tmp_path, "abc")
    deep = '{"line":"step","events":' + "[" * 50_000 + "]" * 50_000 + "}"
    deep_event = '{"line":"event","event":' + '{"a":' * 5000 + "1" + "}" * 5000 + "}"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(deep + "\n" + deep_event + "\n")
    Journal(tmp_path).append_event(Notice("abc", "after"))  # no adopt: nothing is written
    journal = Journal(tmp_path)
    journal.adopt("abc", path)
    journal.append_event(Notice("abc", "after"))
    journal.close()
    entry = read_session_file(path)
    assert entry is not None
    assert entry.skipped_lines == 2
    assert [e.message for e in entry.events if isinstance(e, Notice)] == ["first", "after"]
    assert read_summary(path).info.state is SessionState.EXITED


def test_old_files_of_one_line_per_event_are_still_read(tmp_path: Path) -> None:
    info = SessionInfo("old", "flow", "Renamed", SessionState.WAITING, 1, CREATED, remote_id="r9")
    header = {
        "line": "session",
        "version": 1,
        "session_id": "old",
        "kind": "flow",
        "created_at": CREATED.isoformat(),
        "params": {"_type": "FlowLaunchParams", "flow_id": ORDER_STATUS},
    }
    journal = Journal(tmp_path)
    path = tmp_path / "20260520T140311.482Z-old.jsonl"
    from textbots_tui.core import codec

    lines = [
        json.dumps(header),
        codec.dumps({"line": "event", "event": SessionCreated("old", info=info)}),
        codec.dumps({"line": "turn", "turn": Turn(1, "NoOp", CREATED, 3.0)}),
        codec.dumps({"line": "event", "event": SessionChanged("old", info=info)}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (summary,) = journal.scan().summaries
    assert (summary.info.name, summary.info.state, summary.info.turn_count) == ("Renamed", "waiting", 1)
    entry = read_session_file(path)
    assert entry is not None and entry.skipped_lines == 0
    assert [type(e).__name__ for e in entry.events] == ["SessionCreated", "SessionChanged"]
    assert len(entry.turns) == 1


def test_a_file_is_cut_off_at_the_size_limit_with_a_note(tmp_path: Path) -> None:
    journal = Journal(tmp_path, max_file_bytes=4000)
    path = journal.start_session("big", "flow", PARAMS, CREATED)
    written = 0
    with pytest.raises(JournalFull, match="limit"):
        for number in range(100):
            journal.append_event(Notice("big", f"line {number} " + "x" * 200))
            written += 1
    with pytest.raises(JournalFull):  # and stays cut off
        journal.append_event(Notice("big", "more"))
    journal.close()
    assert 0 < written < 100
    assert path.stat().st_size < 4000 + 500  # the note may pass the limit, nothing else
    last = json.loads(path.read_text("utf-8").splitlines()[-1])
    assert last["line"] == "note" and "limit" in last["text"]
    entry = read_session_file(path)
    assert entry is not None and entry.cut_off and len(entry.events) == written


def test_reading_back_stops_at_the_size_limit(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    path = journal.start_session("huge", "flow", PARAMS, CREATED)
    for number in range(200):
        journal.append_event(Notice("huge", f"line {number} " + "x" * 500))
    journal.close()
    entry = read_session_file(path, max_bytes=20_000)
    assert entry is not None and entry.cut_off
    assert 20 < len(entry.events) < 40
    whole = read_session_file(path)
    assert whole is not None and not whole.cut_off and len(whole.events) == 200


async def test_a_full_journal_file_stops_recording_but_not_the_conversation(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    async with make_harness(journal=Journal(tmp_path, max_file_bytes=12_000)) as sim:
        flow = await sim.controller.launch_flow(PARAMS)
        for text in ("track_order", "12345", "no"):
            await sim.controller.send_text(flow, text)
        session = sim.controller.session(flow)
        assert session.state is SessionState.EXITED
        notices = [e.message for e in sim.of(Notice) if "journal" in e.message]
        assert len(notices) == 1 and "limit" in notices[0]
    (path,) = journal_files(tmp_path)
    entry = read_session_file(path)
    assert entry is not None and entry.cut_off


async def test_a_turn_is_one_line(make_harness: HarnessFactory, tmp_path: Path) -> None:
    async with make_harness(journal=Journal(tmp_path)) as sim:
        flow = await sim.controller.launch_flow(PARAMS)
        await sim.controller.send_text(flow, "track_order")
        session = sim.controller.session(flow)
        requests = sum(1 for e in session.events if isinstance(e, ExchangeRecorded))
    (path,) = journal_files(tmp_path)
    kinds = [json.loads(line)["line"] for line in path.read_text("utf-8").splitlines()]
    # The header, the session's creation, then a step per request (the token rides with the launch).
    assert kinds == ["session", *["step"] * (len(kinds) - 1)]
    assert len(kinds) - 2 <= requests - 1
    steps = [json.loads(line) for line in path.read_text("utf-8").splitlines()[1:]]
    assert all("state" in step for step in steps)
    assert not any(e["_type"] == "SessionChanged" for step in steps for e in step.get("events", ()))
    assert steps[-1]["state"]["state"] == "waiting" and steps[-1]["state"]["turns"] == len(session.turns)


async def test_history_keeps_only_a_few_opened_sessions_in_memory(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    from textbots_tui.core.controller import HISTORY_KEPT

    async with make_harness(journal=Journal(tmp_path)) as sim:
        for _ in range(HISTORY_KEPT + 2):
            await sim.controller.launch_flow(PARAMS)
    async with make_harness(journal=Journal(tmp_path)) as sim:
        ids = await sim.controller.load_history()
        for session_id in ids:
            entry = await sim.controller.open_history(session_id)
            assert entry is not None and entry.skipped_lines == 0
        in_memory = [sid for sid in ids if sim.controller.session(sid).events]
        assert in_memory == ids[-HISTORY_KEPT:]
        assert sim.controller.history_pending(ids[0])
        assert await sim.controller.open_history(ids[-1]) is None  # still in memory
        await sim.controller.open_history(ids[0])
        assert sim.controller.session(ids[0]).events
        assert not sim.controller.session(ids[1]).events


CRASHING_CONVERSATION = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path

    import httpx

    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.core.controller import Controller
    from textbots_tui.core.journal import Journal
    from textbots_tui.core.params import FlowLaunchParams
    from textbots_tui.simulator import SimulatorSettings, create_app

    async def main() -> None:
        app = create_app(SimulatorSettings(seed=1))
        transport = httpx.ASGITransport(app=app)
        async with TextbotsClient(
            api_url="http://simulator.local", client_id="d", client_secret="d", transport=transport
        ) as client:
            controller = Controller(client, journal=Journal(Path(sys.argv[1])))
            session_id = await controller.launch_flow(FlowLaunchParams(flow_id=sys.argv[2]))
            session = controller.session(session_id)
            while True:
                for text in ("track_order", "12345", "yes"):
                    await controller.send_text(session_id, text)
                    # Every turn completed so far, as the controller holds it.
                    print(session_id, len(session.turns), flush=True)
                session_id = await controller.launch_flow(FlowLaunchParams(flow_id=sys.argv[2]))
                session = controller.session(session_id)

    asyncio.run(main())
    """
)


def test_a_kill_loses_nothing_up_to_the_last_completed_turn(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_CONVERSATION, str(tmp_path), ORDER_STATUS],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    reports = 0
    session_id, completed = "", 0
    try:
        for reported in process.stdout:
            session_id, count = reported.split()
            completed = int(count)
            reports += 1
            if reports >= 40:
                break
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    (path,) = tmp_path.glob(f"*-{session_id}.jsonl")
    entry = read_session_file(path)
    assert entry is not None and entry.skipped_lines <= 1
    # The session that was running: every turn it had completed when it last reported is on disk.
    assert len(entry.turns) >= completed
    assert [turn.index for turn in entry.turns] == list(range(1, len(entry.turns) + 1))
