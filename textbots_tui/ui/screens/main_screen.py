"""The main screen: sessions on the left, the conversation in the centre, the inspector on the right."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from textbots_tui.ui.bindings import MAIN_BINDINGS

if TYPE_CHECKING:
    from textbots_tui.config import Connection
    from textbots_tui.core.controller import Controller
    from textbots_tui.core.params import BotParams, FlowLaunchParams


class MainScreen(Screen[None]):
    """Orchestrates the sidebar, chat pane, input line and inspector around one controller."""

    CSS_PATH = "main_screen.tcss"
    BINDINGS = MAIN_BINDINGS

    def __init__(
        self, *, connection: Connection, auto_noinput: bool = False, recent_path: Path | None = None
    ) -> None:
        super().__init__()
        self.connection = connection
        self.auto_noinput = auto_noinput
        self.recent_path = recent_path
        self.controller: Controller | None = None

    def compose(self) -> ComposeResult:
        """Header, the three panes, the input line and the footer."""
        yield Static(self.connection.label, id="connection-bar")
        with Horizontal(id="panes"):
            yield Static("Sessions", id="sidebar")
            with Vertical(id="conversation"):
                yield Static("No session yet: ctrl+n launches a flow, ctrl+b starts a bot.", id="chat")
            yield Static("Inspector", id="inspector")
        yield Footer()

    async def attach(
        self, controller: Controller, *, start: FlowLaunchParams | BotParams | None = None
    ) -> None:
        """Start using ``controller`` (the app calls this once the client is open)."""
        self.controller = controller

    def report_failure(self, error: BaseException) -> None:
        """Show an error that no event carried (a worker failed)."""
        self.notify(str(error), title=type(error).__name__, severity="error")
