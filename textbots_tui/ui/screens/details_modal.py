"""The one base for dialogs that show a list of fields and a read-only JSON body (errors, variables)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from textbots_tui.ui.clipboard import copy_text, save_text
from textbots_tui.ui.widgets.json_view import JsonView


class DetailsModal(ModalScreen[None]):
    """A titled list of fields, an optional hint and an optional body shown read-only (copyable)."""

    CSS_PATH = str(Path(__file__).with_name("details_modal.tcss"))
    """Absolute, so that dialogs built on this one in other modules find it."""
    BINDINGS = [
        Binding("escape", "close", "Close", id="details-close", tooltip="Back to the conversation"),
        Binding("c", "copy_body", "Copy", id="details-copy", tooltip="Copy the body to the clipboard"),
    ]

    def __init__(
        self,
        title: str,
        fields: list[tuple[str, str]],
        *,
        body: str | None = None,
        hint: str | None = None,
        error: bool = False,
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        super().__init__(classes="-error" if error else "")
        self.title_text = title
        self.fields = fields
        self.body = body
        self.hint = hint
        self.action = action
        """A button's label and what it does (after closing the dialog)."""

    def compose(self) -> ComposeResult:
        """Title, fields, hint, body and buttons."""
        with Vertical(id="details-dialog"):
            yield Static(Content(self.title_text), id="details-title")
            yield Static(self._render_fields(), id="details-fields", markup=False)
            if self.hint:
                yield Static(Content(self.hint), id="details-hint")
            if self.body:
                yield JsonView(self.body, id="details-body")
            with Horizontal(id="details-buttons"):
                if self.body:
                    yield Button("Copy", id="details-copy")
                    yield Button("Save…", id="details-save")
                if self.action is not None:
                    yield Button(self.action[0], variant="warning", id="details-action")
                yield Button("Close", variant="primary", id="details-close")

    def on_mount(self) -> None:
        """Focus the close button so Enter closes."""
        self.query_one("#details-close", Button).focus()

    def _render_fields(self) -> Content:
        width = max((len(name) for name, _ in self.fields), default=0) + 2
        return Content("\n").join(
            Content.assemble((name.ljust(width), "bold $foreground-muted"), value)
            for name, value in self.fields
        )

    @on(Button.Pressed, "#details-close")
    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)

    @on(Button.Pressed, "#details-action")
    def _act(self) -> None:
        if self.action is not None:
            # After this dialog is gone: the action may open a dialog of its own.
            self.app.call_after_refresh(self.action[1])
        self.dismiss(None)

    @on(Button.Pressed, "#details-copy")
    def action_copy_body(self) -> None:
        """Copy the body, so it can be pasted into a bug report."""
        if self.body:
            copy_text(self, self.body, "The details")

    @on(Button.Pressed, "#details-save")
    def action_save_body(self) -> None:
        """Save the body to a file (for when the clipboard does not arrive)."""
        if self.body:
            save_text(self, self.body, "Save the details", Path.cwd() / "error-details.json")
