"""Journal of real conversations: reload as read-only history, exactly as recorded, without secrets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from textbots_tui.api.exchange import Exchange
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import ErrorOccurred, Event, SessionChanged, SessionCreated
from textbots_tui.core.journal import Journal
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionState
from textbots_tui.core.sessions import Turn

from .conftest import ORDER_STATUS, STORE_BOT, HarnessFactory

SECRET = "s3cret-client-value"


def comparable(events: list[Event]) -> list[Any]:
    # Exceptions compare by identity: compare an error event by what it says instead.
    return [
        (type(e).__name__, e.error.status, e.error.message, e.unsent_input)
        if isinstance(e, ErrorOccurred)
        else e
        for e in events
    ]


def journal_files(directory: Path, pattern: str = "*.jsonl") -> list[Path]:
    return sorted(directory.glob(pattern))


def journal_lines(directory: Path, session_id: str | None = None) -> list[str]:
    pattern = f"*-{session_id}.jsonl" if session_id else "*.jsonl"
    return [
        line for path in journal_files(directory, pattern) for line in path.read_text("utf-8").splitlines()
    ]


@dataclass
class Recorded:
    flow: str
    bot: str
    tokens: list[str]
    events: dict[str, list[Event]]
    exchanges: dict[str, list[Exchange]]
    turns: dict[str, list[Turn]]


async def record_conversations(make_harness: HarnessFactory, directory: Path) -> Recorded:
    async with make_harness(journal=Journal(directory), client_secret=SECRET) as sim:
        flow = await sim.controller.launch_flow(
            FlowLaunchParams(
                flow_id=ORDER_STATUS, input_variables={"Flow.CustomerName": "Alex"}, flow_name="Order"
            )
        )
        await sim.controller.choose(flow, "Track an order")
        sim.transport.answer = lambda r: httpx.Response(503) if r.url.path.endswith("/turns") else None
        await sim.controller.send_text(flow, "12345")  # fails after retries: an error with the input kept
        sim.transport.answer = None
        await sim.controller.send_text(flow, "12345")
        await sim.controller.choose(flow, "No")
        bot = await sim.controller.start_bot(BotParams(bot_id=STORE_BOT, integration_id="any"))
        await sim.controller.send_text(bot, "opening hours")
        await sim.controller.rename(bot, "Hours question")
        sessions = sim.controller.sessions
        return Recorded(
            flow,
            bot,
            sim.transport.tokens,
            {sid: list(s.events) for sid, s in sessions.items()},
            {sid: list(s.exchanges) for sid, s in sessions.items()},
            {sid: list(s.turns) for sid, s in sessions.items()},
        )


async def test_reloaded_history_is_what_was_recorded(make_harness: HarnessFactory, tmp_path: Path) -> None:
    recorded = await record_conversations(make_harness, tmp_path)
    flow, bot = recorded.flow, recorded.bot
    assert len(journal_files(tmp_path)) == 2

    async with make_harness(journal=Journal(tmp_path)) as sim:
        loaded = await sim.controller.load_history()
        assert loaded == [flow, bot]
        created = sim.of(SessionCreated)
        assert [e.info.read_only for e in created] == [True, True]
        assert [e.info.name for e in created] == ["Order", "Hours question"]
        for sid in loaded:
            assert sim.controller.history_pending(sid)
            assert sim.controller.session(sid).events == []  # listed from the file's ends only
            await sim.controller.open_history(sid)
            assert not sim.controller.history_pending(sid)
            session = sim.controller.session(sid)
            # State changes are not journalled one by one: each step line says where the session stands.
            live = [e for e in recorded.events[sid] if not isinstance(e, SessionChanged)]
            assert comparable(session.events) == comparable(live)
            assert session.exchanges == recorded.exchanges[sid]
            assert session.turns == recorded.turns[sid]
        order = sim.controller.session(flow)
        assert order.state is SessionState.EXITED
        assert order.end_reason == "TriggeredByFlow"
        assert order.ended is not None and order.ended.output_variables["Flow.OrderStatus"] == "Shipped"
        assert isinstance(order.params, FlowLaunchParams)
        assert order.params.input_variables == {"Flow.CustomerName": "Alex"}
        error = next(e for e in order.events if isinstance(e, ErrorOccurred))
        assert (error.error.title, error.unsent_input) == ("Service unavailable", "12345")
        assert order.info().turn_count == order.user_turn_count == 3, "the user's turns, NoOps aside"
        # Loading again adds nothing.
        assert await sim.controller.load_history() == []


async def test_journal_holds_no_secret(make_harness: HarnessFactory, tmp_path: Path) -> None:
    tokens = (await record_conversations(make_harness, tmp_path)).tokens
    assert tokens and all(len(token) > 10 for token in tokens)
    lines = journal_lines(tmp_path)
    text = "\n".join(lines)
    assert "Authorization" not in text and "authorization" in text  # headers are there, redacted
    assert SECRET not in text
    for token in tokens:
        assert token not in text
    # Every line is JSON on its own.
    for line in lines:
        json.loads(line)


async def test_history_is_read_only_but_can_be_restarted_and_renamed(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    flow = (await record_conversations(make_harness, tmp_path)).flow
    async with make_harness(journal=Journal(tmp_path)) as sim:
        await sim.controller.load_history()
        history = sim.controller.session(flow)
        lines_before = len(journal_lines(tmp_path, flow))
        with pytest.raises(InputRefused, match="history"):
            await sim.controller.send_text(flow, "hello")
        await sim.controller.rename(flow, "Order, first try")
        new = await sim.controller.restart(flow)
        assert sim.controller.session(new).state is SessionState.WAITING
        assert sim.controller.session(new).name == "Order, first try"
        assert history.state is SessionState.EXITED  # history is not rewritten by the restart
        lines_after = len(journal_lines(tmp_path, flow))
        assert lines_after == lines_before + 1  # only the rename line
    async with make_harness(journal=Journal(tmp_path)) as sim:
        await sim.controller.load_history()
        assert sim.controller.session(flow).name == "Order, first try"
        assert len(sim.controller.sessions) == 3
