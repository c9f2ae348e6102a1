"""Details dialogs: the one base for "show these fields and this JSON", and the error details built on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from textbots_tui.ui.widgets.json_view import JsonView, pretty_json

if TYPE_CHECKING:
    from textbots_tui.core.sessions import Session


class DetailsModal(ModalScreen[None]):
    """A titled list of fields, an optional hint and an optional body shown read-only (copyable)."""

    CSS_PATH = "error_modal.tcss"
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
    ) -> None:
        super().__init__(classes="-error" if error else "")
        self.title_text = title
        self.fields = fields
        self.body = body
        self.hint = hint

    def compose(self) -> ComposeResult:
        """Title, fields, hint, body and buttons."""
        with Vertical(id="details-dialog"):
            yield Static(Content(self.title_text), id="details-title")
            yield Static(self._render_fields(), id="details-fields")
            if self.hint:
                yield Static(Content(self.hint), id="details-hint")
            if self.body:
                yield JsonView(self.body, id="details-body")
            with Horizontal(id="details-buttons"):
                if self.body:
                    yield Button("Copy", id="details-copy")
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

    @on(Button.Pressed, "#details-copy")
    def action_copy_body(self) -> None:
        """Copy the body, so it can be pasted into a bug report."""
        if self.body:
            self.app.copy_to_clipboard(self.body)
            self.notify("Copied to the clipboard")


class ErrorModal(DetailsModal):
    """Everything known about a failure: status, code, message, correlation id, hint and the response body."""

    def __init__(self, error: BaseException) -> None:
        title, fields, body, hint = describe_error(error)
        super().__init__(title, fields, body=body, hint=hint, error=True)
        self.error = error


class VariablesModal(DetailsModal):
    """A session's launch variables and, once the flow has exited, its output variables."""

    def __init__(self, session: Session) -> None:
        from textbots_tui.core.params import FlowLaunchParams

        params = session.params
        launch = params.input_variables if isinstance(params, FlowLaunchParams) else {}
        body: dict[str, object] = {"inputVariables": launch}
        fields = [("session", session.name), ("launch variables", str(len(launch)))]
        ended = session.ended
        if ended is not None:
            body["outputVariables"] = ended.output_variables
            fields.append(("ended", f"{ended.how}: {ended.reason}"))
            fields.append(("output variables", str(len(ended.output_variables))))
        else:
            fields.append(("output variables", "(known once the flow exits)"))
        super().__init__("Variables", fields, body=pretty_json(body))


def describe_error(error: BaseException) -> tuple[str, list[tuple[str, str]], str | None, str | None]:
    """Title, fields, body and hint for any exception; API errors carry the most."""
    from textbots_tui.api.errors import TextbotsError

    if not isinstance(error, TextbotsError):
        return (
            "Unexpected error",
            [("type", type(error).__name__), ("message", str(error) or "(none)")],
            None,
            "This is a bug in textbots-tui: the app keeps running, but please report what you did.",
        )
    fields = [
        ("status", str(error.status) if error.status is not None else "(no response)"),
        ("code", error.code or "(none)"),
        ("message", error.message or "(none)"),
        ("correlation id", error.correlation_id or "(none)"),
    ]
    exchange = error.exchange
    if exchange is not None:
        fields.insert(0, ("request", f"{exchange.method} {exchange.path}"))
    return error.title, fields, pretty_json(error.body) or None, error.hint
