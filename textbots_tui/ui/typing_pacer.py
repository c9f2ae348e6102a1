"""The presenter's typing indicator: each bot message waits a moment, paced by its length, behind "Bot is
typing...", so an audience reads the chat as a conversation rather than a dump. Skippable (esc), and sending
anything shows at once what is still waiting. Events keep their order: everything after a waiting message
waits behind it.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Final

from textual.widgets import Static

from textbots_tui.ui.widgets.chat_pane import ChatPane

if TYPE_CHECKING:
    from textual.screen import Screen

    from textbots_tui.core.events import BotOutput, Event

BASE_S: Final = 0.35
"""Every message waits at least this long (a glance at the indicator)."""
PER_CHARACTER_S: Final = 0.012
"""And this much more per character (about five words a second)."""
LONGEST_S: Final = 1.6
"""No message waits longer: the indicator paces a demo, it must not slow it down."""


def typing_delay(output: BotOutput) -> float:
    """How long ``output`` is "typed" before it shows: longer for longer messages, within bounds."""
    from textbots_tui.core.items import TextItem

    characters = sum(len(item.text) if isinstance(item, TextItem) else 40 for item in output.items)
    return min(LONGEST_S, BASE_S + PER_CHARACTER_S * characters)


class TypingIndicator(Static):
    """ "Bot is typing..." under the chat, while a bot message waits to show (presenter mode)."""

    DEFAULT_CSS = """
    TypingIndicator {
        display: none;
        height: 1;
        padding: 0 3;
        color: $text-muted;
        text-style: italic;
        &.-typing { display: block; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Bot is typing…", id=id, markup=False)


class TypingPacer:
    """Draws events into ``host``'s chat pane, pacing bot messages while ``enabled()`` (presenter mode).

    ``drawn`` runs after each paced event is drawn (the host brings its keys and input line in line).
    """

    def __init__(self, host: Screen[Any], *, enabled: Callable[[], bool], drawn: Callable[[], None]) -> None:
        self._host = host
        self._enabled = enabled
        self._drawn = drawn
        self._queue: deque[Event] = deque()
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        """How the pacer waits (tests make the waits something they control)."""

    @property
    def waiting(self) -> bool:
        """Whether events wait behind the typing indicator."""
        return bool(self._queue)

    def draw(self, event: Event) -> None:
        """Draw ``event`` now, or after the bot messages waiting before it."""
        from textbots_tui.core.events import BotOutput

        if not self._queue and not (self._enabled() and isinstance(event, BotOutput)):
            self._host.query_one(ChatPane).add_event(event)
            return
        self._queue.append(event)
        if len(self._queue) == 1:
            self._host.run_worker(self._play(), group="typing", exclusive=True, exit_on_error=False)

    async def _play(self) -> None:
        from textbots_tui.core.events import BotOutput

        indicator = self._host.query_one(TypingIndicator)
        try:
            while self._queue:
                event = self._queue[0]
                if isinstance(event, BotOutput) and self._enabled():
                    indicator.add_class("-typing")
                    await self.sleep(typing_delay(event))
                    indicator.remove_class("-typing")
                self._queue.popleft()
                self._host.query_one(ChatPane).add_event(event)
                self._drawn()
        finally:
            indicator.remove_class("-typing")

    def skip(self) -> None:
        """Show everything that waits, now."""
        if not self._queue:
            return
        self._host.workers.cancel_group(self._host, "typing")
        self._host.query_one(TypingIndicator).remove_class("-typing")
        chat = self._host.query_one(ChatPane)
        while self._queue:
            chat.add_event(self._queue.popleft())
        self._drawn()

    def clear(self) -> None:
        """Forget what waits (the whole conversation is being drawn again anyway)."""
        self._queue.clear()
        self._host.workers.cancel_group(self._host, "typing")
        self._host.query_one(TypingIndicator).remove_class("-typing")
