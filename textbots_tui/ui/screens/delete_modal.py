"""Ask before deleting past sessions (one, or a whole target's history): their journal files go for good."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class DeleteModal(ModalScreen[bool]):
    """Says what would be deleted and what is kept. Dismisses with ``True`` to delete; Escape, "Keep" (the
    focused button, so Enter keeps) and a click outside keep everything."""

    DEFAULT_CSS = """
    DeleteModal { align: center middle; }
    #delete-dialog {
        width: 76; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $error 60%; background: $surface;
    }
    #delete-title { text-style: bold; margin-bottom: 1; }
    #delete-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    #delete-buttons Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "keep", "Keep", id="delete-keep", tooltip="Delete nothing")]

    def __init__(self, title: str, text: str, *, delete_label: str = "Delete") -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        """What goes and what stays; session names and targets in it are shown literally."""
        self.delete_label = delete_label

    def compose(self) -> ComposeResult:
        """Title, what goes and what stays, and the two answers."""
        with Vertical(id="delete-dialog"):
            yield Label(self.title_text, id="delete-title", markup=False)
            yield Static(self.text, id="delete-text", markup=False)
            with Horizontal(id="delete-buttons"):
                yield Button("Keep", variant="primary", id="delete-keep")
                yield Button(self.delete_label, variant="error", id="delete-confirm")

    def on_mount(self) -> None:
        """Focus "Keep": Enter never deletes by accident."""
        self.query_one("#delete-keep", Button).focus()

    @on(Button.Pressed, "#delete-confirm")
    def _delete(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#delete-keep")
    def action_keep(self) -> None:
        """Close, deleting nothing."""
        self.dismiss(False)
