"""When typed text picks a choice, and how the TUI words core's refusals; without Textual.

Whether the user may send or pick now is core's rule (:mod:`textbots_tui.core.availability`); this module
only adds the keys to its remedies. Digits always type in the input line. A line that is exactly a number
1..N, while N choices are offered and the bot waits, picks that choice on Enter; so does a line that is a
choice's label. Anything else is sent as text (an order number such as 12345 is an answer, not a pick).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textbots_tui.core.availability import Refusal, Remedy, input_refusal

if TYPE_CHECKING:
    from textbots_tui.core.items import Choice
    from textbots_tui.core.sessions import Session

REMEDY_KEYS: dict[Remedy, str] = {
    "start": "ctrl+n launches a flow, ctrl+b starts a bot",
    "restart": "ctrl+r restarts it, /vars shows its variables",
    "start_again": "ctrl+r starts it again",
    "wait": "the choices on screen are from before it, wait for the bot's answer",
    "choose": "pick one of the current choices",
}
"""Core's remedies as the TUI says them: with the keys that do it."""


def refusal_text(refusal: Refusal) -> str:
    """A refusal as the input line says it: core's reason, then the keys that would make it possible."""
    return f"{refusal.reason}: {REMEDY_KEYS[refusal.remedy]}"


def unavailable_text(session: Session | None) -> str:
    """Why ``session`` takes no input now, as the input line's placeholder (empty when it does, or when only a
    turn in flight stands in the way: the busy placeholder says that)."""
    refusal = input_refusal(session)
    if refusal is None or refusal.remedy == "wait":
        return ""
    text = refusal_text(refusal)
    return text[:1].upper() + text[1:]


def typed_choice(text: str, offered: Sequence[Choice], numbered: Sequence[Choice]) -> Choice | None:
    """The choice ``text`` names, if any: an offered label (any letter case), else a number shown on screen.

    ``offered`` are the choices the session takes now, ``numbered`` those numbered 1..N on screen.
    """
    wanted = text.strip()
    key = wanted.casefold()
    by_label = next((choice for choice in offered if choice.label.strip().casefold() == key), None)
    if by_label is not None:
        return by_label
    if wanted.isascii() and wanted.isdigit() and not wanted.startswith("0"):
        number = int(wanted)
        if number <= len(numbered):
            return numbered[number - 1]
    return None
