"""How much of a session's record stays in memory: its latest HTTP exchanges, in full.

A session of thousands of turns would otherwise hold every exchange (2 to 5 KB each) for as long as the app
runs. Older exchanges are let go of, with the events that carry them; the journal keeps every one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textbots_tui.core.events import Event, ExchangeRecorded

if TYPE_CHECKING:
    from textbots_tui.api.exchange import Exchange

KEPT_EXCHANGES = 500
"""How many HTTP exchanges a session keeps in memory (the latest): about 2 MB at most."""
PRUNE_EVERY = 100
"""How many exchanges are let go of before their events are taken out of the (long) event list."""


def without_dropped(events: Sequence[Event], kept: Sequence[Exchange]) -> list[Event]:
    """``events`` without the ``ExchangeRecorded`` events of exchanges no longer in ``kept``."""
    kept_ids = {id(exchange) for exchange in kept}
    return [
        event for event in events if not isinstance(event, ExchangeRecorded) or id(event.exchange) in kept_ids
    ]
