"""Every key of the main screen, in one place.

Each binding has an id (so ``App.set_keymap`` can remap it), a tooltip and a group; the help screen and the
command palette are built from these, so they stay true after a remap. ctrl+w and ctrl+e are priority
bindings because the input line has keys of its own on them; when their action is unavailable the key falls
through to the input line as usual. Only a handful are shown in the footer
and they carry no group, because the footer folds a group's keys under one label; the help screen lists them
as the main keys. The alt+number keys are the exception: they show, folded under "Pick", only for the
choices on offer while the bot waits. The rest live in the help screen (F1) and the command palette.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding

from textbots_tui.ui.history_bindings import HISTORY_BINDINGS, HISTORY_PALETTE, history_allows
from textbots_tui.ui.show_bindings import SHOW_BINDINGS

if TYPE_CHECKING:
    from textbots_tui.core.availability import SessionAction

SESSION = Binding.Group("Session")
CONVERSATION = Binding.Group("Conversation")
EVENTS = Binding.Group("Synthetic events")
VIEW = Binding.Group("View")
MAIN_GROUP_TITLE = "Main keys"
"""The help screen's title for the footer keys, which have no group."""


PICK = Binding.Group("Pick")
"""The alt+number keys: the footer shows those of the choices on offer together, under one label."""


ESC_DIGIT_KEYS: dict[str, int] = {
    "inverted_exclamation_mark": 1,
    "trade_mark_sign": 2,
    "pound_sign": 3,
    "cent_sign": 4,
    "infinity": 5,
    "section_sign": 6,
    "pilcrow_sign": 7,
    "bullet": 8,
    "ª": 9,
}
"""What alt+1 .. alt+9 arrive as in most terminals, by Textual key name, and the number each stands for.

tmux, screen and xterm-style terminals (GNOME Terminal, Konsole, Windows Terminal, iTerm2 in Esc+ mode) send
alt+digit as ESC then the digit, which Textual reads as the macOS Option+digit characters ``¡ ™ £ ¢ ∞ § ¶ •
ª`` (and macOS terminals without "Option as Meta" send those characters themselves). While choices are on
offer and the input line is empty, those keys pick; otherwise they type as usual.
"""


def _pick_bindings() -> list[Binding]:
    """alt+1 .. alt+9 pick the offered choices while the input line is empty, whichever way the terminal
    sends them.

    Plain digits always type (an order number is an answer too): in the input line a choice is picked by
    Enter on its number or its label, and plain 1-9 pick only while the chat pane has the focus. With text in
    the input line the alt keys do not pick (and are not shown): in most terminals they would type a symbol.
    """
    tooltip = (
        "Pick the offered choice with that number while the input line is empty (with text in it, "
        "its number or label and Enter pick)"
    )
    picks = [
        Binding(f"alt+{n}", f"pick({n})", f"Pick choice {n}", id=f"pick-{n}", tooltip=tooltip, group=PICK)
        for n in range(1, 10)
    ]
    # The same picks as the terminal really sends them; system bindings: neither footer nor help lists them.
    aliases = [
        Binding(key, f"pick({n})", f"Pick choice {n}", show=False, id=f"pick-{n}-esc", system=True)
        for key, n in ESC_DIGIT_KEYS.items()
    ]
    return picks + aliases


