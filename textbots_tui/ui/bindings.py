"""Every key of the main screen, in one place.

Each binding has an id (so ``App.set_keymap`` can remap it), a tooltip and a group; the help screen and the
command palette are built from these, so they stay true after a remap. ctrl+w and ctrl+e are priority
bindings because the input line has keys of its own on them; when their action is unavailable the key falls
through to the input line as usual. Only a handful are shown in the footer
and they carry no group, because the footer folds a group's keys under one label; the help screen lists them
as the main keys. The alt+number keys are the exception: they show, folded under "Pick", only for the
choices on offer while the bot waits. The rest live in the help screen (F1) and the command palette.

Which of these keys work now, and the actions only the palette offers, are :mod:`textbots_tui.ui.actions`.
"""

from __future__ import annotations

from textual.binding import Binding

from textbots_tui.ui.history_bindings import HISTORY_BINDINGS
from textbots_tui.ui.show_bindings import SHOW_BINDINGS

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
