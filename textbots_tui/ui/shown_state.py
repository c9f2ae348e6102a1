"""What the input line, the header and the keys show for the shown session, worked out without Textual."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textbots_tui.ui.actions import KeyState
from textbots_tui.ui.picking import unavailable_text

if TYPE_CHECKING:
    from textbots_tui.core.sessions import Session


@dataclass(frozen=True, slots=True)
class ShownState:
    """The input line's state, the header's session summary and the keys that work now."""

    busy: bool
    """A turn is in flight (or the session is launching or talking): Enter keeps the text."""
    unavailable: str
    """Why nothing can be sent now; empty when input can go."""
    resumable: bool
    """The bot was cut off mid-way: Enter on an empty line resumes it."""
    summary: str
    """Name, kind and state of the session, for the header; empty without one."""
    keys: KeyState


def shown_state(
    session: Session | None,
    *,
    connected: bool,
    has_error: bool,
    choices: int,
    replaying: bool,
    input_empty: bool = True,
    current_target: dict[str, str] | None = None,
) -> ShownState:
    """The state for ``session`` (``None``: none shown) with ``choices`` numbered choices on screen.

    A history session of another target than ``current_target`` says whose it is, in the header and in the
    input line (ctrl+r does not start it here: :func:`textbots_tui.core.targets.target_refusal`).

    What may be done with the session, and why nothing can be sent, are core's rules
    (:mod:`textbots_tui.core.availability`); this only gathers them for the widgets.
    """
    from textbots_tui.core.availability import session_actions
    from textbots_tui.core.params import SessionState
    from textbots_tui.core.targets import target_label, target_refusal

    keys = KeyState(
        connected=connected,
        has_error=has_error,
        choices=choices,
        replaying=replaying,
        input_empty=input_empty,
    )
    if session is None:
        return ShownState(False, unavailable_text(None), False, "", keys)
    talking = session.state in (SessionState.LAUNCHING, SessionState.TALKING)
    busy = session.in_flight or talking
    state = session.state.value + (f": {session.end_reason}" if session.end_reason else "")
    summary, unavailable = f"{session.name} · {session.kind} · {state}", unavailable_text(session)
    elsewhere = target_refusal(session.org_target, current_target) if session.read_only else None
    if elsewhere is not None:
        summary += f" · {target_label(session.org_target)}"
        unavailable = f"Read-only history: {elsewhere}"
    return ShownState(
        busy=busy,
        unavailable=unavailable,
        resumable=session.pending_noop and session.state is SessionState.WAITING,
        summary=summary,
        keys=KeyState(
            connected=connected,
            has_error=has_error,
            choices=choices,
            replaying=replaying,
            busy=busy,
            session_actions=session_actions(session, busy=busy),
            input_empty=input_empty,
            history=session.read_only,
        ),
    )
