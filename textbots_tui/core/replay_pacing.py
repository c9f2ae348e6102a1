"""The pacing of a recorded session for a demo replay: which events play back, and the wait before each."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textbots_tui.core import events

if TYPE_CHECKING:
    from textbots_tui.core.events import Event
    from textbots_tui.core.sessions import Session

MIN_REPLAY_DELAY_S = 0.2
MAX_REPLAY_DELAY_S = 2.5
_REPLAYED: tuple[type[Event], ...] = (
    events.UserInputSent,
    events.BotOutput,
    events.WaitingForInput,
    events.SessionEnded,
    events.ErrorOccurred,
    events.Notice,
)
"""What a chat view shows: what a replay plays back."""


def replay_events(
    session: Session,
    speed: float = 1.0,
    *,
    min_delay_s: float = MIN_REPLAY_DELAY_S,
    max_delay_s: float = MAX_REPLAY_DELAY_S,
) -> list[tuple[float, Event]]:
    """The events a chat view shows, each with the seconds to wait before showing it, for a demo replay.

    A delay is the time between the event and the one before it as recorded, clamped to ``min_delay_s`` ..
    ``max_delay_s`` (a slow server does not stall the demo, a fast one still reads like a conversation),
    then divided by ``speed``. The first event, and each ``WaitingForInput`` (it only settles the output
    before it), come with no delay. HTTP exchanges and bookkeeping events are left out.
    """
    if speed <= 0:
        raise ValueError(f"speed must be positive (got {speed})")
    if not 0 <= min_delay_s <= max_delay_s:
        raise ValueError(f"delays must satisfy 0 <= min ({min_delay_s}) <= max ({max_delay_s})")
    replay: list[tuple[float, Event]] = []
    previous: datetime | None = None
    for event in session.events:
        if not isinstance(event, _REPLAYED):
            continue
        if previous is None or isinstance(event, events.WaitingForInput):
            delay = 0.0
        else:
            gap = (event.at - previous).total_seconds()
            delay = min(max(gap, min_delay_s), max_delay_s) / speed
        replay.append((delay, event))
        previous = event.at
    return replay
