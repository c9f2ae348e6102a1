"""The keys of the show controls (presenter mode, the typing indicator, scripted demos, a replay's pause,
step and speed), part of the main screen's bindings. Their actions are the app's ``show(control)``: see
:mod:`textbots_tui.ui.show_controls`."""

from __future__ import annotations

from textual.binding import Binding

SHOW_BINDINGS: list[Binding] = [
    Binding(
        "escape",
        "app.show('skip')",
        "Show now",
        id="skip-typing",
        tooltip="Show the bot's message now, without the typing indicator (presenter mode)",
    ),
    Binding(
        "space",
        "app.show('next')",
        "Next step",
        id="demo-next",
        priority=True,
        tooltip="Play the demo's next step",
    ),
    Binding(
        "enter",
        "app.show('next_step')",
        "Next step",
        show=False,
        id="demo-next-enter",
        priority=True,
        tooltip="Play the demo's next step (on an empty input line)",
    ),
    Binding(
        "escape", "app.show('stop_demo')", "Stop demo", id="demo-stop", tooltip="Stop the demo: go on by hand"
    ),
    Binding(
        "right",
        "app.show('replay_step')",
        "Step",
        id="replay-step",
        priority=True,
        tooltip="Replay: the next turn",
    ),
    Binding(
        "up",
        "app.show('replay_faster')",
        "Faster",
        id="replay-faster",
        priority=True,
        tooltip="Replay faster",
    ),
    Binding(
        "down",
        "app.show('replay_slower')",
        "Slower",
        id="replay-slower",
        priority=True,
        tooltip="Replay slower",
    ),
    Binding(
        "alt+p",
        "app.show('present')",
        "Presenter mode",
        show=False,
        id="present",
        tooltip="Show the chat as an audience should see it (projector theme, no technical details)",
    ),
]
"""Appended to the main screen's bindings (after its own esc: a replay is stopped before anything else)."""
