"""What a session offers the user to choose, and which offered choice a typed label or payload names.

:class:`~textbots_tui.core.sessions.Session` keeps what is offered (``choices``, ``links``) and asks here how
more choices join them and which one a ``choose`` or a script step means; what each bot item offers is
:mod:`textbots_tui.core.choices`'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from textbots_tui.core.errors import InputRefused
from textbots_tui.core.items import CardAction, Choice


def unique_choices(offered: tuple[Choice, ...], more: Iterable[Choice]) -> tuple[Choice, ...]:
    """``offered`` followed by the choices of ``more`` not already in it (same label, payload and kind)."""
    seen = {(choice.label, choice.payload, choice.kind) for choice in offered}
    added = []
    for choice in more:
        key = (choice.label, choice.payload, choice.kind)
        if key not in seen:
            seen.add(key)
            added.append(choice)
    return offered + tuple(added) if added else offered


def find_choice(wanted: str, choices: tuple[Choice, ...], links: tuple[CardAction, ...]) -> Choice:
    """The choice of ``choices`` that ``wanted`` names: by label (any letter case), else by payload.

    Raises :class:`InputRefused` when nothing or several different choices match, or when ``wanted`` names
    one of ``links`` (a link is opened, not sent).
    """
    key = wanted.strip().casefold()
    for matches in (
        [choice for choice in choices if choice.label.strip().casefold() == key],
        [choice for choice in choices if choice.payload == wanted],
        [choice for choice in choices if choice.payload.strip().casefold() == key],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            described = ", ".join(f"{c.group}: {c.label}" if c.group else c.label for c in matches)
            payloads = ", ".join(c.payload for c in matches)
            raise InputRefused(
                f"{wanted!r} matches several choices ({described}): choose by payload ({payloads})"
            )
    for link in links:
        if link.label.strip().casefold() == key:
            raise InputRefused(
                f"{link.label!r} is a link to {link.url}: open it, links are not sent to the bot"
            )
    if not choices:
        raise InputRefused(f"nothing is offered to choose from: send {wanted!r} as text instead")
    offered = ", ".join(choice.label for choice in choices)
    raise InputRefused(f"no offered choice matches {wanted!r}; offered: {offered}")
