"""The header: where the app is connected, and what the selected session is doing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from textbots_tui.core.connection import Connection


def describe_connection(connection: Connection, *, present: bool = False) -> Content:
    """One line naming the org: simulator or not, profile, region; a loud badge for production (the
    simulator's badge left out in presenter mode: the audience sees a demo, not a test double)."""
    parts: list[str | tuple[str, str]] = []
    if connection.production:
        parts.append((" PRODUCTION ", "bold reverse"))
        parts.append(" ")
    elif connection.simulator and not present:
        parts.append((" SIMULATOR ", "bold"))
        parts.append(" ")
    parts.append(connection.label)
    details = [
        f"{name} {value}"
        for name, value in (("profile", connection.profile), ("region", connection.region))
        if value and value not in connection.label
    ]
    if details:
        parts.append((" · " + " · ".join(details), "dim"))
    return Content.assemble(*parts)


class ConnectionBar(Horizontal):
    """The top line. It shows a warning colour when the connection is a production org."""

    DEFAULT_CSS = """
    ConnectionBar {
        height: 1;
        dock: top;
        background: $panel;
        color: $foreground;
        #connection-label { width: 1fr; }
        #session-summary { width: auto; color: $foreground-muted; }
        &.-production { background: $error; color: $text; }
    }
    """

    session_summary: reactive[str] = reactive("")
    """What the selected session is doing, shown on the right."""
    present: reactive[bool] = reactive(False)
    """Presenter mode: no SIMULATOR badge."""

    def __init__(self, connection: Connection, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.connection = connection
        self.set_class(connection.production, "-production")

    def compose(self) -> ComposeResult:
        """The connection on the left, the session summary on the right."""
        yield Static(self._label(), id="connection-label", markup=False)
        yield Static(id="session-summary", markup=False)

    def _label(self) -> Content:
        return Content.assemble(
            ("textbots-tui", "bold"), "  ", describe_connection(self.connection, present=self.present)
        )

    def watch_present(self) -> None:
        """Draw the label again with or without the simulator's badge."""
        if self.is_mounted:
            self.query_one("#connection-label", Static).update(self._label())

    def watch_session_summary(self, summary: str) -> None:
        """Show the new summary (plain text: session names are user data)."""
        self.query_one("#session-summary", Static).update(Content(summary))
