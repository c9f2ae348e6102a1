"""Ask before leaving a live flow session open on the org: send ``UserDisconnect``, just close, or stay."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

DisconnectAnswer = Literal["send", "keep"]
"""``send``: send ``UserDisconnect`` first; ``keep``: go without telling the org."""


class DisconnectModal(ModalScreen[DisconnectAnswer | None]):
    """Closing (or quitting) leaves flow sessions open on the org until they expire, which skews the flow's
    analytics and outcomes: offer to send ``UserDisconnect``. Dismisses with the answer, ``None`` to stay."""

    DEFAULT_CSS = """
    DisconnectModal { align: center middle; }
    #disconnect-dialog {
        width: 76; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary 60%; background: $surface;
    }
    #disconnect-title { text-style: bold; margin-bottom: 1; }
    #disconnect-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    #disconnect-buttons Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "stay", "Cancel", id="disconnect-cancel", tooltip="Close nothing")]

    def __init__(self, title: str, text: str, *, send_label: str, keep_label: str, default: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.send_label = send_label
        self.keep_label = keep_label
        self.default = default
        """Which button has the focus (``send`` or ``keep``), from the disconnect-on-close setting."""

    def compose(self) -> ComposeResult:
        """Title, explanation and three buttons."""
        with Vertical(id="disconnect-dialog"):
            yield Label(self.title_text, id="disconnect-title", markup=False)
            yield Static(self.text, markup=False)
            with Horizontal(id="disconnect-buttons"):
                yield Button(self.send_label, variant="primary", id="disconnect-send")
                yield Button(self.keep_label, id="disconnect-keep")
                yield Button("Cancel", id="disconnect-stay")

    def on_mount(self) -> None:
        """Focus the default answer: Enter takes it."""
        self.query_one("#disconnect-keep" if self.default == "keep" else "#disconnect-send", Button).focus()

    @on(Button.Pressed, "#disconnect-send")
    def _send(self) -> None:
        self.dismiss("send")

    @on(Button.Pressed, "#disconnect-keep")
    def _keep(self) -> None:
        self.dismiss("keep")

    @on(Button.Pressed, "#disconnect-stay")
    def action_stay(self) -> None:
        """Close nothing."""
        self.dismiss(None)
