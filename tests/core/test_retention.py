"""History retention: old journal files go, then the oldest until the rest fit; nothing else is touched."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textbots_tui.core.retention import prune_journal

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _file(folder: Path, name: str, size: int, age_days: float) -> Path:
    path = folder / name
    path.write_bytes(b"x" * size)
    stamp = (NOW - timedelta(days=age_days)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_old_files_go_then_the_oldest_until_the_rest_fit(tmp_path: Path) -> None:
    old = _file(tmp_path, "20261001T000000.000Z-a.jsonl", 10, 60)
    first = _file(tmp_path, "20261201T000000.000Z-b.jsonl", 400, 3)
    second = _file(tmp_path, "20261202T000000.000Z-c.jsonl", 400, 2)
    newest = _file(tmp_path, "20261203T000000.000Z-d.jsonl", 400, 1)
    other = _file(tmp_path, "notes.txt", 5000, 90)
    (tmp_path / "runs").mkdir()
    run = _file(tmp_path / "runs", "20261001T000000.000Z-r.jsonl", 10, 60)

    pruned = prune_journal(tmp_path, keep_days=30, keep_bytes=900, now=NOW)

    assert not old.exists() and not first.exists(), "too old, then the oldest while over the size"
    assert second.exists() and newest.exists()
    assert other.exists() and run.exists(), "only journal files of this folder"
    assert (pruned.deleted, pruned.freed_bytes, pruned.failed) == (2, 410, 0)


def test_zero_switches_a_limit_off_and_a_missing_folder_is_fine(tmp_path: Path) -> None:
    kept = _file(tmp_path, "20200101T000000.000Z-a.jsonl", 10_000, 2000)
    assert prune_journal(tmp_path, keep_days=0, keep_bytes=0, now=NOW).deleted == 0
    assert kept.exists()
    assert prune_journal(tmp_path / "missing", keep_days=1, keep_bytes=1).deleted == 0


def test_run_sessions_are_journalled_apart_and_still_found_by_id(tmp_path: Path) -> None:
    from textbots_tui.core.journal import Journal
    from textbots_tui.core.journal_lookup import find_session
    from textbots_tui.core.params import FlowLaunchParams

    journal = Journal(tmp_path / "runs", target={"api_url": "https://api.example"}, origin="run")
    journal.start_session("run-1", "flow", FlowLaunchParams(flow_id="f1", flow_name="F"), NOW)
    journal.close()
    assert list(tmp_path.glob("*.jsonl")) == [], "not in the TUI's history folder"
    found = find_session("run-1", tmp_path)
    assert found.session_id == "run-1" and found.path.parent.name == "runs"
