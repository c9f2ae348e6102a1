"""What the user sent, read back for sending again: one home for saving a script, ``run`` and ``replay``.

- :func:`sent_event` tells a synthetic event (``NoInput``, ``Error`` with its code and message...) from text;
- :func:`choice_pattern` and :func:`pick_like` name a choice whose label moves from day to day (a date slot)
  by a ``like`` pattern and its position among the offered choices alike, and find it again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import UserInputSent
from textbots_tui.core.items import Choice
from textbots_tui.core.placeholders import generalise, like_matches

EVENT_TYPES = frozenset(("NoInput", "NoMatch", "Error", "UserDisconnect", "ClientSessionExpired"))
"""The synthetic events a user side can send instead of text."""


def sent_event(sent: UserInputSent) -> tuple[str, str | None, str | None] | None:
    """``(type, code, message)`` when ``sent`` was a synthetic event, else ``None`` (text or a choice)."""
    if sent.input_type == "Error":
        # The controller shows an Error event as "Error <code>: <message>".
        match = re.fullmatch(r"Error (\S+): (.*)", sent.text, flags=re.DOTALL)
        if match:
            return "Error", match[1], match[2]
    if sent.input_type in EVENT_TYPES:
        return sent.input_type, None, None
    return None


def choice_pattern(label: str, offered: Sequence[str]) -> tuple[str, int] | None:
    """``(pattern, nth)`` naming the offered ``label`` when it holds something that moves (a date): the
    ``like`` pattern, and the label's place (from 1) among the offered labels alike. ``None`` otherwise."""
    pattern = generalise(label)
    if pattern is None or label not in offered:
        return None
    alike = [other for other in offered if like_matches(pattern, other)]
    return pattern, alike.index(label) + 1


def pick_like(offered: Sequence[Choice], pattern: str, nth: int = 1) -> Choice:
    """The ``nth`` offered choice whose label is like ``pattern``; :class:`InputRefused` saying what is
    offered when there are fewer."""
    alike = [choice for choice in offered if like_matches(pattern, choice.label)]
    if len(alike) < nth:
        labels = ", ".join(choice.label for choice in offered) or "nothing"
        found = f"{len(alike)} offered choice{'s' if len(alike) != 1 else ''}"
        raise InputRefused(f"{found} like {pattern!r}, wanted number {nth}; offered: {labels}")
    return alike[nth - 1]


__all__ = ["EVENT_TYPES", "choice_pattern", "pick_like", "sent_event"]
