"""Core owns choices: what each item offers, one label per time slot, and labels that pick their choice."""

from __future__ import annotations

import pytest

from textbots_tui.core.choices import choices_in, duration_text, item_choices, slot_label
from textbots_tui.core.events import BotOutput, UserInputSent, WaitingForInput
from textbots_tui.core.items import (
    AttachmentItem,
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    ListPickerEntry,
    ListPickerItem,
    ListPickerSection,
    LocationItem,
    TextItem,
    TimeSlot,
    UnknownItem,
)
from textbots_tui.core.params import BotParams, FlowLaunchParams

from .conftest import APPOINTMENTS, FAQ, ORDER_STATUS, STORE_BOT, Harness


def test_every_item_kind_offers_its_choices() -> None:
    card = CardItem("Shoe", actions=(CardAction("Buy", "postback", payload="buy"), CardAction("Web", "link")))
    picker = ListPickerItem(
        (
            ListPickerSection("S", (ListPickerEntry("e1", "One"),)),
            ListPickerSection(None, (ListPickerEntry("e2", "Two"),)),
        ),
        title="Clinics",
        picker_id="lp",
    )
    dates = DatePickerItem(
        "When", available_times=(TimeSlot("2026-01-02T10:00:00+00:00", 1800),), picker_id="dp"
    )
    group = ChoicesItem((Choice("9:00 am", "09:00", group="Morning"),), title="Morning")
    assert item_choices(card) == (Choice("Buy", "buy", "postback", group="Shoe"),)
    assert item_choices(CardItem("", actions=(CardAction("Go", "postback"),))) == (
        Choice("Go", "Go", "postback"),
    )
    assert item_choices(CarouselItem((card, card))) == item_choices(card) * 2
    assert item_choices(picker) == (
        Choice("One", "e1", "list_item", group="S", origin_id="lp"),
        Choice("Two", "e2", "list_item", group="Clinics", origin_id="lp"),
    )
    assert item_choices(dates) == (
        Choice(
            "Fri 02 Jan 2026 10:00 (30 minutes)",
            "2026-01-02T10:00:00+00:00",
            "date_time",
            "When",
            origin_id="dp",
        ),
    )
    assert item_choices(group) == group.choices
    for silent in (TextItem("hi"), AttachmentItem("File"), LocationItem("here"), UnknownItem("X")):
        assert item_choices(silent) == ()
    assert choices_in([TextItem("hi"), group, card]) == [*group.choices, *item_choices(card)]


@pytest.mark.parametrize(
    ("slot", "label"),
    [
        (TimeSlot("2026-12-08T09:00:00.000Z", 28800), "Tue 08 Dec 2026 09:00 (8 hours)"),
        (TimeSlot("2026-01-02T10:00:00Z", 5400), "Fri 02 Jan 2026 10:00 (1 hour 30 minutes)"),
        (TimeSlot("2026-01-02T10:00:00", 3600), "Fri 02 Jan 2026 10:00 (1 hour)"),
        (TimeSlot("2026-01-02T10:00:00", None), "Fri 02 Jan 2026 10:00"),
        (TimeSlot("next tuesday", 60), "next tuesday (1 minute)"),
    ],
)
def test_a_time_slot_reads_with_weekday_date_time_and_length(slot: TimeSlot, label: str) -> None:
    assert slot_label(slot) == label


def test_lengths_are_spelled_out() -> None:
    assert [duration_text(s) for s in (1, 45, 60, 150, 7200, 90000, 172800)] == [
        "1 second",
        "45 seconds",
        "1 minute",
        "2 minutes",
        "2 hours",
        "1 day 1 hour",
        "2 days",
    ]


SAMPLES = [
    FlowLaunchParams(flow_id=ORDER_STATUS, input_variables={"Flow.CustomerName": "Alex"}),
    FlowLaunchParams(flow_id=APPOINTMENTS, input_variables={"Flow.CustomerName": "Sam"}),
    FlowLaunchParams(flow_id=FAQ),
    BotParams(bot_id=STORE_BOT, integration_id="d7a9c1e3-5b6f-4a8d-9c0e-2f4a6b8d0c17", language="en-US"),
]
"""Every sample flow and bot of the simulator."""
OPENERS = {STORE_BOT: "opening hours", FAQ: "opening hours"}
"""What to say when a sample waits without choices, to get it to offer some."""


async def _walk(sim: Harness, params: FlowLaunchParams | BotParams) -> set[tuple[str, bool]]:
    """Take the first choice by its label at every step; check every offered label picks its own choice.

    Returns the kinds of choice seen (and whether they came in a titled group).
    """
    controller = sim.controller
    sid = await (
        controller.launch_flow(params)
        if isinstance(params, FlowLaunchParams)
        else controller.start_bot(params)
    )
    session = controller.session(sid)
    target = session.target_id
    said = False
    seen: set[tuple[str, bool]] = set()
    for _ in range(12):
        if not session.state.is_open:
            break
        offered = session.choices
        if not offered:
            if said or target not in OPENERS:
                break
            said = True
            await controller.send_text(sid, OPENERS[target])
            continue
        drawn = choices_in(item for output in sim.of(BotOutput, sid) for item in output.items)
        waiting = sim.of(WaitingForInput, sid)[-1]
        assert waiting.choices == offered
        labels = [choice.label for choice in offered]
        for choice in offered:
            assert choice in drawn, f"the chat draws core's choices: {choice} not in {drawn}"
            if labels.count(choice.label) == 1:
                assert session.find_choice(choice.label) == choice, choice.label
            seen.add((choice.kind, choice.group is not None))
        first = offered[0]
        await controller.choose(sid, first.label)
        sent = sim.of(UserInputSent, sid)[-1]
        assert sent.choice == first and sent.text == first.label
    return seen


async def test_every_offered_label_picks_its_choice_in_every_sample(sim: Harness) -> None:
    seen: set[tuple[str, bool]] = set()
    for params in SAMPLES:
        seen |= await _walk(sim, params)
    assert {
        ("quick_reply", False),  # quick replies
        ("quick_reply", True),  # a quick reply v2 group
        ("postback", True),  # carousel card postbacks
        ("date_time", True),  # date picker slots
        ("list_item", True),  # list picker entries
    } <= seen


async def test_a_date_slot_reads_the_same_in_the_session_the_exports_and_a_saved_script(sim: Harness) -> None:
    from textbots_tui.core.export import render_session
    from textbots_tui.core.placeholders import generalise, like_matches
    from textbots_tui.core.script import script_from_session

    controller = sim.controller
    sid = await controller.launch_flow(FlowLaunchParams(flow_id=APPOINTMENTS))
    await controller.choose(sid, "Book an eye test")
    session = controller.session(sid)
    slot = next(choice for choice in session.choices if choice.kind == "date_time")
    assert slot.label == slot_label(TimeSlot(slot.payload, 28800)) and slot.label.endswith(" 09:00 (8 hours)")
    await controller.choose(sid, slot.label)
    assert sim.of(UserInputSent, sid)[-1].text == slot.label
    assert f"- {slot.label} `{slot.payload}`" in render_session(session, "markdown").splitlines()
    assert f'"label": "{slot.label}"' in render_session(session, "json")
    assert f"- choose: {slot.label}" in script_from_session(session.events, session.params, strict=True)
    moving = generalise(slot.label)  # a plain save picks the slot by the label's pattern, not the moving date
    assert moving is not None and like_matches(moving, slot.label)
    assert f"- choose: {{like: '{moving}'}}" in render_session(session, "script")
