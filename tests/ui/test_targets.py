"""Finding a flow or bot by what was typed: the filter and the resolution to an id, without a screen."""

from __future__ import annotations

import pytest

from textbots_tui.core.params import FlowVariable, TargetSummary
from textbots_tui.ui.forms.picker import option_prompt
from textbots_tui.ui.forms.targets import (
    describe_inputs,
    filter_targets,
    resolve_target,
    resolved_target,
)
from textbots_tui.ui.forms.values import FormError

ORDERS = TargetSummary("5f1c-aaaa", "Order Status", "flow", type_name="DIGITALBOT")
RETURNS = TargetSummary("5f1c-bbbb", "Order returns", "flow")
FAQ = TargetSummary("9c0d-cccc", "Help Centre FAQ", "flow", type_name="BOT")
TWIN = TargetSummary("7777-dddd", "Help centre faq", "flow")
LISTED = (ORDERS, RETURNS, FAQ)


def test_filter_by_part_of_name_or_id_ignoring_case() -> None:
    assert filter_targets(LISTED, "") == list(LISTED)
    assert filter_targets(LISTED, "  ORDER ") == [ORDERS, RETURNS]
    assert filter_targets(LISTED, "5F1C") == [ORDERS, RETURNS]
    assert filter_targets(LISTED, "cccc") == [FAQ]
    assert filter_targets(LISTED, "nothing") == []


def test_a_whole_listed_id_gives_that_target_alone() -> None:
    other = TargetSummary("x", "Has 5f1c-aaaa in its name", "flow")
    assert filter_targets((*LISTED, other), "5f1c-aaaa") == [ORDERS]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("5f1c-aaaa", "5f1c-aaaa"),  # a listed id
        ("order status", "5f1c-aaaa"),  # a whole name, any case
        ("  Help Centre FAQ ", "9c0d-cccc"),
        ("status", "5f1c-aaaa"),  # part of one name only
        ("bbbb", "5f1c-bbbb"),  # part of one id only
        ("0a1b2c3d-unlisted", "0a1b2c3d-unlisted"),  # a bare id the list does not show
    ],
)
def test_resolve_to_the_id(typed: str, expected: str) -> None:
    assert resolve_target(typed, LISTED, "flow") == expected


def test_several_matches_are_named() -> None:
    with pytest.raises(FormError) as caught:
        resolve_target("order", LISTED, "flow")
    assert caught.value.message == (
        "'order' matches 2 flows: Order Status (5f1c-aaaa), Order returns (5f1c-bbbb). Type more or pick one"
    )
    with pytest.raises(FormError) as caught:
        resolve_target("help centre faq", (*LISTED, TWIN), "flow")
    assert caught.value.message.startswith("2 flows are named 'help centre faq': Help Centre FAQ (9c0d-cccc)")
    many = [TargetSummary(f"id-{n}", f"Flow {n}", "flow") for n in range(5)]
    with pytest.raises(FormError, match=r"Flow 2 \(id-2\) and 2 more"):
        resolve_target("flow", many, "flow")


def test_a_name_that_matches_nothing_is_not_sent_as_an_id() -> None:
    with pytest.raises(FormError, match="No listed flow is named 'Order Stat us': type the flow id"):
        resolve_target("Order Stat us", LISTED, "flow")
    with pytest.raises(FormError, match="No flow list to find 'Order Status' in: type the flow id"):
        resolve_target("Order Status", (), "flow")
    with pytest.raises(FormError, match="Enter a bot id or name"):
        resolve_target("  ", LISTED, "bot")


def test_resolved_target_is_the_listed_one_or_none() -> None:
    assert resolved_target("status", LISTED, "flow") is ORDERS
    assert resolved_target("order", LISTED, "flow") is None
    assert resolved_target("unlisted-id", LISTED, "flow") is None


def test_option_prompt_is_data_on_one_line() -> None:
    prompt = option_prompt(TargetSummary("f-[1]", "[b]Bold[/b]", "flow"))
    assert prompt.plain == "[b]Bold[/b] · f-[1]"
    assert option_prompt(TargetSummary("b-1", "", "bot")).plain == "(no name) · b-1"


def test_inputs_said_only_when_the_org_says() -> None:
    assert describe_inputs(None) == ""
    assert describe_inputs(()) == "The flow declares no input variables."
    variables = (
        FlowVariable("Flow.CustomerName", "string", "First name", "there", True),
        FlowVariable("Flow.IsVip", "boolean", None, False, True),
        FlowVariable("Flow.Note"),
    )
    assert describe_inputs(variables) == (
        "The flow expects:\n"
        '• Flow.CustomerName (string, default "there"): First name\n'
        "• Flow.IsVip (boolean, default false)\n"
        "• Flow.Note"
    )
