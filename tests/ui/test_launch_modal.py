"""The launch dialog, driven by keyboard in a tiny host app."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Collapsible, Input, Label, OptionList, Select, TextArea

from textbots_tui.api.errors import PermissionDeniedError
from textbots_tui.core.params import FlowLaunchParams, TargetSummary
from textbots_tui.ui.recent import RecentValues
from textbots_tui.ui.screens.launch_modal import LaunchModal

ORDERS = TargetSummary("fo", "Order status", "flow", type_name="DIGITALBOT", languages=("en-us", "es"))
SUPPORT = TargetSummary("fs", "[b]Support[/b]", "flow", type_name="BOT")


class Host(App[None]):
    """Pushes the modal on mount and records what it was dismissed with."""

    def __init__(self, modal: LaunchModal) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[FlowLaunchParams | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


async def load_two() -> list[TargetSummary]:
    return [ORDERS, SUPPORT]


async def load_fails() -> list[TargetSummary]:
    raise PermissionDeniedError("architect:flow:view is needed to list flows", hint="Ask an admin.")


async def opened(pilot: Pilot[Any]) -> LaunchModal:
    """Wait for the modal to be up and its list loaded."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LaunchModal)
    return screen


async def tab_to(pilot: Pilot[Any], selector: str) -> Widget:
    """Press tab until ``selector`` has focus (and fail if the tab order never reaches it)."""
    target = pilot.app.screen.query_one(selector)
    for _ in range(20):
        if pilot.app.focused is target:
            return target
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {selector}")


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type a short text key by key."""
    await pilot.press(*text)


async def focus(pilot: Pilot[Any], selector: str) -> None:
    """Focus a field directly, for tests about something other than the tab order."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste into the focused field, as a terminal delivers a paste (quicker than typing long text)."""
    pilot.app.post_message(events.Paste(text))  # the app hands it to the focused widget
    await pilot.pause()


def status_of(modal: LaunchModal) -> str:
    """The picker's status line."""
    return str(modal.query_one("#flow-picker .picker-status", Label).render())


def error_of(modal: LaunchModal, key: str) -> str:
    """The error shown under a field, or "" when none is shown."""
    label = modal.query_one(f"#{key}-error", Label)
    return str(label.render()) if label.has_class("-shown") else ""


async def open_more_options(pilot: Pilot[Any]) -> None:
    """Unfold "More options" by keyboard (tab to its title, enter)."""
    await tab_to(pilot, "#more-section CollapsibleTitle")
    await pilot.press("enter")
    await pilot.pause()
    assert not pilot.app.screen.query_one("#more-section", Collapsible).collapsed


async def test_more_options_are_folded_while_they_hold_the_defaults() -> None:
    app = Host(LaunchModal())
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        section = modal.query_one("#more-section", Collapsible)
        assert section.collapsed
        assert not modal.query("#channel-name"), "folded rows are made when first unfolded"
        await open_more_options(pilot)
        assert modal.query_one("#channel-name") in modal.focus_chain
        assert modal.query_one("#channel-name", Select).value == "Messaging"
        assert modal.query_one("#user-agent", Select).value == "GenesysWebWidget"
        await pilot.press("ctrl+s")  # nothing typed: the flow is missing, nothing else
        await pilot.pause()
        assert error_of(modal, "channel-name") == ""
        assert error_of(modal, "flow-id") != ""


async def test_folded_options_go_out_with_their_values_unmade() -> None:
    recent = RecentValues(None)
    recent.remember_flow(FlowLaunchParams(flow_id="f9", user_agent="Phone", conversation_id="c7"))
    recent.remember_flow(FlowLaunchParams(flow_id="f1", language="fr"))
    app = Host(LaunchModal(recent=recent))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert not modal.query("#channel-name")
        await pilot.press("ctrl+s")  # f1, as last launched, the folded fields never made
        await pilot.pause()
    assert app.results == [FlowLaunchParams(flow_id="f1", language="fr")]


async def test_more_options_are_open_when_they_hold_something_else() -> None:
    app = Host(LaunchModal(initial=FlowLaunchParams(flow_id="f1", channel_name="Call")))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert not modal.query_one("#more-section", Collapsible).collapsed
        assert modal.query_one("#channel-name", Select).value == "Call"


