"""Which org a session belongs to: recorded in the journal header, compared by one rule, and what it guards
(restarting history, deleting it)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from textbots_tui.core.connection import Connection
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import Event, SessionDeleted
from textbots_tui.core.journal import Journal
from textbots_tui.core.journal_read import read_session_file, read_summary
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.targets import recorded_target, same_target, target_label, target_refusal

from .conftest import ORDER_STATUS, HarnessFactory

DEV = {"api_url": "https://api.mypurecloud.ie", "profile": "dev"}
PROD = {"api_url": "https://api.mypurecloud.ie", "profile": "prod"}
CREATED = datetime(2026, 5, 20, 14, 3, tzinfo=UTC)


def test_same_target_is_api_url_and_profile_and_an_unknown_target_matches_nothing() -> None:
    assert same_target(DEV, dict(DEV))
    assert same_target(DEV, {**DEV, "api_url": "https://api.mypurecloud.ie/"}), "a trailing slash is the same"
    assert not same_target(DEV, PROD), "two profiles on one region may be two orgs"
    assert not same_target({"api_url": "https://api.mypurecloud.ie"}, DEV)
    assert not same_target(None, DEV) and not same_target({}, DEV) and not same_target(None, None)
    simulator = Connection.simulated().target()
    assert same_target(simulator, Connection.simulated().target()), "the one function that builds it"


def test_labels_and_refusals_name_both_targets() -> None:
    assert target_label(DEV) == "https://api.mypurecloud.ie profile dev"
    assert target_label({"api_url": "simulator"}) == "simulator"
    assert target_label(None) == "unknown target"
    assert target_refusal(DEV, dict(DEV)) is None
    assert target_refusal(DEV, None) is None, "no current target known: nothing to compare"
    assert target_refusal(PROD, DEV) == (
        "this session belongs to https://api.mypurecloud.ie profile prod; "
        "current is https://api.mypurecloud.ie profile dev"
    )
    refusal = target_refusal(None, DEV)
    assert refusal is not None and "before targets were recorded" in refusal


def test_recorded_target_takes_only_a_usable_header_value() -> None:
    assert recorded_target(DEV) == DEV
    assert recorded_target({"api_url": "x", "profile": 3}) == {"api_url": "x"}
    for damaged in (None, {}, {"profile": "dev"}, {"api_url": ""}, "https://x", ["api_url"]):
        assert recorded_target(damaged) is None


def _write(directory: Path, session_id: str, target: dict[str, str] | None, origin: str = "manual") -> Path:
    journal = Journal(directory, target=target, origin=origin)
    path = journal.start_session(session_id, "flow", FlowLaunchParams(flow_id=ORDER_STATUS), CREATED)
    journal.close()
    return path


def test_the_scan_and_a_full_read_give_the_recorded_target_and_origin(tmp_path: Path) -> None:
    summary = read_summary(_write(tmp_path, "a", DEV, "run"))
    assert summary.info.org_target == DEV and summary.origin == "run"
    entry = read_session_file(_write(tmp_path, "b", PROD))
    assert entry is not None and entry.target == PROD
    old = _write(tmp_path, "c", DEV)
    header, *rest = old.read_text().splitlines()
    record = json.loads(header)
    del record["target"], record["origin"]
    old.write_text("\n".join([json.dumps(record), *rest]) + "\n")
    summary = read_summary(old)
    assert summary.info.org_target is None and summary.origin == "manual"


async def test_history_of_another_target_is_not_restarted_and_the_current_ones_is(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    _write(tmp_path, "theirs", PROD)
    _write(tmp_path, "ours", DEV)
    async with make_harness(journal=Journal(tmp_path, target=DEV)) as sim:
        await sim.controller.load_history()
        assert sim.controller.session("theirs").info().org_target == PROD
        with pytest.raises(InputRefused, match=r"belongs to https://api\.mypurecloud\.ie profile prod"):
            await sim.controller.restart("theirs")
        new_id = await sim.controller.restart("ours")
        assert sim.controller.session(new_id).org_target == DEV, "a new session is the current target's"


async def test_deleting_history_removes_its_file_and_says_so_and_live_sessions_are_refused(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    path = _write(tmp_path, "old", DEV)
    async with make_harness(journal=Journal(tmp_path, target=DEV)) as sim:
        seen: list[Event] = []
        sim.controller.subscribe(seen.append)
        await sim.controller.load_history()
        await sim.controller.open_history("old")
        live = await sim.controller.launch_flow(FlowLaunchParams(flow_id=ORDER_STATUS))
        with pytest.raises(InputRefused, match="this run's are still being journalled"):
            await sim.controller.delete_history(live)
        await sim.controller.delete_history("old")
        assert not path.exists() and "old" not in sim.controller.sessions
        assert not sim.controller.history_pending("old")
        assert [e for e in seen if isinstance(e, SessionDeleted)] == [SessionDeleted("old", at=seen[-1].at)]
        assert sim.controller.session(live).read_only is False


async def test_a_delete_that_fails_keeps_the_session_and_raises_the_error_as_it_came(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    path = _write(tmp_path, "old", DEV)
    async with make_harness(journal=Journal(tmp_path, target=DEV)) as sim:
        await sim.controller.load_history()
        path.unlink()
        path.mkdir()  # a folder cannot be unlinked, not even by root
        with pytest.raises(OSError):
            await sim.controller.delete_history("old")
        assert "old" in sim.controller.sessions
