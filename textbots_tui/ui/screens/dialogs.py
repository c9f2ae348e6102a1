"""The dialogs the main screen opens, built from what they need (the screen only pushes them).

Each dialog's module is imported when it is first opened: the first frame does not pay for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from textual.app import App

    from textbots_tui.core.connection import Connection
    from textbots_tui.core.controller import Controller
    from textbots_tui.core.params import TargetSummary
    from textbots_tui.core.sessions import Session
    from textbots_tui.ui.screens.bot_modal import BotModal
    from textbots_tui.ui.screens.error_modal import ErrorModal
    from textbots_tui.ui.screens.help_screen import HelpScreen
    from textbots_tui.ui.screens.launch_modal import LaunchModal
    from textbots_tui.ui.screens.variables_modal import VariablesModal


ListTargets = Callable[[Literal["flow", "bot"]], Awaitable[list["TargetSummary"]]]
"""Lists the org's flows or bots (``ControllerCalls.list_targets``: it waits for the client to be open)."""


def target_dialog(
    kind: str, list_targets: ListTargets, recent_path: Path | None, connection: Connection | None = None
) -> LaunchModal | BotModal:
    """The launch dialog (``kind`` ``flow``) or the bot dialog, listing the org's flows or bots, prefilled
    with the values last used on that org (``connection``'s target) only.

    It opens at once, also before the client is open: its list fills in a worker when ``list_targets``
    answers.
    """
    from textbots_tui.ui.recent import RecentValues

    recent = RecentValues(recent_path, connection.target() if connection is not None else None)
    if kind == "flow":
        from textbots_tui.ui.screens.launch_modal import LaunchModal

        return LaunchModal(load_flows=lambda: list_targets("flow"), recent=recent)
    from textbots_tui.ui.screens.bot_modal import BotModal

    # The connection knows whether it is the built-in simulator, whose bots answer on any integration id.
    simulator = connection is not None and connection.simulator
    return BotModal(load_bots=lambda: list_targets("bot"), recent=recent, any_integration=simulator)


def help_dialog(app: App[object]) -> HelpScreen:
    """Every key by group, as currently mapped."""
    from textbots_tui.ui.bindings import MAIN_BINDINGS
    from textbots_tui.ui.screens.help_screen import HelpScreen, collect_help, help_sources

    return HelpScreen(collect_help(app, help_sources(app, MAIN_BINDINGS)))


def error_dialog(error: BaseException) -> ErrorModal:
    """Everything known about a failure."""
    from textbots_tui.ui.screens.error_modal import ErrorModal

    return ErrorModal(error)


def variables_dialog(session: Session, controller: Controller | None = None) -> VariablesModal:
    """A session's launch variables and, once the flow has exited, its output variables and outcomes
    (named as far as ``controller`` knows)."""
    from textbots_tui.ui.screens.variables_modal import VariablesModal

    return VariablesModal(session, controller)
