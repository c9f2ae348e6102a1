"""Snapshots of the launch and bot dialogs, empty and showing validation errors (100 x 40, textual-dark)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from textbots_tui.api.errors import PermissionDeniedError
from textbots_tui.core.params import BotParams, TargetSummary
from textbots_tui.ui.screens.bot_modal import BotModal
from textbots_tui.ui.screens.launch_modal import LaunchModal

SIZE = (100, 40)

FLOWS = [
    TargetSummary("5f1c2d3e-0000-4000-8000-000000000001", "Order status", "flow", type_name="DIGITALBOT"),
    TargetSummary("5f1c2d3e-0000-4000-8000-000000000002", "Support triage", "flow", type_name="BOT"),
]
BOTS = [TargetSummary("b-1", "Order bot", "bot", type_name="AmazonLex")]


async def load_flows() -> list[TargetSummary]:
    return FLOWS


async def load_bots() -> list[TargetSummary]:
    return BOTS


async def load_fails() -> list[TargetSummary]:
    raise PermissionDeniedError(
        "architect:flow:view is needed to list flows", hint="Ask an admin for the role."
    )


class Host(App[None]):
    """Shows one dialog over an empty screen, in the default theme."""

    TITLE = "dialogs"

    def __init__(self, make_modal: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._make_modal = make_modal

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.push_screen(self._make_modal())


async def loaded(pilot: Pilot[Any]) -> None:
    """Wait for the list, and stop cursors blinking so a slow machine cannot catch one mid-blink."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for field in pilot.app.screen.query("Input, TextArea").results((Input, TextArea)):
        field.cursor_blink = False
    await pilot.pause()


def test_launch_dialog_empty(snap_compare: Any) -> None:
    app = Host(lambda: LaunchModal(load_flows=load_flows))
    assert snap_compare(app, terminal_size=SIZE, run_before=loaded)


def test_launch_dialog_with_errors(snap_compare: Any) -> None:
    async def submit_bad_form(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        pilot.app.screen.query_one("#variables").focus()
        pilot.app.post_message(events.Paste('{\n  "Flow.CustomerName": "Alex"\n  "Flow.Count": 3\n}'))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

    app = Host(lambda: LaunchModal(load_flows=load_fails))
    assert snap_compare(app, terminal_size=SIZE, run_before=submit_bad_form)


def test_bot_dialog_empty(snap_compare: Any) -> None:
    app = Host(lambda: BotModal(load_bots=load_bots))
    assert snap_compare(app, terminal_size=SIZE, run_before=loaded)


def test_bot_dialog_with_errors(snap_compare: Any) -> None:
    async def submit_bad_form(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()

    initial = BotParams(
        "b-1",
        "",
        bot_channels=("Messaging",),
        session_timeout_minutes=-5,
        genesys_bot_connector={"queryParameters": {"tenant": "acme"}},
    )
    app = Host(lambda: BotModal(load_bots=load_bots, initial=initial))
    assert snap_compare(app, terminal_size=SIZE, run_before=submit_bad_form)
