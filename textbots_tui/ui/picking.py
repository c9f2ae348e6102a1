"""When typed text picks a choice, and when a pick must be refused: the rules, without Textual.

Digits always type in the input line. A line that is exactly a number 1..N, while N choices are offered and
the bot waits, picks that choice on Enter; so does a line that is a choice's label. Anything else is sent as
text (an order number such as 12345 is an answer, not a pick).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textbots_tui.core.params import SessionState

if TYPE_CHECKING:
    from textbots_tui.core.items import Choice
    from textbots_tui.core.sessions import Session

NO_SESSION = "no session yet: ctrl+n launches a flow, ctrl+b starts a bot"
IN_FLIGHT = "a turn is in flight: the choices on screen are from before it, wait for the bot's answer"
NOT_OFFERED = "that choice is no longer offered: pick one of the current choices"


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


def pick_refusal(session: Session | None, choice: Choice | None, *, busy: bool) -> str | None:
    """Why ``choice`` cannot be picked now (``None`` when it can).

    ``busy`` is the screen's own view: a call may be on its way that the session does not know of yet.
    ``choice`` ``None`` stands for a number that matches no current choice.
    """
    if session is None:
        return NO_SESSION
    if session.read_only:
        return "this session is history reloaded from the journal: ctrl+r starts it again"
    if not session.state.is_open:
        return f"the session is {session.state.value}: ctrl+r restarts it"
    if busy or session.in_flight or session.state is not SessionState.WAITING:
        return IN_FLIGHT
    if choice is None or choice not in session.choices:
        return NOT_OFFERED
    return None
