"""A small dialog to rename a session."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class RenameModal(ModalScreen[str | None]):
    """Asks for a new session name: dismisses with the trimmed name, ``None`` when cancelled or unchanged."""

    CSS_PATH = "rename_modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="rename-cancel", tooltip="Keep the current name")]

    def __init__(self, current_name: str) -> None:
        super().__init__()
        self.current_name = current_name

    def compose(self) -> ComposeResult:
        """A label, the name input and two buttons."""
        with Vertical(id="rename-dialog"):
            yield Label("Rename session", id="rename-title")
            yield Input(value=self.current_name, id="rename-input", select_on_focus=True)
            with Horizontal(id="rename-buttons"):
                yield Button("Rename", variant="primary", id="rename-ok")
                yield Button("Cancel", id="rename-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#rename-ok")
    def _confirm(self) -> None:
        name = self.query_one("#rename-input", Input).value.strip()
        self.dismiss(name if name and name != self.current_name else None)

    @on(Button.Pressed, "#rename-cancel")
    def action_cancel(self) -> None:
        """Close without renaming."""
        self.dismiss(None)
