"""Replay timing for demos: recorded gaps, clamped and scaled; only what a chat view shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from textbots_tui.core.events import (
    BotOutput,
    Event,
    Notice,
    SessionChanged,
    SessionEnded,
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.items import TextItem
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.replay_pacing import replay_events
from textbots_tui.core.sessions import Session

START = datetime(2026, 5, 20, 14, 0, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def recorded() -> tuple[Session, list[Event]]:
    session = Session("s", FlowLaunchParams(flow_id="f"))
    info = session.info()
    events: list[Event] = [
        SessionChanged("s", info=info, at=at(0)),  # bookkeeping: not replayed
        BotOutput("s", (TextItem("Hello"),), at=at(0.01)),
        BotOutput("s", (TextItem("How can I help?"),), at=at(0.05)),  # 40 ms later: at least 0.2 s
        WaitingForInput("s", turn_id="t2", at=at(0.06)),  # settles the output: no delay
        UserInputSent("s", "track my order", "UserInput", at=at(1.56)),  # 1.5 s of typing, kept
        BotOutput("s", (TextItem("Order number?"),), at=at(31.56)),  # a 30 s stall: at most 2.5 s
        Notice("s", "rate limited, retrying in 3 s", at=at(32.56)),
        SessionEnded("s", how="exit", reason="TriggeredByFlow", at=at(33.56)),
    ]
    session.events = list(events)
    return session, events


def test_delays_follow_the_recording_clamped() -> None:
    session, events = recorded()
    replay = replay_events(session)
    assert [event for _, event in replay] == events[1:]
    assert [delay for delay, _ in replay] == pytest.approx([0.0, 0.2, 0.0, 1.5, 2.5, 1.0, 1.0])


def test_speed_scales_every_delay_and_the_bounds_are_adjustable() -> None:
    session, _ = recorded()
    assert [d for d, _ in replay_events(session, 2.0)] == pytest.approx([0.0, 0.1, 0.0, 0.75, 1.25, 0.5, 0.5])
    tight = replay_events(session, min_delay_s=1.0, max_delay_s=1.0)
    assert [d for d, _ in tight] == pytest.approx([0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0])
    # Pure: the session is untouched and the same call gives the same answer.
    assert replay_events(session) == replay_events(session)
    assert len(session.events) == 8


def test_bad_arguments_and_empty_sessions() -> None:
    session, _ = recorded()
    with pytest.raises(ValueError, match="speed"):
        replay_events(session, 0)
    with pytest.raises(ValueError, match="delays"):
        replay_events(session, min_delay_s=3.0, max_delay_s=2.0)
    assert replay_events(Session("e", FlowLaunchParams(flow_id="f"))) == []
