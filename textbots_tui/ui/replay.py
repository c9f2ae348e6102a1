"""Replaying a session for a demo: its events drawn again into the chat pane at human speed, with the
presenter's controls: pause (space), one turn at a time (right), speed (up, down).

Nothing is sent while a replay plays; any new action stops it. A replay works from what the session holds
(the journal's record), so history sessions replay as live ones do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.input_bar import InputBar

if TYPE_CHECKING:
    from textual.screen import Screen

    from textbots_tui.core.events import Event
    from textbots_tui.core.sessions import Session


class Replay:
    """Plays one session at a time into ``host``'s chat pane; ``on_end(restore)`` runs when it stops.

    ``restore`` says whether the host should show the whole conversation again (not when the host is about
    to show another one anyway).
    """

    def __init__(self, host: Screen[Any], *, on_end: Callable[[bool], None]) -> None:
        self._host = host
        self._on_end = on_end
        self.speed = 1.0
        """How much faster than recorded a replay plays (the pauses are clamped for people first)."""
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        """How a replay waits between events (tests make the waits something they control)."""
        self.session_id: str | None = None
        """The id of the session being replayed, while a replay runs."""
        self.paused = False
        """The presenter holds the replay (space): it waits, or goes one event at a time (right)."""
        self._resume = asyncio.Event()
        self._step = False
        self.shown = 0
        """How many of the replay's events are drawn so far (of ``total``)."""
        self.total = 0

    def start(self, session: Session) -> None:
        """Clear the chat pane and play ``session`` into it, in a worker of the host."""
        from textbots_tui.core.replay_pacing import replay_events

        self.stop(restore=False)
        steps = replay_events(session)  # the speed applies as it plays: it can change meanwhile
        self.session_id = session.session_id
        self.paused, self._step, self.shown, self.total = False, False, 0, len(steps)
        self._resume.set()
        self._host.query_one(ChatPane).clear()
        input_bar = self._host.query_one(InputBar)
        input_bar.replaying = True
        input_bar.prompt.space_advances = True  # space pauses and resumes (the presenter's controls)
        self._host.run_worker(self._play(steps), group="replay", exclusive=True, exit_on_error=False)

    async def _play(self, steps: list[tuple[float, Event]]) -> None:
        chat = self._host.query_one(ChatPane)
        for delay, event in steps:
            await self._resume.wait()
            if delay > 0 and not self._step:
                await self.sleep(delay / self.speed)
                await self._resume.wait()  # paused during the wait: the event waits too
            chat.add_event(event)
            self.shown += 1
            if self._step:  # one event, then hold again
                self._step = False
                self._resume.clear()
            self._tell()
        self._end(restore=True)

    def toggle_pause(self) -> None:
        """Hold the replay, or let it go on."""
        self.paused = not self.paused
        self._step = False
        if self.paused:
            self._resume.clear()
        else:
            self._resume.set()
        self._tell()

    def step(self) -> None:
        """Show the next event now and hold the replay there (the presenter talks over each turn)."""
        self.paused = True
        self._step = True
        self._resume.set()

    def change_speed(self, factor: float) -> None:
        """Play ``factor`` times faster (or slower, below 1), between a quarter and eight times."""
        self.speed = min(8.0, max(0.25, self.speed * factor))
        self._tell()

    def _tell(self) -> None:
        """Say where the replay is, and its controls, under the input line."""
        state = "paused" if self.paused else "playing"
        self._host.query_one(InputBar).show_message(
            f"replaying… (esc stops) · {self.shown}/{self.total} {state} at {self.speed:g}x · space pauses, "
            "→ steps, ↑ ↓ speed"
        )

    def stop(self, *, restore: bool = True) -> None:
        """Stop a running replay (any new action does); ``restore`` shows the full transcript again."""
        if self.session_id is None:
            return
        self._host.workers.cancel_group(self._host, "replay")
        self._end(restore=restore)

    def _end(self, *, restore: bool) -> None:
        if self.session_id is None:
            return
        self.session_id = None
        self._resume.set()
        input_bar = self._host.query_one(InputBar)
        input_bar.replaying = False
        input_bar.prompt.space_advances = False
        input_bar.clear_message()
        self._on_end(restore)
