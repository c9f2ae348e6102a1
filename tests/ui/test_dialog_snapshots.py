"""Snapshots of the launch and bot dialogs, empty and showing validation errors (100 x 40, textual-dark)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from textbots_tui.api.errors import PermissionDeniedError
from textbots_tui.core.params import BotParams, FlowVariable, TargetSummary
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


def test_launch_dialog_with_more_options_open(snap_compare: Any) -> None:
    async def unfold(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        pilot.app.screen.query_one("#more-section CollapsibleTitle").focus()
        await pilot.press("enter")
        await pilot.pause()

    app = Host(lambda: LaunchModal(load_flows=load_flows))
    assert snap_compare(app, terminal_size=SIZE, run_before=unfold)


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


MANY_FLOWS = [
    TargetSummary(
        "11111111-0000-4000-8000-000000000000",
        "A very long flow name about customer onboarding, billing disputes and everything else besides",
        "flow",
        type_name="BOT",
    ),
    TargetSummary(
        "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
        "Order Status",
        "flow",
        type_name="DIGITALBOT",
        languages=("en-us",),
        input_variables=(
            FlowVariable(
                "Flow.CustomerName", "string", "First name of the customer, if known", "there", True
            ),
            FlowVariable("Flow.IsVip", "boolean", "Whether the customer is a Gold member", False, True),
        ),
    ),
    *(
        TargetSummary(f"00000000-0000-4000-8000-{n:012}", f"Flow {n:03}", "flow", type_name="DIGITALBOT")
        for n in range(1, 301)
    ),
]


async def load_many_flows() -> list[TargetSummary]:
    return MANY_FLOWS


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_flow_picker_with_300_flows(snap_compare: Any, size: tuple[int, int]) -> None:
    app = Host(lambda: LaunchModal(load_flows=load_many_flows))
    assert snap_compare(app, terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_flow_picker_filtered_with_inputs(snap_compare: Any, size: tuple[int, int]) -> None:
    async def type_filter(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press(*"st")  # the long name ("customer") and Order Status match
        await pilot.pause()

    app = Host(lambda: LaunchModal(load_flows=load_many_flows))
    assert snap_compare(app, terminal_size=size, run_before=type_filter)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_flow_picker_resolved_with_inputs(snap_compare: Any, size: tuple[int, int]) -> None:
    async def pick(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press(*"order status")
        await pilot.pause()
        pilot.app.screen.query_one("#flow-inputs").scroll_visible(animate=False)  # what the flow expects
        await pilot.pause()

    app = Host(lambda: LaunchModal(load_flows=load_many_flows))
    assert snap_compare(app, terminal_size=size, run_before=pick)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_bot_dialog_against_the_simulator(snap_compare: Any, size: tuple[int, int]) -> None:
    async def filter_bots(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press(*"order")
        await pilot.pause()

    app = Host(lambda: BotModal(load_bots=load_bots, any_integration=True))
    assert snap_compare(app, terminal_size=size, run_before=filter_bots)
