"""Typing a choice's label exactly as its chip shows it picks that choice, for every sample and kind."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from textbots_tui.core.events import UserInputSent
from textbots_tui.core.params import BotParams, FlowLaunchParams

from .harness import (
    APPOINTMENTS,
    HELP_CENTRE,
    main_screen,
    make_app,
    order_status,
    settle,
    store_bot,
    type_text,
)

SAMPLES = {
    "order status": order_status(),
    "appointment booking": FlowLaunchParams(
        flow_id=APPOINTMENTS, input_variables={"Flow.CustomerName": "Sam"}
    ),
    "help centre": FlowLaunchParams(flow_id=HELP_CENTRE),
    "store bot": store_bot(),
}
OPENERS = {"help centre": "opening hours", "store bot": "opening hours"}
"""What to type when a sample waits without choices, to get it to offer some."""


async def _walk(pilot: Pilot[Any], opener: str | None) -> set[tuple[str, bool]]:
    """At every step, type the first chip's label as drawn and press Enter; it must go as that choice."""
    screen = main_screen(pilot)
    seen: set[tuple[str, bool]] = set()
    for _ in range(12):
        session = screen.session
        assert session is not None
        if not session.state.is_open:
            break
        offered = screen.chat.current_choices
        if not offered:
            if opener is None:
                break
            await type_text(pilot, opener)
            await pilot.press("enter")
            await settle(pilot)
            opener = None
            continue
        shown = screen.chat.export_text()
        for choice in offered:
            assert choice.label in shown, f"the chip shows the label core gave: {choice.label!r}"
            seen.add((choice.kind, choice.group is not None))
        first = offered[0]
        await type_text(pilot, first.label)
        await pilot.press("enter")
        await settle(pilot)
        sent = [event for event in session.events if isinstance(event, UserInputSent)][-1]
        assert sent.choice == first, f"typing {first.label!r} sent {sent.text!r} as {sent.choice}"
    return seen


@pytest.mark.parametrize("name", list(SAMPLES))
async def test_typing_a_chip_label_picks_its_choice(name: str) -> None:
    params: FlowLaunchParams | BotParams = SAMPLES[name]
    async with make_app(start=params).run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        seen = await _walk(pilot, OPENERS.get(name))
    expected = {
        "order status": {("quick_reply", False)},
        "appointment booking": {
            ("postback", True),  # the carousel's card postbacks
            ("date_time", True),  # the date picker's slots
            ("quick_reply", True),  # quick reply v2 groups
            ("list_item", True),  # the list picker's entries
            ("quick_reply", False),
        },
        "help centre": set(),
        "store bot": {("quick_reply", False)},
    }[name]
    assert expected <= seen
