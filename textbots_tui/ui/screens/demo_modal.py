"""The dialog behind "Play a script as a demo": which script file, and which of its scenarios."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from textbots_tui.ui.demo_player import DemoRequest


class DemoModal(ModalScreen[DemoRequest | None]):
    """Asks for a script and a scenario; dismisses with a :class:`DemoRequest`, or ``None`` when cancelled.

    A script that does not load is said inline (file, line, what is wrong), and nothing starts.
    """

    CSS_PATH = "demo_modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="demo-cancel", tooltip="Play nothing")]

    def compose(self) -> ComposeResult:
        """The script path, the scenario name, auto-advance, and the buttons."""
        with Vertical(id="demo-dialog"):
            yield Label("Play a script as a demo", id="demo-title")
            yield Input(placeholder="script file, e.g. examples/order-status.yaml", id="demo-script")
            yield Input(placeholder="scenario name (default: the first)", id="demo-scenario")
            yield Checkbox("Advance by itself", id="demo-auto", compact=True)
            yield Static(id="demo-problem", markup=False)
            with Horizontal(id="demo-buttons"):
                yield Button("Play", variant="primary", id="demo-play")
                yield Button("Cancel", id="demo-cancel-button")

    @on(Input.Submitted)
    @on(Button.Pressed, "#demo-play")
    def _play(self) -> None:
        from textbots_tui.core.demo import choose_scenario

        path = self.query_one("#demo-script", Input).value.strip()
        name = self.query_one("#demo-scenario", Input).value.strip() or None
        problem = self.query_one("#demo-problem", Static)
        if not path:
            problem.update(Content("Give a script file."))
            return
        try:
            loaded = choose_scenario(Path(path).expanduser(), name)
        except ValueError as exc:
            problem.update(Content(str(exc)))
            return
        self.dismiss(DemoRequest(loaded, auto=self.query_one("#demo-auto", Checkbox).value))

    @on(Button.Pressed, "#demo-cancel-button")
    def action_cancel(self) -> None:
        """Close without playing anything."""
        self.dismiss(None)