async def test_remembered_options_unfold_when_their_flow_is_typed() -> None:
    recent = RecentValues(None)
    recent.remember_flow(FlowLaunchParams(flow_id="f9", user_agent="Phone"))
    recent.remember_flow(FlowLaunchParams(flow_id="f1"))
    app = Host(LaunchModal(recent=recent))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert modal.query_one("#more-section", Collapsible).collapsed
        field = modal.query_one("#flow-id", Input)
        field.value = ""
        await type_text(pilot, "f9")
        await pilot.pause()
        assert not modal.query_one("#more-section", Collapsible).collapsed
        assert modal.query_one("#user-agent", Select).value == "Phone"


async def test_typed_launch_with_rows_returns_params_and_remembers_them() -> None:
    recent = RecentValues(None)
    app = Host(LaunchModal(recent=recent))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert app.focused is modal.query_one("#flow-id")
        await type_text(pilot, "f1")
        await tab_to(pilot, "#language")
        await type_text(pilot, "es")
        await tab_to(pilot, "#variables")
        await paste(pilot, 'Flow.Name = Alex\nFlow.Count = 3\nFlow.Vip = true\nFlow.Zip = "007"')
        await open_more_options(pilot)
        await tab_to(pilot, "#choice-mode")
        await pilot.press("right", "enter")  # RichMediaInput
        await tab_to(pilot, "#external-session-id")
        await type_text(pilot, "x9")
        await pilot.press("ctrl+s")
        await pilot.pause()
    expected = FlowLaunchParams(
        flow_id="f1",
        language="es",
        input_variables={"Flow.Name": "Alex", "Flow.Count": 3, "Flow.Vip": True, "Flow.Zip": "007"},
        external_session_id="x9",
        choice_mode="rich_media",
    )
    assert app.results == [expected]
    assert recent.for_flow("f1") == expected


async def test_json_variables_channel_and_user_agent_by_keyboard() -> None:
    app = Host(LaunchModal())
    async with app.run_test(size=(100, 40)) as pilot:
        await opened(pilot)
        await type_text(pilot, "f2")
        await tab_to(pilot, "#variables")
        await paste(pilot, '{"Flow.A": [1, 2],\n "Flow.B": null}')
        await open_more_options(pilot)
        await tab_to(pilot, "#channel-name")
        await pilot.press("enter", "home", "enter")  # the first channel: Chat
        await tab_to(pilot, "#user-agent")
        await pilot.press("enter", "end", "enter")  # the last user agent: Unknown
        await tab_to(pilot, "#conversation-id")
        await type_text(pilot, "c1")
        await pilot.press("enter")  # enter on the last field submits
        await pilot.pause()
    assert app.results == [
        FlowLaunchParams(
            flow_id="f2",
            channel_name="Chat",
            user_agent="Unknown",
            input_variables={"Flow.A": [1, 2], "Flow.B": None},
            conversation_id="c1",
        )
    ]


async def test_bad_json_is_named_inline_and_nothing_is_returned() -> None:
    app = Host(LaunchModal())
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await type_text(pilot, "f3")
        await focus(pilot, "#variables")
        await paste(pilot, '{"Flow.A": 1,\n "Flow.B" 2}')
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.screen is modal
        message = error_of(modal, "variables")
        assert message.startswith("Invalid JSON at line 2, column 11:")
        assert "delimiter" in message
        variables = modal.query_one("#variables", TextArea)
        assert app.focused is variables
        assert variables.cursor_location == (1, 10)
        assert variables.has_class("-invalid")
        assert error_of(modal, "flow-id") == ""

        # The message follows the edit: fixing the JSON clears it, and the launch goes through.
        variables.text = '{"Flow.A": 1, "Flow.B": 2}'
        await pilot.pause()
        assert error_of(modal, "variables") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(flow_id="f3", input_variables={"Flow.A": 1, "Flow.B": 2})]


async def test_empty_flow_id_is_refused_until_typed() -> None:
    app = Host(LaunchModal())
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert error_of(modal, "flow-id") == "Enter a flow id or name, or pick one from the list"
        assert app.focused is modal.query_one("#flow-id")
        await type_text(pilot, "f")
        assert error_of(modal, "flow-id") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(flow_id="f")]


