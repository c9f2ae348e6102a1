"""The journal file format: one file per session, a header, one flushed line per step, damage tolerated."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from textbots_tui.core.events import BotOutput, Notice, SessionChanged, SessionCreated
from textbots_tui.core.items import TextItem
from textbots_tui.core.journal import Journal, read_session_file, restore_session
from textbots_tui.core.params import FlowLaunchParams, SessionInfo, SessionState
from textbots_tui.core.sessions import Turn

CREATED = datetime(2026, 5, 20, 14, 3, 11, 482000, tzinfo=UTC)
PARAMS = FlowLaunchParams(flow_id="5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", flow_name="Order Status")


def info(state: SessionState = SessionState.WAITING, name: str = "Order Status") -> SessionInfo:
    return SessionInfo("abc", "flow", name, state, 1, CREATED, remote_id="r1")


def write_session(journal: Journal) -> Path:
    path = journal.start_session("abc", "flow", PARAMS, CREATED)
    journal.append_event(SessionCreated("abc", info=info(SessionState.LAUNCHING)))
    journal.append_turn("abc", Turn(1, "NoOp", CREATED, 4.5, turn_id="t1", next_action="WaitForInput"))
    journal.append_event(BotOutput("abc", (TextItem("Hi there, welcome to Acme Support."),), turn_id="t1"))
    journal.append_event(SessionChanged("abc", info=info()))
    return path


def test_one_file_per_session_named_by_creation_time_and_id(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    path = write_session(journal)
    journal.close()
    assert path.parent == tmp_path / "journal"
    assert path.name == "20260520T140311.482Z-abc.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["line"] for line in lines] == ["session", "step", "step", "step", "step"]
    assert json.loads(lines[0])["params"]["flow_id"] == PARAMS.flow_id


def test_lines_are_on_disk_before_the_file_is_closed(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    path = write_session(journal)
    # Still open: every line must already be readable by another reader.
    entry = read_session_file(path)
    assert entry is not None and len(entry.events) == 3 and len(entry.turns) == 1
    journal.close()


def test_read_back_rebuilds_the_session(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    write_session(journal)
    journal.close()
    (entry,) = Journal(tmp_path).load()
    assert (entry.session_id, entry.kind, entry.params, entry.created_at) == ("abc", "flow", PARAMS, CREATED)
    session = restore_session(entry)
    assert session.read_only
    assert session.state is SessionState.WAITING
    assert session.name == "Order Status"
    assert session.remote_id == "r1"
    assert [type(e).__name__ for e in session.events] == ["SessionCreated", "BotOutput", "SessionChanged"]
    assert session.turns[0].latency_ms == 4.5


def test_truncated_last_line_is_skipped(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    path = write_session(journal)
    journal.close()
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"line":"event","event":{"_type":"Notice","session_id":"abc","mess')
    entry = read_session_file(path)
    assert entry is not None
    assert entry.skipped_lines == 1
    assert len(entry.events) == 3


def test_damaged_line_in_the_middle_costs_only_that_line(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    path = write_session(journal)
    journal.append_event(Notice("abc", "rate limited, retrying in 2 s"))
    journal.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:10]
    lines[3] = '{"line":"event","event":{"_type":"NoSuchEvent"}}'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entry = read_session_file(path)
    assert entry is not None
    assert entry.skipped_lines == 2
    assert [type(e).__name__ for e in entry.events] == ["SessionCreated", "SessionChanged", "Notice"]


def test_files_without_a_header_and_other_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "20260101T000000.000Z-empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    assert Journal(tmp_path).load() == []
    assert Journal(tmp_path / "missing").load() == []


def test_only_a_few_files_stay_open(tmp_path: Path) -> None:
    journal = Journal(tmp_path, max_open_files=2)
    for number in range(5):
        session_id = f"s{number}"
        journal.start_session(session_id, "flow", PARAMS, CREATED)
    assert len(journal._open) == 2
    # A line for a session whose file was closed reopens it and appends.
    journal.append_event(Notice("s0", "again"))
    journal.close()
    entry = read_session_file(journal.path_for("s0") or Path())
    assert entry is not None and len(entry.events) == 1
    assert isinstance(entry.events[0], Notice)


CRASHING_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from pathlib import Path

    from textbots_tui.core.events import Notice
    from textbots_tui.core.journal import Journal
    from textbots_tui.core.params import FlowLaunchParams

    journal = Journal(Path(sys.argv[1]))
    journal.start_session("crash", "flow", FlowLaunchParams(flow_id="f"), datetime.now(UTC))
    number = 0
    while True:
        number += 1
        journal.append_event(Notice("crash", f"line {number}"))
        print(number, flush=True)
    """
)


def test_every_line_written_before_a_kill_is_kept(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_WRITER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    written = 0
    try:
        # The writer reports each line after it is flushed; kill it mid-stream without warning.
        for reported in process.stdout:
            written = int(reported)
            if written >= 200:
                break
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    (path,) = tmp_path.glob("*-crash.jsonl")
    entry = read_session_file(path)
    assert entry is not None
    numbers = [int(re.sub(r"\D", "", event.message)) for event in entry.events if isinstance(event, Notice)]
    assert numbers[:written] == list(range(1, written + 1))
    assert entry.skipped_lines <= 1