MAIN_BINDINGS: list[Binding] = [
    Binding("ctrl+n", "new_flow", "New flow", id="new-flow", tooltip="Launch a new bot flow session"),
    Binding("ctrl+b", "new_bot", "New bot", id="new-bot", tooltip="Start a session with a bot integration"),
    Binding(
        "ctrl+r",
        "restart",
        "Restart",
        id="restart",
        tooltip="Start the selected session again with the same parameters",
    ),
    Binding(
        "ctrl+w",
        "close_session",
        "Close",
        show=False,
        id="close",
        tooltip="Close the selected session",
        priority=True,
        group=SESSION,
    ),
    Binding(
        "f2",
        "rename",
        "Rename",
        show=False,
        id="rename",
        tooltip="Rename the selected session",
        group=SESSION,
    ),
    Binding(
        "ctrl+s",
        "focus_sessions",
        "Sessions",
        show=False,
        id="focus-sessions",
        tooltip="Move the focus to the session list",
        group=SESSION,
    ),
    Binding(
        "ctrl+l",
        "focus_input",
        "Input",
        show=False,
        id="focus-input",
        tooltip="Move the focus to the input line",
        group=CONVERSATION,
    ),
    *_pick_bindings(),
    Binding(
        "f4",
        "show_vars",
        "Variables",
        show=False,
        id="vars",
        tooltip="Show the launch variables and, after exit, the output variables (/vars)",
        group=CONVERSATION,
    ),
    Binding(
        "ctrl+e",
        "last_error",
        "Last error",
        show=False,
        id="last-error",
        tooltip="Show the details of the last error: status, code, message, correlation id, body",
        priority=True,
        group=CONVERSATION,
    ),
    Binding(
        "ctrl+t",
        "toggle_auto_noinput",
        "Auto NoInput",
        show=False,
        id="auto-noinput",
        tooltip="Send NoInput automatically when the no-input countdown reaches zero",
        group=CONVERSATION,
    ),
    Binding(
        "f5",
        "send_event('NoInput')",
        "NoInput",
        show=False,
        id="noinput",
        tooltip="Send a NoInput turn (/noinput)",
        group=EVENTS,
    ),
    Binding(
        "f6",
        "send_event('NoMatch')",
        "NoMatch",
        show=False,
        id="nomatch",
        tooltip="Send a NoMatch turn (/nomatch)",
        group=EVENTS,
    ),
    Binding(
        "f7",
        "prefill_error",
        "Error…",
        show=False,
        id="error-event",
        tooltip="Type an Error turn: /error CODE MESSAGE",
        group=EVENTS,
    ),
    Binding(
        "f8",
        "send_event('UserDisconnect')",
        "Disconnect",
        show=False,
        id="disconnect",
        tooltip="Send UserDisconnect: the user leaves (/disconnect)",
        group=EVENTS,
    ),
    Binding(
        "f9",
        "send_event('ClientSessionExpired')",
        "Expire",
        show=False,
        id="expire",
        tooltip="Send ClientSessionExpired: the client's session timed out (/expire)",
        group=EVENTS,
    ),
    Binding(
        "f3",
        "toggle_inspector",
        "Inspector",
        id="inspector",
        tooltip="Show or hide the HTTP exchanges of the selected session",
    ),
    Binding("f1", "help", "Help", id="help", tooltip="List every key"),
    Binding(
        "escape",
        "stop_replay",
        "Stop replay",
        id="stop-replay",
        tooltip="Stop the replay and show the whole conversation again",
    ),
    Binding(
        "ctrl+o",
        "save_session('script')",
        "Save session as script",
        show=False,
        id="save-script",
        tooltip="Write the selected session as a script that replays it (YAML, in the current directory); "
        "dates and generated references become patterns",
        group=SESSION,
    ),
    Binding(
        "alt+r",
        "replay",
        "Replay session",
        show=False,
        id="replay",
        tooltip="Play the selected session again in the chat at human speed, for a demo (esc stops)",
        group=SESSION,
    ),
    Binding(
        "ctrl+g",
        "resume",
        "Resume the bot",
        show=False,
        id="resume",
        tooltip="Get the rest of what the flow was saying when a request failed (Enter on an empty line too)",
        group=CONVERSATION,
    ),
    Binding(
        "alt+s",
        "layout('sidebar')",
        "Sidebar",
        show=False,
        id="toggle-sidebar",
        tooltip="Hide or show the session list (it hides by itself below 100 columns)",
        group=VIEW,
    ),
    Binding(
        "alt+w",
        "layout('inspector')",
        "Widen inspector",
        show=False,
        id="widen-inspector",
        tooltip="Make the inspector wider, then the whole width, then normal again (opens it if closed)",
        group=VIEW,
    ),
    Binding(
        "alt+t",
        "toggle_chat('show_timestamps')",
        "Timestamps",
        show=False,
        id="timestamps",
        tooltip="Show or hide the time of each message",
        group=VIEW,
    ),
    Binding(
        "alt+l",
        "toggle_chat('show_latency')",
        "Latency",
        show=False,
        id="latency",
        tooltip="Show or hide how long each bot reply took",
        group=VIEW,
    ),
    *SHOW_BINDINGS,
    *HISTORY_BINDINGS,
]
"""The main screen's bindings."""


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
            return history_allows(parameters, self.history, self.connected)
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
