"""How a retry the client is about to make reads for people: why, and the wait rounded (``12 s``).

One home for the sentence the chat's notice and the runner's progress line say, and for the rounding the
inspector's summary uses too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textbots_tui.api.exchange import Exchange


def seconds_for_people(seconds: float) -> str:
    """A wait as people say it: ``0.5 s`` (tenths under ten seconds, never ``0 s`` for a real wait),
    ``12 s`` (whole seconds from ten on). Retry delays come with jitter, such as 0.45289."""
    if seconds <= 0:
        return "0 s"
    if seconds < 9.95:
        return f"{max(round(seconds, 1), 0.1):g} s"
    return f"{round(seconds)} s"


def retry_notice(exchange: Exchange) -> str | None:
    """``rate limited, retrying in 12 s`` (or ``request failed (503), ...``) for an attempt the client is
    about to retry; ``None`` for one it is not."""
    if exchange.retry_after_s is None:
        return None
    if exchange.status == 429:
        why = "rate limited"
    else:
        why = f"request failed ({exchange.status or exchange.error or 'no response'})"
    return f"{why}, retrying in {seconds_for_people(exchange.retry_after_s)}"
