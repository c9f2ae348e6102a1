"""A session keeps its latest HTTP exchanges in memory, not all of them: the journal keeps every one."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from textbots_tui.api.exchange import Exchange
from textbots_tui.core import kept
from textbots_tui.core.events import ExchangeRecorded
from textbots_tui.core.export import session_to_json
from textbots_tui.core.journal import Journal

from .conftest import Harness, HarnessFactory
from .test_bot_sessions import STORE


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(kept, "KEPT_EXCHANGES", 5)
    monkeypatch.setattr(kept, "PRUNE_EVERY", 3)
    return 5


async def test_a_long_session_keeps_only_its_latest_exchanges(sim: Harness, small_bound: int) -> None:
    sid = await sim.controller.start_bot(STORE)
    for number in range(12):
        await sim.controller.send_text(sid, f"opening hours {number}")
    session = sim.controller.session(sid)
    recorded = [e.exchange for e in sim.of(ExchangeRecorded, sid)]
    assert len(recorded) > small_bound  # the token request and every execute: more than the bound
    assert session.exchanges == recorded[-small_bound:]
    assert session.exchanges_dropped == len(recorded) - small_bound
    assert session.exchange_count == len(recorded)
    # The events let go of the exchanges too (pruned in batches), so nothing keeps them alive.
    kept_in_events = [e.exchange for e in session.events if isinstance(e, ExchangeRecorded)]
    stale = [e for e in kept_in_events if not any(x is e for x in session.exchanges)]
    assert len(stale) < 3
    # The latency of each turn still comes from its own exchange.
    assert session.turns[-1].latency_ms == pytest.approx(session.exchanges[-1].duration_ms)
    exported = json.loads(session_to_json(session))
    assert len(exported["exchanges"]) == small_bound
    assert exported["exchanges_not_kept"] == session.exchanges_dropped


async def test_dropped_exchanges_are_freed(sim: Harness, small_bound: int) -> None:
    sid = await sim.controller.start_bot(STORE)
    await sim.controller.send_text(sid, "opening hours")
    first = sim.controller.session(sid).exchanges[0]
    probe = _Probe(first)
    del first
    for number in range(10):
        await sim.controller.send_text(sid, f"opening hours {number}")
    sim.events.clear()  # the test's own copy of every event
    gc.collect()
    assert probe.gone()


async def test_history_reopened_keeps_the_same_bound(
    make_harness: HarnessFactory, tmp_path: Path, small_bound: int
) -> None:
    async with make_harness(journal=Journal(tmp_path)) as sim:
        sid = await sim.controller.start_bot(STORE)
        for number in range(8):
            await sim.controller.send_text(sid, f"opening hours {number}")
        total = sim.controller.session(sid).exchange_count
        latest = sim.controller.session(sid).exchanges
    async with make_harness(journal=Journal(tmp_path)) as sim:
        (loaded,) = await sim.controller.load_history()
        await sim.controller.open_history(loaded)
        session = sim.controller.session(loaded)
        assert session.exchanges == latest  # every exchange is in the journal; the latest are kept
        assert session.exchanges_dropped == total - small_bound
        assert sum(isinstance(e, ExchangeRecorded) for e in session.events) == small_bound


class _Probe:
    """Tells whether an exchange was freed, without keeping it alive (exchanges take no weak references)."""

    def __init__(self, target: Exchange) -> None:
        self._key = (target.started_at, target.correlation_id, target.path)

    def gone(self) -> bool:
        return not any(
            type(o) is Exchange and (o.started_at, o.correlation_id, o.path) == self._key
            for o in gc.get_objects()
        )
