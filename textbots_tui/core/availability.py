"""May the user do this with a session now? The one home of those rules and of the words that say why not.

The controller asks before it sends (:meth:`Session.check_can_send <textbots_tui.core.sessions.Session>`),
the TUI asks to word a refusal, to fill the input line's placeholder and to show only the keys that work.
A :class:`Refusal` says why not (``reason``) and what would make it possible (``remedy``); the TUI words the
remedy with the keys the user has mapped, the headless runner with :data:`REMEDY_TEXT`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from textbots_tui.core.params import SessionKind, SessionState

if TYPE_CHECKING:
    from textbots_tui.core.items import Choice

Remedy = Literal["start", "restart", "start_again", "wait", "choose"]
"""What would make a refused action possible: start a session, restart a closed one, start a history
session again, wait for the bot's answer, pick one of the current choices."""

REMEDY_TEXT: dict[Remedy, str] = {
    "start": "launch a flow or start a bot",
    "restart": "restart it to talk again",
    "start_again": "restart it to talk again",
    "wait": "wait for the bot's answer",
    "choose": "pick one of the current choices",
}
"""Remedies in words without keys (the runner, the controller's ``InputRefused``)."""

SessionAction = Literal[
    "restart", "show_vars", "save", "replay", "replay_live", "resume", "rename", "close", "send_event"
]
"""What a user may do with a whole session (besides sending input, see :func:`input_refusal`)."""


class Session(Protocol):
    """What these rules read of a :class:`textbots_tui.core.sessions.Session` (which asks them in turn)."""

    @property
    def kind(self) -> SessionKind:
        """``flow`` or ``bot``."""

    @property
    def state(self) -> SessionState:
        """Where the session is in its life."""

    @property
    def read_only(self) -> bool:
        """History reloaded from the journal."""

    @property
    def in_flight(self) -> bool:
        """A turn is on its way."""

    @property
    def end_reason(self) -> str | None:
        """The exit or disconnect reason, once the flow ended."""

    @property
    def choices(self) -> tuple[Choice, ...]:
        """What the session offers now."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why something cannot be done with a session now, and what would make it possible."""

    reason: str
    """Lower-case, no full stop: ``the session is exited (TriggeredByFlow)``."""
    remedy: Remedy

    def __str__(self) -> str:
        return f"{self.reason}: {REMEDY_TEXT[self.remedy]}"


NO_SESSION = Refusal("no session", "start")
"""Nothing can be done before there is a session."""


def input_refusal(session: Session | None, *, busy: bool = False) -> Refusal | None:
    """Why input cannot go to ``session`` now (``None`` when it can).

    ``busy`` is the caller's own view of a call on its way that the session may not know of yet.
    """
    if session is None:
        return NO_SESSION
    if session.read_only:
        return Refusal("this session is read-only history from the journal", "start_again")
    if not session.state.is_open:
        ended = f" ({session.end_reason})" if session.end_reason else ""
        return Refusal(f"the session is {session.state.value}{ended}", "restart")
    if busy or session.in_flight:
        return Refusal("a turn is in flight", "wait")
    return None


def pick_refusal(session: Session | None, choice: Choice | None, *, busy: bool = False) -> Refusal | None:
    """Why ``choice`` cannot be picked now (``None`` when it can); ``None`` stands for a number that matches
    no current choice. The choices on screen are from before a turn in flight, so nothing is picked then."""
    refusal = input_refusal(session, busy=busy)
    if refusal is not None:
        return refusal
    assert session is not None
    if session.state is not SessionState.WAITING:
        return Refusal("a turn is in flight", "wait")
    if choice is None or choice not in session.choices:
        return Refusal("that choice is no longer offered", "choose")
    return None


def session_actions(session: Session | None, *, busy: bool = False) -> frozenset[SessionAction]:
    """What the user may do with ``session`` now (``busy``: a call is on its way)."""
    if session is None:
        return frozenset()
    allowed: set[SessionAction] = {"restart", "show_vars", "save", "replay_live"}
    if not busy:
        allowed.add("replay")
    if not session.read_only:
        allowed.add("rename")
        if session.state.is_open:
            allowed.add("close")
            if session.kind == "flow":
                allowed.add("send_event")
                if not busy:
                    allowed.add("resume")
    return frozenset(allowed)
