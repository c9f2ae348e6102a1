"""Where to save: a path, prefilled with a fresh name, and for a script the scenario's name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


@dataclass(frozen=True, slots=True)
class SaveChoice:
    """What the user chose: the file, and the scenario name (``None`` where none is asked)."""

    path: Path
    scenario_name: str | None = None


class SaveModal(ModalScreen[SaveChoice | None]):
    """Asks for the file to write (and a scenario name for a script); ``None`` when cancelled.

    An existing file is not overwritten: the dialog says so and stays open.
    """

    CSS_PATH = "save_modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-cancel", tooltip="Save nothing")]

    def __init__(self, title: str, path: Path, *, scenario_name: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.path = path
        self.scenario_name = scenario_name

    def compose(self) -> ComposeResult:
        """Title, path (and scenario name), an error line and two buttons."""
        with Vertical(id="save-dialog"):
            yield Label(Content(self.title_text), id="save-title")
            yield Label("File", classes="save-label")
            yield Input(value=str(self.path), id="save-path")
            if self.scenario_name is not None:
                yield Label("Scenario name", classes="save-label")
                yield Input(value=self.scenario_name, id="save-name")
            yield Static(id="save-error", markup=False)
            with Horizontal(id="save-buttons"):
                yield Button("Save", variant="primary", id="save-ok")
                yield Button("Cancel", id="save-cancel")

    def on_mount(self) -> None:
        """Focus the path with the cursor at its end (the name is what is usually changed)."""
        path = self.query_one("#save-path", Input)
        path.focus()
        path.cursor_position = len(path.value)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save-ok")
    def _confirm(self) -> None:
        text = self.query_one("#save-path", Input).value.strip()
        error = self.query_one("#save-error", Static)
        if not text:
            error.update("Give a file name.")
            return
        path = Path(text).expanduser()
        if path.exists():
            error.update(f"{path} exists: choose another name (nothing is overwritten).")
            return
        name = None
        if self.scenario_name is not None:
            name = self.query_one("#save-name", Input).value.strip() or self.scenario_name
        self.dismiss(SaveChoice(path, name))

    @on(Button.Pressed, "#save-cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
