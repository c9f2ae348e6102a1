"""Finding a journalled session by file or by id: the SESSION argument of ``export`` (and ``replay``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from textbots_tui.core.journal import Journal
from textbots_tui.core.journal_lookup import SessionLookupError, find_session
from textbots_tui.core.params import FlowLaunchParams

from .conftest import ORDER_STATUS, HarnessFactory


async def test_by_file_by_id_and_by_a_start_of_the_id(make_harness: HarnessFactory, tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    async with make_harness(journal=journal) as sim:
        first = await sim.controller.launch_flow(FlowLaunchParams(flow_id=ORDER_STATUS))
        second = await sim.controller.launch_flow(FlowLaunchParams(flow_id=ORDER_STATUS))
    journal.close()
    path = journal.path_for(first)
    assert path is not None
    assert find_session(str(path), tmp_path / "elsewhere").session_id == first
    assert find_session(first, tmp_path).session_id == first
    assert find_session(path.stem, tmp_path).session_id == first
    assert find_session(second[:12], tmp_path).session_id == second
    other = journal.path_for(second)
    assert other is not None
    for suffix in ("1", "2"):  # two sessions whose ids start alike
        (tmp_path / f"20260101T000000.000Z-same{suffix}.jsonl").write_bytes(other.read_bytes())
    with pytest.raises(SessionLookupError, match=r"matches 2 sessions \(same1, same2\)"):
        find_session("same", tmp_path)


def test_what_is_not_a_session_is_named_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(SessionLookupError, match="no such journal file, and no session with this id"):
        find_session("nope", tmp_path)
    with pytest.raises(SessionLookupError, match=r"missing\.jsonl: no such journal file"):
        find_session(str(tmp_path / "missing.jsonl"), tmp_path)
    junk = tmp_path / "junk.jsonl"
    junk.write_text('{"line": "event"}\n', encoding="utf-8")
    with pytest.raises(SessionLookupError, match="not a session journal"):
        find_session(str(junk), tmp_path)
    with pytest.raises(SessionLookupError, match="no session given"):
        find_session(" ", tmp_path)
