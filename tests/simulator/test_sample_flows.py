"""The sample bot flows walked end to end through the real api client over ASGITransport."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .helpers import APPOINTMENT, FAQ, ORDER_STATUS, Conversation, offered, said

Start = Callable[[], Conversation]


def exit_of(conversation: Conversation) -> dict[str, Any]:
    last = conversation.responses[-1].raw_json
    assert last["nextActionType"] == "Exit", last
    action: dict[str, Any] = last["nextActionExit"]
    return action


def disconnect_of(conversation: Conversation) -> dict[str, Any]:
    last = conversation.responses[-1].raw_json
    assert last["nextActionType"] == "Disconnect", last
    action: dict[str, Any] = last["nextActionDisconnect"]
    return action


def labels(contents: list[dict[str, Any]]) -> list[str]:
    return [c["quickReply"]["text"] for c in contents if c["contentType"] == "QuickReply"]


# Order Status ---------------------------------------------------------------------------------------------


async def test_order_status_happy_path(conversation: Start) -> None:
    chat = conversation()
    opening = await chat.launch(ORDER_STATUS, {"Flow.CustomerName": "Alex"})
    assert [r.next_action_type for r in opening] == ["NoOp", "WaitForInput"]
    assert said(opening) == ["Hi Alex, welcome to Acme Support.", "What can I help you with today?"]
    assert labels(offered(opening)) == ["Track an order", "Return an item", "Talk to an agent"]
    wait = opening[-1].next_action_wait_for_input
    assert wait is not None and wait.mode_constraints is not None and wait.mode_constraints.text is not None
    assert wait.mode_constraints.text.no_input_timeout_milliseconds == 300000

    asked = await chat.say("Track an order")  # the label, typed
    assert said(asked) == [
        "Sure - what is your order number? It's the 5-digit number in your confirmation email."
    ]
    status = await chat.say("It's 12345")
    assert said(status) == [
        "Order 12345 is shipped: it left our warehouse yesterday and should arrive on Friday.",
        "Is there anything else I can help with?",
    ]
    await chat.click("No", "no")
    action = exit_of(chat)
    assert said(chat.responses[-1:]) == ["Thanks for contacting Acme. Goodbye!"]
    assert action["reason"] == "TriggeredByFlow"
    assert action["activeIntent"] == "TrackOrder"
    assert action["flowLocation"]["actionName"] == "Exit Bot Flow"
    assert action["flowLocation"]["sequenceName"] == "Goodbye"
    assert action["outputData"] == {
        "variables": {
            "Flow.OrderNumber": "12345",
            "Flow.OrderStatus": "Shipped",
            "Flow.ContactReason": "track_order",
        }
    }
    outcomes = {o["outcomeId"]: o for o in action["flowOutcomes"]}
    tracked = outcomes["f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13"]
    assert tracked["outcomeValue"] == "SUCCESS"
    assert [(m["id"], m["sequence"]) for m in tracked["milestones"]] == [
        ("a4c6e8f0-1b3d-4f5a-9c7e-0d2f4b6a8c35", 1),
        ("b7d9f1a3-5c2e-4a8b-9d0f-1e3a5c7b9d46", 2),
    ]
    assert outcomes["c2e8f4a6-0b3d-4e7f-9a1c-5d7b9e2f4a68"]["outcomeValue"] == "SUCCESS"
    start = datetime.fromisoformat(tracked["dateStart"].replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - start) < timedelta(minutes=5)


async def test_order_status_unrecognised_order_number_exits_with_recognition_failure(
    conversation: Start,
) -> None:
    chat = conversation()
    await chat.launch(ORDER_STATUS)
    await chat.say("track_order")  # the payload, as public clients send it
    first = await chat.say("I don't know")
    assert said(first) == [
        "Sorry, that doesn't look like an order number. It has 5 digits, for example 12345."
    ]
    second = await chat.say("1234")
    assert said(second) == ["Please type just the 5 digits of your order number."]
    await chat.event("NoMatch")
    action = exit_of(chat)
    assert said(chat.responses[-1:]) == [
        "I'm sorry, I couldn't recognise that order number. Let me find someone who can help."
    ]
    assert action["reason"] == "RecognitionFailure"
    assert action["reasonExtendedInfo"] == "Order number not recognised after 3 attempts"
    assert action["flowLocation"] == {
        "actionName": "Exit Recognition Failure",
        "actionNumber": 16,
        "sequenceName": "Track Order",
    }
    tracked = next(o for o in action["flowOutcomes"] if o["outcomeId"].startswith("f1b3d5e7"))
    assert tracked["outcomeValue"] == "FAILURE"


async def test_order_status_no_input_disconnects_without_a_reprompt(conversation: Start) -> None:
    # A digital bot flow: no-input reprompts are not enabled, the no-input handling runs at once.
    chat = conversation()
    await chat.launch(ORDER_STATUS)
    await chat.event("NoInput")
    action = disconnect_of(chat)
    assert said(chat.responses[-1:]) == [
        "I haven't heard from you in a while, so I'll close this chat. Come back any time!"
    ]
    assert action["reason"] == "TriggeredByFlow"
    assert action["reasonExtendedInfo"] == "No input from the customer"
    assert action["flowLocation"]["actionName"] == "Disconnect Idle"


async def test_order_status_agent_handoff_by_intent(conversation: Start) -> None:
    chat = conversation()
    await chat.launch(ORDER_STATUS)
    await chat.say("Can I speak to a real person please?")
    action = exit_of(chat)
    assert said(chat.responses[-1:]) == ["No problem - I'm transferring you to an agent now."]
    assert action["reason"] == "AgentRequestedByUser"
    assert action["activeIntent"] == "TalkToAgent"
    assert action["outputData"] == {"variables": {"Flow.ContactReason": "agent"}}


async def test_order_status_unknown_order_then_another_number(conversation: Start) -> None:
    chat = conversation()
    await chat.launch(ORDER_STATUS)
    await chat.click("Track an order", "track_order")
    missing = await chat.say("99999")
    assert said(missing)[0] == "I couldn't find an order with the number 99999."
    assert labels(offered(missing)) == ["Try another number", "Talk to an agent"]
    await chat.say("try ANOTHER number")  # a label, in any case
    found = await chat.say("67890")
    assert said(found)[0].startswith("Order 67890 is processing")
    assert said(await chat.say("yes please")) == ["What can I help you with today?"]
    returns = await chat.say("I want to return something")
    assert said(returns)[0].startswith("You can return most items within 30 days")
    await chat.say("no")
    assert exit_of(chat)["outputData"]["variables"] == {
        "Flow.OrderNumber": "67890",
        "Flow.OrderStatus": "Processing",
        "Flow.ContactReason": "return_item",
    }


# Appointment Booking ----------------------------------------------------------------------------------------


def working_days_ahead(count: int) -> date:
    day = datetime.now(UTC).date()
    while count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


async def test_appointment_booking_with_rich_media_clicks(conversation: Start) -> None:
    chat = conversation()
    opening = await chat.launch(APPOINTMENT, {"Flow.CustomerName": "Sam"})
    assert said(opening) == [
        "Hello Sam! I can book you in at one of our clinics.",
        "Which service would you like to book?",
    ]
    (carousel,) = offered(opening)
    cards = carousel["carousel"]["cards"]
    assert [c["title"] for c in cards] == ["Eye Test", "Contact Lens Fitting", "Hearing Check"]
    assert cards[0]["image"].startswith("https://")
    assert cards[0]["actions"] == [
        {"type": "Postback", "text": "Book an eye test", "payload": "svc_eye_test"},
        {"type": "Link", "text": "What to expect", "url": "https://www.acme-opticians.example/eye-test"},
    ]

    dates = await chat.click("Book an eye test", "svc_eye_test", type_="Button")
    assert said(dates) == ["Great, let's book your eye test. Which day suits you? Pick a day or type a date."]
    (picker,) = offered(dates)
    times = picker["datePicker"]["availableTimes"]
    assert len(times) == 5
    assert times[0] == {"dateTime": f"{working_days_ahead(1).isoformat()}T09:00:00.000Z", "duration": 28800}
    assert picker["datePicker"]["dateMinimum"] == f"{working_days_ahead(1).isoformat()}T00:00:00.000Z"

    slot = await chat.click("", times[1]["dateTime"], type_="DatePicker")
    chosen = working_days_ahead(2)
    assert said(slot) == [f"And what time on {chosen:%A} {chosen.day} {chosen:%B %Y}?"]
    groups = [c["quickReplyV2"] for c in offered(slot)]
    assert [g["title"] for g in groups] == ["Morning", "Afternoon"]
    assert [a["payload"] for a in groups[1]["actions"]] == ["13:30", "15:00", "16:15"]

    clinics = await chat.say("10:30 am")
    (list_picker,) = offered(clinics)
    sections = list_picker["listPicker"]["sections"]
    assert [s["title"] for s in sections] == ["London", "Manchester"]
    assert sections[0]["items"][1] == {
        "id": "clinic_canary_wharf",
        "title": "Canary Wharf",
        "subtitle": "30 Canada Square, E14 5AB",
    }

    confirm = await chat.click("Canary Wharf", "clinic_canary_wharf", type_="ListPicker")
    day_text = f"{chosen:%A} {chosen.day} {chosen:%B %Y}"
    expected = f"To confirm: your eye test at Canary Wharf on {day_text} at 10:30. Shall I book it?"
    assert said(confirm) == [expected]
    await chat.click("Yes, book it", "yes")
    action = exit_of(chat)
    variables = action["outputData"]["variables"]
    assert {k: v for k, v in variables.items() if k != "Flow.BookingReference"} == {
        "Flow.Service": "svc_eye_test",
        "Flow.AppointmentDate": chosen.isoformat(),
        "Flow.AppointmentTime": "10:30",
        "Flow.Clinic": "clinic_canary_wharf",
    }
    assert re.fullmatch(r"APT-[0-9A-F]{6}", variables["Flow.BookingReference"])
    assert f"Your reference is {variables['Flow.BookingReference']}." in said(chat.responses[-1:])[0]
    assert action["reason"] == "TriggeredByFlow"
    (outcome,) = action["flowOutcomes"]
    assert outcome["outcomeValue"] == "SUCCESS"
    assert [m["sequence"] for m in outcome["milestones"]] == [1, 2]


async def test_appointment_booking_by_typing_and_changing_the_date(conversation: Start) -> None:
    chat = conversation()
    await chat.launch(APPOINTMENT)
    assert said(await chat.say("contact lenses please"))[0].startswith(
        "Great, let's book your contact lens fitting."
    )
    past = await chat.say("2020-01-01")
    assert said(past) == [
        "Sorry, I need a date from today onwards - for example 'tomorrow', 'Friday' or '12 June'."
    ]
    assert offered(past)[0]["contentType"] == "DatePicker"  # the reprompt shows the picker again
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    await chat.say("tomorrow")
    await chat.say("3pm")
    await chat.say("Piccadilly")
    change = await chat.say("no")
    assert said(change)[0] == "No problem, let's pick another day and time."
    assert offered(change)[0]["contentType"] == "DatePicker"
    await chat.say("tomorrow")
    await chat.say("1:30 pm")
    await chat.say("Covent Garden")
    await chat.say("yes")
    variables = exit_of(chat)["outputData"]["variables"]
    assert variables["Flow.AppointmentDate"] == tomorrow.isoformat()
    assert variables["Flow.AppointmentTime"] == "13:30"
    assert variables["Flow.Clinic"] == "clinic_covent_garden"


async def test_appointment_booking_handoff(conversation: Start) -> None:
    chat = conversation()
    await chat.launch(APPOINTMENT)
    unclear = await chat.say("a pizza")
    assert said(unclear) == [
        "Sorry, I can book an eye test, a contact lens fitting or a hearing check. Which one?"
    ]
    await chat.say("let me speak to someone")
    action = exit_of(chat)
    assert action["reason"] == "AgentRequestedByUser"
    assert action["activeIntent"] == "TalkToAgent"
    assert action["flowOutcomes"][0]["outcomeValue"] == "FAILURE"


# Help Centre FAQ --------------------------------------------------------------------------------------------


async def test_faq_topics_attachments_location_card_and_handoff(conversation: Start) -> None:
    chat = conversation()
    opening = await chat.launch(FAQ)
    assert [r.next_action_type for r in opening] == ["NoOp", "NoOp", "WaitForInput"]

    hours = await chat.say("What are your opening hours?")
    assert said(hours)[0].startswith("Our stores are open 9am to 8pm")
    card = offered(hours)[0]
    assert card["contentType"] == "Card"
    assert card["card"]["title"] == "Acme Flagship Store"
    assert card["card"]["actions"] == [
        {"type": "Link", "text": "All store hours", "url": "https://www.acme.example/stores/hours"}
    ]
    assert hours[-1].next_action_type == "WaitForInput"

    returns = await chat.say("How do returns work?")
    assert [r.next_action_type for r in returns] == ["NoOp", "NoOp", "WaitForInput"]
    pdf = offered(returns)[0]["attachment"]
    assert pdf["mediaType"] == "File"
    assert (pdf["mime"], pdf["filename"]) == ("application/pdf", "returns-policy.pdf")
    assert offered(returns)[1] == {
        "contentType": "Text",
        "text": {"body": "Tip: keep your receipt or order email - we need it for every return."},
    }

    shipping = await chat.say("how much is delivery")
    image = offered(shipping)[0]["attachment"]
    assert (image["mediaType"], image["mime"]) == ("Image", "image/png")

    store = await chat.say("where are you?")
    location = offered(store)[0]["location"]
    assert location["address"] == "221 Market Street, Manchester M1 1WR"
    assert (location["latitude"], location["longitude"]) == (53.4823, -2.2393)

    await chat.say("I'd like to talk to someone")
    action = exit_of(chat)
    assert action["reason"] == "AgentRequestedByUser"
    assert action["activeIntent"] == "TalkToAgent"
    assert action["reasonExtendedInfo"] == "Customer asked for a person"
    assert action["outputData"] == {"variables": {"Flow.LastTopic": "store location"}}
    assert (
        "noInputTimeoutMilliseconds"
        not in chat.responses[-2].raw_json["nextActionWaitForInput"]["modeConstraints"]["text"]
    )


async def test_faq_bye_disconnects(conversation: Start) -> None:
    chat = conversation()
    await chat.launch(FAQ)
    await chat.say("bye")
    action = disconnect_of(chat)
    assert said(chat.responses[-1:]) == ["Thanks for visiting the Acme Help Centre. Bye!"]
    assert action["reason"] == "TriggeredByFlow"
    assert action["flowLocation"]["actionName"] == "Disconnect Goodbye"


async def test_faq_gibberish_disconnects_with_recognition_failure(conversation: Start) -> None:
    chat = conversation()
    await chat.launch(FAQ)
    for _ in range(2):
        assert (await chat.say("qwertyuiop"))[-1].next_action_type == "WaitForInput"
    await chat.say("asdfghjkl")
    action = disconnect_of(chat)
    assert action["reason"] == "RecognitionFailure"
    assert said(chat.responses[-1:]) == ["Sorry I couldn't help this time. Please call us on 0800 123 4567."]
