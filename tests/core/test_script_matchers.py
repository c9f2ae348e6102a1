"""Each ``expect`` check, passing and failing, against hand-made windows of controller events."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from textbots_tui.core.events import (
    BotOutput,
    Event,
    FlowLocation,
    Milestone,
    Outcome,
    SessionEnded,
    WaitingForInput,
)
from textbots_tui.core.expectations import expectation_from
from textbots_tui.core.items import CardAction, CardItem, Choice, ChoicesItem, TextItem
from textbots_tui.core.matchers import Observed, check, same
from textbots_tui.core.script import Expectation

SID = "s1"


def said(*texts: str) -> BotOutput:
    return BotOutput(SID, tuple(TextItem(t) for t in texts))


def waiting(*labels: str) -> WaitingForInput:
    return WaitingForInput(SID, turn_id="t1", choices=tuple(Choice(label, label.lower()) for label in labels))


def exited(**kwargs: Any) -> SessionEnded:
    defaults: dict[str, Any] = {
        "how": "exit",
        "reason": "TriggeredByFlow",
        "flow_location": FlowLocation("Exit Bot Flow", 7, "Track order"),
        "output_variables": {"Flow.OrderStatus": "Shipped", "Flow.OrderNumber": "12345", "Flow.Items": 2},
        "outcomes": (
            Outcome("order-tracked", "SUCCESS", milestones=(Milestone("number-given"), Milestone("found"))),
        ),
    }
    return SessionEnded(SID, **(defaults | kwargs))


def failures(expect: str | dict[str, Any], *events: Event) -> list[tuple[str, str, str]]:
    data = yaml.safe_load(expect) if isinstance(expect, str) else expect
    mismatches = check(Expectation.model_validate(data), Observed.from_events(events))
    return [(m.what, m.expected, m.got) for m in mismatches]


GREETING = (
    said("  Welcome to Acme, Alex!  ", "How can I help?"),
    waiting("Track an order", "Talk to an agent"),
)


@pytest.mark.parametrize(
    "expect",
    [
        "{text: 'Welcome to Acme, Alex!'}",  # trimmed equality with one message
        "{text: 'How can I help?'}",
        "{text: {contains: Acme}}",
        "{text: {regex: '^\\s*Welcome .*!\\s*$'}}",
        "{text: {not: Goodbye}}",
        "{text: {not: {contains: error}}}",
        "{text: {not: {regex: '(?i)sorry'}}}",
        "{text: [{contains: Welcome}, 'How can I help?', {not: Welcome}]}",
        "{choices: [Track an order, Talk to an agent]}",
        "{nextAction: WaitForInput}",
    ],
)
def test_matchers_that_pass(expect: str) -> None:
    assert failures(expect, *GREETING) == []


@pytest.mark.parametrize(
    ("expect", "failure"),
    [
        (
            "{text: Welcome to Acme}",
            (
                "text",
                'a message equal to "Welcome to Acme"',
                'no such message among: "  Welcome to Acme, Alex!  ", "How can I help?"',
            ),
        ),
        ("{text: {contains: acme}}", ("text", 'a message containing "acme"', "no such message among: ")),
        ("{text: {regex: '^Help'}}", ("text", "a message matching /^Help/", "no such message among: ")),
        (
            "{text: {not: 'How can I help?'}}",
            ("text", 'no message equal to "How can I help?"', 'found "How can'),
        ),
        ("{text: {not: {contains: Acme}}}", ("text", 'no message containing "Acme"', 'found "  Welcome')),
        ("{text: {not: {regex: 'help\\?$'}}}", ("text", "no message matching /help\\?$/", 'found "How')),
        (
            "{choices: [Talk to an agent, Track an order]}",
            ("choices", '["Talk to an agent", "Track an order"]', '["Track an order", "Talk to an agent"]'),
        ),
        (
            "{choices: [Track an order]}",
            ("choices", '["Track an order"]', '["Track an order", "Talk to an agent"]'),
        ),
        ("{nextAction: Exit}", ("nextAction", "Exit", "WaitForInput")),
        ("{exit: {reason: TriggeredByFlow}}", ("exit", "exit (TriggeredByFlow)", "the session did not end")),
    ],
)
def test_matchers_that_fail(expect: str, failure: tuple[str, str, str]) -> None:
    [(what, expected, got)] = failures(expect, *GREETING)
    assert (what, expected) == failure[:2]
    assert got.startswith(failure[2])


def test_no_messages_at_all() -> None:
    assert failures("{text: {contains: Hi}}", waiting()) == [
        ("text", 'a message containing "Hi"', "no messages")
    ]
    assert failures("{nextAction: WaitForInput}", said("Hi")) == [
        ("nextAction", "WaitForInput", "no next action yet")
    ]


def test_rich_items_count_as_messages_and_offer_choices_without_a_wait() -> None:
    card = CardItem("Haircut", "30 minutes, from 25 GBP", actions=(CardAction("Book", "postback", "cut"),))
    events = [BotOutput(SID, (card, ChoicesItem((Choice("Yes", "y"), Choice("No", "n")), title="Confirm?")))]
    assert (
        failures("{text: [Haircut, {contains: 25 GBP}, 'Confirm?'], choices: ['Yes', 'No']}", *events) == []
    )


def test_exit_details_are_subsets() -> None:
    ended = exited()
    assert (
        failures(
            """
        nextAction: Exit
        exit:
          reason: TriggeredByFlow
          flowLocation: {sequenceName: Track order}
          outputData: {Flow.OrderStatus: Shipped, Flow.OrderNumber: 12345, Flow.Items: 2.0}
          outcomes: {order-tracked: SUCCESS}
          milestones: [found]
        """,
            said("Your order has shipped."),
            ended,
        )
        == []
    )
    assert failures("{exit: {outcomes: [order-tracked]}}", ended) == []


def test_exit_details_that_differ_are_each_reported() -> None:
    got = failures(
        """
        exit:
          reason: AgentRequestedByUser
          reasonExtendedInfo: busy
          activeIntent: track
          flowLocation: {actionName: Exit Bot Flow, actionNumber: 8}
          outputData: {Flow.OrderStatus: Delivered, Flow.Missing: x, Flow.Items: "true"}
          outcomes: {order-tracked: FAILURE, other: null}
          milestones: [found, paid]
        """,
        exited(),
    )
    assert got == [
        ("exit.reason", "AgentRequestedByUser", "TriggeredByFlow"),
        ("exit.reasonExtendedInfo", '"busy"', "null"),
        ("exit.flowLocation.actionNumber", "8", "7"),
        ("exit.outputData.Flow.OrderStatus", '"Delivered"', '"Shipped"'),
        ("exit.outputData.Flow.Missing", '"x"', "not set"),
        ("exit.outputData.Flow.Items", '"true"', "2"),
        ("exit.activeIntent", "track", "None"),
        ("exit.outcomes.order-tracked", "FAILURE", "SUCCESS"),
        ("exit.outcomes.other", "reached", "not reached"),
        ("exit.milestones", '["paid"]', '["number-given", "found"]'),
    ]


def test_exit_versus_disconnect() -> None:
    gone = exited(how="disconnect", reason="SessionExpired", output_variables={})
    assert failures("{disconnect: {reason: SessionExpired}, nextAction: Disconnect}", gone) == []
    assert failures("{exit: {reason: TriggeredByFlow}}", gone) == [
        ("exit", "exit (TriggeredByFlow)", "Disconnect (SessionExpired)")
    ]
    assert failures("{disconnect: {reason: TriggeredByUser}}", gone) == [
        ("disconnect.reason", "TriggeredByUser", "SessionExpired")
    ]


def test_bot_intent_slots_and_state() -> None:
    reply = BotOutput(
        SID,
        (TextItem("Which city?"),),
        bot_state="MoreData",
        intent="CheckStoreHours",
        slots={"city": "Leeds"},
    )
    assert failures("{intent: CheckStoreHours, botState: MoreData, slots: {city: Leeds}}", reply) == []
    assert failures("{intent: BookPickup, botState: Complete, slots: {city: York, date: today}}", reply) == [
        ("intent", "BookPickup", "CheckStoreHours"),
        ("botState", "Complete", "MoreData"),
        ("slots.city", '"York"', '"Leeds"'),
        ("slots.date", '"today"', "not set"),
    ]
    assert failures("{intent: X}", said("flow text")) == [("intent", "X", "None")]


@pytest.mark.parametrize(
    ("expected", "actual", "result"),
    [
        (12345, "12345", True),
        ("12345", 12345, True),
        (2, 2.0, True),
        (True, "true", True),
        (True, 1, False),
        (1, True, False),
        ("a", "b", False),
        ({"a": [1, "2"]}, {"a": ["1", 2]}, True),
        ({"a": 1}, {"a": 1, "b": 2}, False),
        ([1], [1, 2], False),
        (None, None, True),
        (None, "None", False),
    ],
)
def test_same_compares_yaml_scalars_as_text(expected: Any, actual: Any, result: bool) -> None:
    assert same(expected, actual) is result


def test_expectation_from_writes_what_passes() -> None:
    events = [said(" Your order has shipped. ", ""), exited(active_intent="track")]
    written = expectation_from(Observed.from_events(events), strict=True)
    assert written == {
        "text": "Your order has shipped.",
        "nextAction": "Exit",
        "exit": {
            "reason": "TriggeredByFlow",
            "activeIntent": "track",
            "flowLocation": {"actionName": "Exit Bot Flow", "actionNumber": 7, "sequenceName": "Track order"},
            "outputData": {"Flow.OrderStatus": "Shipped", "Flow.OrderNumber": "12345", "Flow.Items": 2},
            "outcomes": {"order-tracked": "SUCCESS"},
            "milestones": ["number-given", "found"],
        },
    }
    assert failures(written, *events) == []
    greeting = expectation_from(Observed.from_events(GREETING))
    assert greeting["text"] == ["Welcome to Acme, Alex!", "How can I help?"]
    assert failures(greeting, *GREETING) == []


def test_describe_lists_what_the_bot_said() -> None:
    reply = BotOutput(SID, (TextItem("Hi \x1b[31mthere"),), bot_state="MoreData", intent="Greet", slots={})
    lines = Observed.from_events([*GREETING, reply]).describe()
    assert lines == [
        '"  Welcome to Acme, Alex!  "',
        '"How can I help?"',
        '"Hi \\u001b[31mthere"',
        "botState MoreData, intent Greet, slots {}",
        "then: WaitForInput (choices: Track an order | Talk to an agent)",
    ]
    assert (
        Observed.from_events([exited()])
        .describe()[-1]
        .startswith("then: Exit (TriggeredByFlow) outputData {")
    )
    assert Observed().describe() == ["(nothing)"]
