"""Bot flow sessions against the simulator: launch, NoOp draining, choices both ways, endings, events."""

from __future__ import annotations

import pytest

from textbots_tui.core.errors import FlowStalledError, InputRefused
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    ExchangeRecorded,
    SessionChanged,
    SessionCreated,
    SessionEnded,
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.items import CarouselItem, DatePickerItem, ListPickerItem
from textbots_tui.core.params import FlowLaunchParams, SessionState

from .conftest import APPOINTMENTS, FAQ, ORDER_STATUS, Harness, HarnessFactory, body_of, texts

ORDER = FlowLaunchParams(
    flow_id=ORDER_STATUS, input_variables={"Flow.CustomerName": "Alex"}, flow_name="Order"
)


async def test_launch_starts_with_noop_and_waits_with_the_offered_choices(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    session = sim.controller.session(sid)
    assert sim.names(sid) == ["SessionCreated", "BotOutput", "BotOutput", "WaitingForInput"]
    assert texts(*sim.of(BotOutput))[0] == "Hi Alex, welcome to Acme Support."
    (waiting,) = sim.of(WaitingForInput)
    assert [c.label for c in waiting.choices] == ["Track an order", "Return an item", "Talk to an agent"]
    assert waiting.no_input_timeout_ms == 300000
    assert waiting.language_preferences == ("en-us",)
    assert session.state is SessionState.WAITING
    assert session.no_input_timeout_ms == 300000
    created = sim.of(SessionCreated)[0]
    assert (created.info.name, created.info.kind) == ("Order", "flow")
    # The launch sends the parameters; the first turn is a bare NoOp, the next one quotes it.
    launch = body_of(sim.transport.requests[1])
    assert launch["flow"] == {"id": ORDER_STATUS}
    assert launch["inputData"] == {"variables": {"Flow.CustomerName": "Alex"}}
    assert launch["channel"]["userAgent"] == {"name": "GenesysWebWidget"}
    first, second = sim.transport.bodies()
    assert first == {"inputEventType": "NoOp"}
    assert second == {"inputEventType": "NoOp", "previousTurn": {"id": session.turns[0].turn_id}}
    assert [t.input_type for t in session.turns] == ["NoOp", "NoOp"]
    assert waiting.turn_id == session.turns[-1].turn_id == session.last_turn_id


async def test_launch_request_carries_every_parameter(sim: Harness) -> None:
    params = FlowLaunchParams(
        flow_id=ORDER_STATUS,
        language="en-us",
        channel_name="Chat",
        user_agent="Whatsapp",
        input_variables={"Flow.CustomerName": "Alex", "Flow.IsVip": True},
        external_session_id="crm-7f3c2a9e",
        conversation_id="b41e7d2c-6a93-4f0e-8c5d-2e9a1b7f3c60",
    )
    sid = await sim.controller.launch_flow(params)
    launch = next(body_of(r) for r in sim.transport.requests if r.url.path.endswith("/botflows/sessions"))
    assert launch == {
        "flow": {"id": ORDER_STATUS},
        "externalSessionId": "crm-7f3c2a9e",
        "conversationId": "b41e7d2c-6a93-4f0e-8c5d-2e9a1b7f3c60",
        "inputData": {"variables": {"Flow.CustomerName": "Alex", "Flow.IsVip": True}},
        "channel": {
            "name": "Chat",
            "inputModes": ["Text"],
            "outputModes": ["Text"],
            "userAgent": {"name": "Whatsapp"},
        },
        "language": "en-us",
    }
    assert "Gold member" in " ".join(texts(*sim.of(BotOutput)))
    assert sim.controller.session(sid).target_id == ORDER_STATUS


async def test_noop_chains_are_drained_in_order_chaining_previous_turn(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(FlowLaunchParams(flow_id=FAQ))
    assert texts(*sim.of(BotOutput)) == [
        "Hello! I'm the Acme Help Centre assistant.",
        "I can answer questions about opening hours, returns, shipping and our stores.",
        "What would you like to know?",
    ]
    session = sim.controller.session(sid)
    assert [t.next_action for t in session.turns] == ["NoOp", "NoOp", "WaitForInput"]
    bodies = sim.transport.bodies()
    for turn, body in zip(session.turns, bodies[1:], strict=False):
        assert body["previousTurn"] == {"id": turn.turn_id}
    (waiting,) = sim.of(WaitingForInput)
    assert waiting.no_input_timeout_ms is None  # a classic bot flow sets none
    # A user turn is drained the same way: several outputs, then one wait.
    sim.events.clear()
    await sim.controller.send_text(sid, "returns")
    assert sim.names(sid) == ["UserInputSent", "BotOutput", "BotOutput", "BotOutput", "WaitingForInput"]


async def test_flow_that_never_waits_is_stopped_with_a_clear_error(make_harness: HarnessFactory) -> None:
    async with make_harness(max_noop_turns=1) as sim:
        sid = await sim.controller.launch_flow(FlowLaunchParams(flow_id=FAQ))
        (error,) = sim.of(ErrorOccurred)
        assert isinstance(error.error, FlowStalledError)
        assert error.error.message == "the flow never waited for input after 1 turn"
        assert error.fatal
        assert sim.controller.session(sid).state is SessionState.FAILED
        assert len(sim.transport.bodies()) == 2  # the start and one NoOp: no more
        with pytest.raises(InputRefused, match="failed"):
            await sim.controller.send_text(sid, "hello")


async def test_choice_sent_as_payload_by_default(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    await sim.controller.choose(sid, "TRACK an order")
    body = sim.transport.bodies()[-1]
    assert body["inputEventType"] == "UserInput"
    assert body["inputEventUserInput"]["alternatives"][0]["transcript"]["text"] == "track_order"
    (sent,) = sim.of(UserInputSent)
    assert (sent.text, sent.input_type, sent.choice and sent.choice.payload) == (
        "Track an order",
        "UserInput",
        "track_order",
    )
    assert "what is your order number" in texts(*sim.of(BotOutput))[-1]
    # A choice can also be named by its payload.
    await sim.controller.send_text(sid, "12345")
    await sim.controller.choose(sid, "no")
    assert sim.controller.session(sid).state is SessionState.EXITED


async def test_choices_sent_as_button_responses_in_rich_media_mode(sim: Harness) -> None:
    params = FlowLaunchParams(flow_id=APPOINTMENTS, choice_mode="rich_media")
    sid = await sim.controller.launch_flow(params)
    outputs = sim.of(BotOutput)
    assert any(isinstance(item, CarouselItem) for item in outputs[-1].items)
    await sim.controller.choose(sid, "Book a lens fitting")
    date_picker = next(i for i in sim.of(BotOutput)[-1].items if isinstance(i, DatePickerItem))
    slot = sim.controller.session(sid).choices[1]
    await sim.controller.choose(sid, slot)
    await sim.controller.choose(sid, "10:30 am")
    assert any(isinstance(item, ListPickerItem) for item in sim.of(BotOutput)[-1].items)
    await sim.controller.choose(sid, "Canary Wharf")
    await sim.controller.choose(sid, "Yes, book it")

    responses = [
        b["inputEventRichMedia"]["inputs"][0] for b in sim.transport.bodies() if "inputEventRichMedia" in b
    ]
    assert [b["inputEventType"] for b in sim.transport.bodies() if b["inputEventType"] != "NoOp"] == [
        "RichMediaInput"
    ] * 5
    assert [r["contentType"] for r in responses] == ["ButtonResponse"] * 5
    buttons = [r["buttonResponse"] for r in responses]
    assert buttons[0] == {"type": "Button", "text": "Book a lens fitting", "payload": "svc_contact_lens"}
    assert buttons[1]["type"] == "DatePicker"
    assert buttons[1]["payload"] == date_picker.available_times[1].date_time
    assert buttons[1]["originatingMessageId"] == "appointment-day"
    assert buttons[2] == {"type": "QuickReply", "text": "10:30 am", "payload": "10:30"}
    assert buttons[3] == {
        "type": "ListPicker",
        "text": "Canary Wharf",
        "payload": "clinic_canary_wharf",
        "originatingMessageId": "clinics",
    }
    (ended,) = sim.of(SessionEnded)
    assert ended.output_variables["Flow.Service"] == "svc_contact_lens"
    assert ended.output_variables["Flow.Clinic"] == "clinic_canary_wharf"
    assert ended.output_variables["Flow.AppointmentTime"] == "10:30"


async def test_waiting_offers_all_choices_since_the_last_input(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(FlowLaunchParams(flow_id=APPOINTMENTS))
    await sim.controller.choose(sid, "Book an eye test")
    await sim.controller.choose(sid, sim.controller.session(sid).choices[0])
    waiting = sim.of(WaitingForInput)[-1]
    # Two quick reply v2 groups in one response: both offered, with their group titles.
    assert [(c.group, c.label) for c in waiting.choices] == [
        ("Morning", "9:00 am"),
        ("Morning", "10:30 am"),
        ("Morning", "11:15 am"),
        ("Afternoon", "1:30 pm"),
        ("Afternoon", "3:00 pm"),
        ("Afternoon", "4:15 pm"),
    ]


async def test_unmatched_choice_and_links_are_refused_without_sending(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(FlowLaunchParams(flow_id=APPOINTMENTS))
    sent_before = len(sim.transport.requests)
    with pytest.raises(
        InputRefused, match="offered: Book an eye test, Book a lens fitting, Book a hearing check"
    ):
        await sim.controller.choose(sid, "Book a massage")
    with pytest.raises(InputRefused, match=r"is a link to https://www\.acme-opticians\.example/eye-test"):
        await sim.controller.choose(sid, "What to expect")
    assert len(sim.transport.requests) == sent_before
    assert sim.controller.session(sid).state is SessionState.WAITING


async def test_exit_shows_final_prompts_then_every_detail(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    await sim.controller.choose(sid, "Track an order")
    await sim.controller.send_text(sid, "12345")
    await sim.controller.choose(sid, "No")
    names = sim.names(sid)
    assert names[-2:] == ["BotOutput", "SessionEnded"]
    assert texts(*sim.of(BotOutput))[-1] == "Thanks for contacting Acme. Goodbye!"
    (ended,) = sim.of(SessionEnded)
    assert (ended.how, ended.reason) == ("exit", "TriggeredByFlow")
    assert ended.flow_location is not None
    assert (ended.flow_location.action_name, ended.flow_location.sequence_name) == (
        "Exit Bot Flow",
        "Goodbye",
    )
    assert ended.output_variables == {
        "Flow.OrderNumber": "12345",
        "Flow.OrderStatus": "Shipped",
        "Flow.ContactReason": "track_order",
    }
    outcomes = {outcome.outcome_id: outcome for outcome in ended.outcomes}
    tracked = outcomes["f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13"]
    assert tracked.value == "SUCCESS"
    assert [m.milestone_id for m in tracked.milestones] == [
        "a4c6e8f0-1b3d-4f5a-9c7e-0d2f4b6a8c35",
        "b7d9f1a3-5c2e-4a8b-9d0f-1e3a5c7b9d46",
    ]
    assert all(m.date_reached for m in tracked.milestones)
    session = sim.controller.session(sid)
    assert session.state is SessionState.EXITED
    assert session.info().end_reason == "TriggeredByFlow"
    assert sim.of(SessionChanged)[-1].info.state is SessionState.EXITED
    # Closed for input, but it keeps everything.
    kept = len(session.events)
    with pytest.raises(InputRefused, match=r"exited \(TriggeredByFlow\)"):
        await sim.controller.send_text(sid, "hello?")
    with pytest.raises(InputRefused):
        await sim.controller.send_event(sid, "NoInput")
    assert len(session.events) == kept
    assert len(session.exchanges) == len(sim.of(ExchangeRecorded, sid))


async def test_agent_handoff_exit_carries_the_active_intent(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    await sim.controller.send_text(sid, "I want to speak to someone")
    (ended,) = sim.of(SessionEnded, sid)
    assert (ended.how, ended.reason, ended.active_intent) == ("exit", "AgentRequestedByUser", "TalkToAgent")
    assert ended.output_variables["Flow.ContactReason"] == "agent"


async def test_disconnect_by_the_flow_and_by_the_user(sim: Harness) -> None:
    faq = await sim.controller.launch_flow(FlowLaunchParams(flow_id=FAQ))
    await sim.controller.send_text(faq, "bye")
    (ended,) = sim.of(SessionEnded, faq)
    assert (ended.how, ended.reason) == ("disconnect", "TriggeredByFlow")
    assert ended.flow_location is not None and ended.flow_location.action_name == "Disconnect Goodbye"
    assert sim.controller.session(faq).state is SessionState.DISCONNECTED

    order = await sim.controller.launch_flow(ORDER)
    await sim.controller.send_event(order, "userdisconnect")
    (left,) = sim.of(SessionEnded, order)
    assert (left.how, left.reason) == ("disconnect", "TriggeredByUser")
    assert sim.of(UserInputSent, order)[-1].input_type == "UserDisconnect"

    expired = await sim.controller.launch_flow(ORDER)
    await sim.controller.send_event(expired, "ClientSessionExpired")
    assert sim.of(SessionEnded, expired)[0].reason == "SessionExpired"


async def test_no_input_no_match_and_error_events(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    await sim.controller.send_event(sid, "NoInput")
    assert sim.transport.bodies()[-1] == {
        "inputEventType": "NoInput",
        "previousTurn": {"id": sim.controller.session(sid).turns[-2].turn_id},
    }
    # A digital bot flow does not reprompt on no input: its no-input handling ends the chat at once.
    assert texts(*sim.of(BotOutput))[-1].startswith("I haven't heard from you in a while")
    assert sim.of(SessionEnded, sid)[0].how == "disconnect"

    sid = await sim.controller.launch_flow(ORDER)
    assert sim.of(WaitingForInput)[-1].no_input_timeout_ms == 300000
    await sim.controller.choose(sid, "Track an order")
    for _ in range(3):
        await sim.controller.send_event(sid, "NoMatch")
    (ended,) = sim.of(SessionEnded, sid)
    assert (ended.how, ended.reason) == ("exit", "RecognitionFailure")
    assert ended.extended_info == "Order number not recognised after 3 attempts"

    faq = await sim.controller.launch_flow(FlowLaunchParams(flow_id=FAQ))
    await sim.controller.send_event(faq, "Error", code="client.render.failure", message="Could not show it")
    sent = sim.transport.bodies()[-1]
    assert sent["inputEventError"] == {"code": "client.render.failure", "message": "Could not show it"}
    assert sim.of(UserInputSent, faq)[-1].text == "Error client.render.failure: Could not show it"
    (failed,) = sim.of(SessionEnded, faq)
    assert (failed.reason, failed.extended_info) == ("Error", "client.render.failure: Could not show it")


async def test_unknown_event_types_are_refused(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    with pytest.raises(InputRefused, match="unknown event 'Typing': use one of NoInput, NoMatch, Error"):
        await sim.controller.send_event(sid, "Typing")
