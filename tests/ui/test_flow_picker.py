"""The launch dialog's searchable flow list, driven by keyboard: hundreds of flows, names resolved to ids,
nothing typed lost while the list loads, and the input variables a flow declares."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Label, OptionList, TextArea

from textbots_tui.core.params import FlowLaunchParams, FlowVariable, TargetSummary
from textbots_tui.ui.screens.launch_modal import LaunchModal

from .test_launch_modal import Host, error_of, opened, status_of, tab_to, type_text

LONG_NAME = "A very long flow name about customer onboarding, billing disputes and everything else besides"
MANY = [
    TargetSummary(f"00000000-0000-4000-8000-{n:012}", f"Flow {n:03}", "flow", type_name="DIGITALBOT")
    for n in range(1, 301)
]
LONG = TargetSummary("11111111-0000-4000-8000-000000000000", LONG_NAME, "flow", type_name="BOT")
ORDERS = TargetSummary(
    "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
    "Order Status",
    "flow",
    type_name="DIGITALBOT",
    input_variables=(
        FlowVariable("Flow.CustomerName", "string", "First name of the customer", "there", True),
        FlowVariable("Flow.IsVip", "boolean"),
    ),
)
RETURNS = TargetSummary("5f1c0000-aaaa-4000-8000-000000000000", "Order Returns", "flow", input_variables=())
FLOWS = [LONG, ORDERS, RETURNS, *MANY]


async def load_many() -> list[TargetSummary]:
    return FLOWS


def listing_of(modal: LaunchModal) -> OptionList:
    return modal.query_one("#flow-picker .picker-list", OptionList)


def shown_ids(modal: LaunchModal) -> list[str | None]:
    listing = listing_of(modal)
    return [listing.get_option_at_index(n).id for n in range(listing.option_count)]


def inputs_of(modal: LaunchModal) -> str | None:
    """The input variables line, or ``None`` while it is hidden."""
    label = modal.query_one("#flow-inputs", Label)
    return str(label.render()) if label.display else None


async def test_typing_filters_hundreds_of_flows_and_down_enter_picks() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await opened(pilot)
        assert listing_of(modal).option_count == 303
        assert listing_of(modal).size.height == 8  # a window on the list, which scrolls
        assert status_of(modal) == "303 flows: type to filter by name or id, ↓ to pick"
        await type_text(pilot, "FLOW 01")
        assert shown_ids(modal) == [target.target_id for target in MANY[9:19]]  # Flow 010 ... Flow 019
        assert status_of(modal) == "10 of 303 flows match: type more, or ↓ to pick one"
        await pilot.press("down", "down", "down", "enter")  # into the list, then the third: Flow 012
        await pilot.pause()
        assert modal.query_one("#flow-id", Input).value == MANY[11].target_id
        assert app.focused is modal.query_one("#language")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(MANY[11].target_id, flow_name="Flow 012")]


async def test_the_list_scrolls_to_the_end_by_keyboard() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await opened(pilot)
        await pilot.press("down", "end", "enter")
        await pilot.pause()
        assert modal.query_one("#flow-id", Input).value == MANY[-1].target_id


async def test_a_long_name_stays_on_one_line_cut_with_an_ellipsis() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await opened(pilot)
        await type_text(pilot, "onboarding")
        listing = listing_of(modal)
        assert listing.option_count == 1 and listing.size.height == 1
        line = listing.render_line(0).text
        assert line.startswith("A very long flow name") and line.rstrip().endswith("…")
        assert len(line) == listing.size.width
        # The status line names the id first, so a long name cannot push it out of sight.
        assert status_of(modal).startswith(f"→ {LONG.target_id} · BOT · A very long")


async def test_a_typed_name_is_resolved_to_its_id() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await type_text(pilot, "order status")
        assert status_of(modal) == f"→ {ORDERS.target_id} · DIGITALBOT · Order Status"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(ORDERS.target_id, flow_name="Order Status")]


async def test_several_matches_are_named_and_nothing_is_launched() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await type_text(pilot, "order")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert error_of(modal, "flow-id") == (
            f"'order' matches 2 flows: Order Status ({ORDERS.target_id}), "
            f"Order Returns ({RETURNS.target_id}). Type more or pick one"
        )
        await type_text(pilot, " ret")  # "order ret": one left
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(RETURNS.target_id, flow_name="Order Returns")]


async def test_a_bare_id_not_in_the_list_still_launches() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await type_text(pilot, "f-unlisted")
        assert listing_of(modal).display is False
        assert status_of(modal) == "No listed flow matches: the id is sent as typed"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams("f-unlisted")]


async def test_typing_in_the_list_goes_on_in_the_field_and_up_leaves_it() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        field = modal.query_one("#flow-id", Input)
        await pilot.press("down")
        assert app.focused is listing_of(modal)
        await type_text(pilot, "order s")
        assert app.focused is field and field.value == "order s"
        await pilot.press("down", "up")
        assert app.focused is field


async def test_what_is_typed_before_the_list_arrives_is_kept() -> None:
    arrived = asyncio.Event()

    async def load_late() -> list[TargetSummary]:
        await arrived.wait()
        return FLOWS

    app = Host(LaunchModal(load_flows=load_late))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, LaunchModal)
        assert status_of(modal) == "Loading flows…"
        await type_text(pilot, "order st")
        await pilot.press("tab")  # on before the list is there
        assert app.focused is modal.query_one("#language")
        arrived.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert modal.query_one("#flow-id", Input).value == "order st"
        assert shown_ids(modal) == [ORDERS.target_id]
        assert modal.query_one("#language", Input).placeholder == "flow default"  # no languages listed
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(ORDERS.target_id, flow_name="Order Status")]


async def test_a_pick_made_before_tab_is_kept_when_moving_on() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await tab_to(pilot, "#flow-picker .picker-list")
        await pilot.press("down", "tab")  # highlight the second, move on without enter: nothing is picked
        assert modal.query_one("#flow-id", Input).value == ""
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert modal.query_one("#flow-id", Input).value == ORDERS.target_id


async def test_the_flows_input_variables_are_shown_when_the_org_says() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert inputs_of(modal) is None
        await type_text(pilot, "order status")
        assert inputs_of(modal) == (
            "The flow expects:\n"
            '• Flow.CustomerName (string, default "there"): First name of the customer\n'
            "• Flow.IsVip (boolean)"
        )
        assert modal.query_one("#variables", TextArea).placeholder == "Flow.CustomerName = …\nFlow.IsVip = …"
        await pilot.press("ctrl+u")
        await type_text(pilot, "order returns")
        assert inputs_of(modal) == "The flow declares no input variables."
        await pilot.press("ctrl+u")
        await type_text(pilot, "flow 001")  # listed without a schema: nothing is made up
        assert inputs_of(modal) is None


async def test_enter_on_a_name_that_names_one_flow_skips_the_list() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await type_text(pilot, "order s")
        await pilot.press("enter")
        assert app.focused is modal.query_one("#language")
        await pilot.press("shift+tab", "shift+tab", "ctrl+u")
        assert app.focused is modal.query_one("#flow-id")
        await type_text(pilot, "order")  # two flows: enter goes into the list to pick one
        await pilot.press("enter")
        assert app.focused is listing_of(modal)


async def test_the_list_stays_in_its_column_at_80_by_24() -> None:
    app = Host(LaunchModal(load_flows=load_many))
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await opened(pilot)
        label = modal.query_one("#flow-id").query_ancestor(".field-row").query_one(".field-label")
        listing = listing_of(modal)
        assert listing.region.x >= label.region.right, "the options start right of the labels"
        assert listing.region.right <= modal.query_one("#flow-id").region.right
        # One line an option, the longest cut with an ellipsis: 8 options in 8 lines.
        assert listing.region.height == 8
        first = listing.render_line(0).text
        assert first.startswith("A very long flow name") and first.rstrip().endswith("…")
