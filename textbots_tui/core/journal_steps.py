"""Reading a journal's events back, deriving what a step line of format 3 leaves out.

A step leaves out each event's ``session_id`` (the header names it), a bot flow's bot output items (they are
the prompts of the turn response recorded just before, parsed again here by the parser the live session
used) and the choices a flow offers when it waits (the choices offered since the last input, gathered by
the session's own rule). See ``docs/journal.md``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from textbots_tui.core import codec
from textbots_tui.core.events import BotOutput, Event, ExchangeRecorded, UserInputSent, WaitingForInput
from textbots_tui.core.items import BotItem
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.sessions import Session


class StepReader:
    """One session file being read: its events so far, and what a line of format 3 leaves to the reader
    (the session id, a flow's bot output items and the choices offered when it waits)."""

    def __init__(self, session_id: str, params: FlowLaunchParams | BotParams) -> None:
        """``session_id`` and ``params`` are the file header's."""
        self.session_id = session_id
        self.events: list[Event] = []
        self._last_exchange: ExchangeRecorded | None = None
        # The choices offered since the last input, gathered by the session's own rule (Session.offer).
        self._offers = Session(session_id, params)

    def add_step(self, events_data: list[Any]) -> None:
        """Decode a step's events and keep them: all of them, or none when one cannot be read."""
        offers = self._offers
        saved = (offers.choices, offers.links, self._last_exchange)
        try:
            decoded = [self._event(data) for data in events_data]
        except BaseException:
            offers.choices, offers.links, self._last_exchange = saved
            raise
        self.events.extend(decoded)

    def add(self, data: Any) -> None:
        """Decode one event of a version 1 line and keep it."""
        self.events.append(self._event(data))

    def _event(self, data: Any) -> Event:
        if not isinstance(data, dict):
            raise TypeError(f"an event is a JSON object, not {type(data).__name__}")
        data.setdefault("session_id", self.session_id)
        kind = data.get(codec.TYPE_KEY)
        derived_items = kind == "BotOutput" and "items" not in data
        if derived_items:
            data["items"] = ()
        decoded = codec.decode_tagged(data)
        if not isinstance(decoded, Event):
            raise ValueError(f"not an event: {kind!r}")
        event: Event = decoded
        if isinstance(event, ExchangeRecorded):
            self._last_exchange = event
        elif isinstance(event, BotOutput):
            if derived_items:
                event = dataclasses.replace(event, items=self._items_of(event.turn_id))
            self._offers.offer(event.items, more=True)
        elif isinstance(event, UserInputSent):
            self._offers.input_sent()
        elif isinstance(event, WaitingForInput) and "choices" not in data:
            event = dataclasses.replace(event, choices=self._offers.choices)
        return event

    def _items_of(self, turn_id: str | None) -> tuple[BotItem, ...]:
        """A flow's bot output items, parsed again from the turn response recorded before them."""
        exchange = self._last_exchange.exchange if self._last_exchange is not None else None
        body = exchange.response_body if exchange is not None else None
        if not isinstance(body, dict) or body.get("id") != turn_id:
            raise ValueError(f"no recorded turn response {turn_id!r} to read the bot output from")
        # Imported here: listing history (the scan) must not load pydantic and the API models.
        from textbots_tui.api.models import TextBotFlowTurnResponse
        from textbots_tui.core.parse import items_from_segments

        return items_from_segments(TextBotFlowTurnResponse.model_validate(body).segments)