async def test_picking_a_flow_fills_id_name_and_language_hints() -> None:
    app = Host(LaunchModal(load_flows=load_two))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert not modal.query_one("#flow-picker .picker-list", OptionList).disabled
        await pilot.press("down", "enter")  # down from the field into the list: the first flow listed
        await pilot.pause()
        assert modal.query_one("#flow-id", Input).value == "fo"
        language = modal.query_one("#language", Input)
        assert app.focused is language
        assert language.placeholder == "flow default (en-us), also es"
        await pilot.press("e", "right")  # accept the suggestion
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(flow_id="fo", language="en-us", flow_name="Order status")]


async def test_typing_a_listed_id_selects_it_and_names_it() -> None:
    app = Host(LaunchModal(load_flows=load_two))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await type_text(pilot, "fs")
        listing = modal.query_one("#flow-picker .picker-list", OptionList)
        assert [listing.get_option_at_index(0).id] == ["fs"] and listing.option_count == 1
        assert status_of(modal) == "→ fs · BOT · [b]Support[/b]"
        await pilot.press("ctrl+s")
        await pilot.pause()
    # The name is data: markup in it is kept as typed.
    assert app.results == [FlowLaunchParams(flow_id="fs", flow_name="[b]Support[/b]")]


async def test_a_listed_initial_flow_is_named_once_the_list_arrives() -> None:
    app = Host(LaunchModal(load_flows=load_two, initial=FlowLaunchParams("fo")))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        listing = modal.query_one("#flow-picker .picker-list", OptionList)
        assert listing.highlighted_option is not None and listing.highlighted_option.id == "fo"
        assert modal.query_one("#language", Input).placeholder == "flow default (en-us), also es"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(flow_id="fo", flow_name="Order status")]


async def test_a_failed_list_is_shown_and_a_typed_id_still_launches() -> None:
    app = Host(LaunchModal(load_flows=load_fails))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        message = modal.query_one("#flow-picker .field-error", Label)
        assert message.has_class("-shown")
        assert str(message.render()) == (
            "Cannot list flows: listing the flows failed (Permission denied): architect:flow:view is needed "
            "to list flows\nAsk an admin.\nA typed id still works."
        )
        assert modal.query_one("#flow-picker .picker-list", OptionList).disabled
        assert status_of(modal) == "No list of flows: type the id"
        await type_text(pilot, "tf")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams(flow_id="tf")]


async def test_last_launch_prefills_and_a_remembered_flow_fills_its_own_values() -> None:
    recent = RecentValues(None)
    recent.remember_flow(FlowLaunchParams("fa", language="es", input_variables={"Flow.X": 1}))
    recent.remember_flow(
        FlowLaunchParams("fb", channel_name="Call", user_agent="Phone", choice_mode="rich_media")
    )
    app = Host(LaunchModal(recent=recent))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert modal.query_one("#flow-id", Input).value == "fb"
        assert modal.query_one("#channel-name", Select).value == "Call"
        assert modal.query_one("#user-agent", Select).value == "Phone"

        await pilot.press("end", "ctrl+u")  # clear the field
        await type_text(pilot, "fa")
        await pilot.pause()
        assert modal.query_one("#language", Input).value == "es"
        assert modal.query_one("#variables", TextArea).text == "Flow.X = 1"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [FlowLaunchParams("fa", language="es", input_variables={"Flow.X": 1})]


async def test_initial_params_win_over_remembered_ones() -> None:
    recent = RecentValues(None)
    recent.remember_flow(FlowLaunchParams("fa", language="es"))
    initial = FlowLaunchParams("fa", language="fr", flow_name="A", conversation_id="c-1")
    app = Host(LaunchModal(recent=recent, initial=initial))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert modal.query_one("#language", Input).value == "fr"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [initial]


async def test_an_unknown_user_agent_is_flagged_not_sent() -> None:
    app = Host(LaunchModal(initial=FlowLaunchParams("fa", user_agent="Pager")))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert error_of(modal, "user-agent") == "Unknown user agent 'Pager': pick one of the list"
        assert app.focused is modal.query_one("#user-agent")


async def test_enter_moves_on_and_escape_cancels() -> None:
    app = Host(LaunchModal())
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await type_text(pilot, "f1")
        await pilot.press("enter")
        assert app.focused is modal.query_one("#language")
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not modal
    assert app.results == [None]
