"""Replaying a session for a demo: its events drawn again into the chat pane at human speed.

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

    def start(self, session: Session) -> None:
        """Clear the chat pane and play ``session`` into it, in a worker of the host."""
        from textbots_tui.core.sessions import replay_events

        self.stop(restore=False)
        steps = replay_events(session, speed=self.speed)
        self.session_id = session.session_id
        self._host.query_one(ChatPane).clear()
        self._host.query_one(InputBar).replaying = True
        self._host.run_worker(self._play(steps), group="replay", exclusive=True, exit_on_error=False)

    async def _play(self, steps: list[tuple[float, Event]]) -> None:
        chat = self._host.query_one(ChatPane)
        for delay, event in steps:
            if delay > 0:
                await self.sleep(delay)
            chat.add_event(event)
        self._end(restore=True)

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
        self._host.query_one(InputBar).replaying = False
        self._on_end(restore)
