"""Whether the user may take each of the main screen's actions now, and the actions only the palette offers.

:meth:`KeyState.allows` is the UI's one home of "may the user do this now": the main screen's
``check_action`` asks it, so the footer and the command palette offer the same actions.
For what acts on a session it asks core's rule (``core.availability.session_actions``, carried in
:attr:`KeyState.session_actions`) rather than deciding again. The keys themselves are
:mod:`textbots_tui.ui.bindings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textbots_tui.ui.history_bindings import HISTORY_PALETTE

if TYPE_CHECKING:
    from textbots_tui.core.availability import SessionAction


@dataclass(frozen=True, slots=True)
class PaletteAction:
    """An action offered in the command palette only (there are not keys enough for everything)."""

    action: str
    description: str
    tooltip: str


PALETTE_ONLY: list[PaletteAction] = [
    PaletteAction(
        "replay(True)",
        "Replay against live",
        "Send the selected session's user half again to the current target, as a new session; each step "
        "that differs from the recording gets a note (dates and references that moved do not count)",
    ),
    PaletteAction(
        "save_session('strict_script')",
        "Save as strict script",
        "Write the selected session as a script that pins everything exactly: dates, references, action "
        "numbers, milestones (ctrl+o writes patterns for what moves)",
    ),
    PaletteAction(
        "switch_session",
        "Switch session…",
        "Pick another session by name, from a list of its own (so sessions never crowd out the commands)",
    ),
    PaletteAction(
        "save_session('markdown')",
        "Export as Markdown",
        "Write the selected session as a Markdown transcript (in the current directory)",
    ),
    PaletteAction(
        "app.show('demo')",
        "Play a script as a demo",
        "Play a scenario of a script live: each step typed out, space for the next one",
    ),
    PaletteAction(
        "save_session('html')",
        "Export as HTML",
        "Write the selected session as a web page that looks like the chat, to share or print to PDF "
        "(in the current directory)",
    ),
    PaletteAction(
        "save_session('json')",
        "Export as JSON",
        "Write the selected session's full record as JSON (in the current directory)",
    ),
    *(PaletteAction(*entry) for entry in HISTORY_PALETTE),
]
"""Main screen actions without a key of their own."""


SESSION_ACTIONS: dict[str, SessionAction] = {
    "restart": "restart",
    "show_vars": "show_vars",
    "save_session": "save",
    "replay": "replay",
    "resume": "resume",
    "rename": "rename",
    "close_session": "close",
    "send_event": "send_event",
    "prefill_error": "send_event",
}
"""Main screen actions that act on the shown session, and the core action whose rule decides them."""

NEEDS_SESSION = frozenset(SESSION_ACTIONS)
"""Actions that work on the shown session: without one, the palette says so rather than finding nothing."""


@dataclass(frozen=True, slots=True)
class KeyState:
    """What decides which keys work now; the screen refreshes the footer only when it changes."""

    connected: bool = False
    """The controller is ready (the client is open)."""
    has_error: bool = False
    choices: int = 0
    """How many choices are on offer (numbered on screen)."""
    busy: bool = False
    """A turn is in flight: the choices on screen are not the ones the bot will take."""
    session_actions: frozenset[SessionAction] = frozenset()
    """What core allows with the shown session now (``core.availability.session_actions``)."""
    replaying: bool = False
    """A demo replay runs in the chat pane."""
    input_empty: bool = True
    """Nothing is typed in the input line (the alt+number picks work only then)."""
    history: bool = False
    """The shown session is history from the journal."""

    def allows(self, action: str, parameters: tuple[object, ...] = ()) -> bool:
        """Whether ``action`` would do something now (``check_action`` hides it otherwise)."""
        if action == "replay" and parameters == (True,):  # against the live target: a new session
            return "replay_live" in self.session_actions and self.connected
        if action == "close_session" and self.history:
            return True  # ctrl+w on a history entry says why there is nothing to close
        if action in SESSION_ACTIONS:
            return SESSION_ACTIONS[action] in self.session_actions
        if action == "history":
            return _history_allows(parameters, self.history, self.connected)
        if action in ("new_flow", "new_bot"):
            return True  # the dialog opens before the client is open: its list and the start wait for it
        if action == "stop_replay":
            return self.replaying
        if action == "pick":
            number = parameters[0] if parameters else 0
            picking = 0 < number <= self.choices if isinstance(number, int) else False
            return picking and not self.busy and not self.replaying and self.input_empty
        if action == "last_error":
            # Without an error ctrl+e is the input line's "end", except on an empty line: there it says why.
            return self.has_error or self.input_empty
        return True


def _history_allows(parameters: tuple[object, ...], history_shown: bool, connected: bool) -> bool:
    """Whether the main screen's ``history(what)`` does something now: deleting from the palette needs a past
    session shown; the delete key in the list always answers (for this run's sessions it says why not);
    clearing needs the history read."""
    what = parameters[0] if parameters else None
    if what == "delete":
        return history_shown
    return connected if what == "clear" else True
