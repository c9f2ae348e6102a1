"""Save a session as a script: the YAML records the user's steps and what the bot said, and replays green."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import yaml

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.controller import Controller
from textbots_tui.core.events import Event, UserInputSent, WaitingForInput
from textbots_tui.core.items import Choice
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.runner import run_scenario
from textbots_tui.core.script import parse_script, script_from_session
from textbots_tui.simulator import SimulatorSettings, create_app

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
BOOKING = "7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"
FAQ = "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
STORE_BOT = "b0751c55-1e0a-4d7e-9b6a-3c2f1e0d9a8b"


@pytest.fixture
async def client() -> AsyncIterator[TextbotsClient]:
    transport = httpx.ASGITransport(app=create_app(SimulatorSettings()))
    async with TextbotsClient(
        api_url="http://simulator.local", client_id="demo", client_secret="demo", transport=transport
    ) as client:
        yield client


async def replay(text: str, client: TextbotsClient) -> None:
    """Parse the saved script and run it against the same simulator: it must pass."""
    [loaded] = parse_script(text, "saved.yaml")
    result = await run_scenario(loaded, client)
    assert result.failure is None, "\n".join(result.failure.details()) + "\n" + text


async def test_a_flow_session_round_trips(client: TextbotsClient) -> None:
    controller = Controller(client)
    params = FlowLaunchParams(
        flow_id=ORDER, input_variables={"Flow.CustomerName": "Alex"}, flow_name="Orders"
    )
    sid = await controller.launch_flow(params)
    await controller.choose(sid, "Track an order")
    await controller.send_text(sid, "99999")
    await controller.choose(sid, "Try another number")
    await controller.send_text(sid, "12345")
    await controller.choose(sid, "No")
    text = script_from_session(controller.session(sid).events, params, name="Saved order status")

    document = yaml.safe_load(text)
    assert document["name"] == "Saved order status"
    assert document["target"] == {"flow": {"id": ORDER}, "inputData": {"Flow.CustomerName": "Alex"}}
    steps = document["steps"]
    assert [next(iter(step)) for step in steps] == ["expect", "choose", "expect", "say", "expect", "choose",
                                                  "expect", "say", "expect", "choose", "expect"]  # fmt: skip
    assert steps[0]["expect"]["choices"] == ["Track an order", "Return an item", "Talk to an agent"]
    assert steps[0]["expect"]["nextAction"] == "WaitForInput"
    assert steps[3] == {"say": "99999"}
    assert steps[-1]["expect"]["nextAction"] == "Exit"
    exit_ = steps[-1]["expect"]["exit"]
    assert exit_["reason"] == "TriggeredByFlow"
    assert exit_["outputData"]["Flow.OrderStatus"] == "Shipped"
    assert "say: '99999'" in text  # quoted, so it stays text when read back
    await replay(text, client)


async def test_events_and_rich_choices_round_trip(client: TextbotsClient) -> None:
    controller = Controller(client)
    params = FlowLaunchParams(flow_id=BOOKING, choice_mode="rich_media")
    sid = await controller.launch_flow(params)
    await controller.choose(sid, "Book an eye test")
    await controller.send_event(sid, "NoMatch")
    text = script_from_session(controller.session(sid).events, params)
    document = yaml.safe_load(text)
    assert document["choiceMode"] == "rich_media"
    assert document["name"]
    assert {"event": "NoMatch"} in document["steps"]
    await replay(text, client)


async def test_an_error_event_keeps_its_code_and_message(client: TextbotsClient) -> None:
    controller = Controller(client)
    params = FlowLaunchParams(flow_id=FAQ)
    sid = await controller.launch_flow(params)
    await controller.send_event(sid, "Error", code="kiosk.offline", message="The kiosk lost its connection")
    text = script_from_session(controller.session(sid).events, params)
    steps = yaml.safe_load(text)["steps"]
    assert steps[1] == {
        "event": {"type": "Error", "code": "kiosk.offline", "message": "The kiosk lost its connection"}
    }
    assert steps[2]["expect"]["nextAction"] == "Disconnect"
    await replay(text, client)


async def test_a_bot_session_round_trips(client: TextbotsClient) -> None:
    controller = Controller(client)
    params = BotParams(bot_id=STORE_BOT, integration_id="any-integration", language="en-US", bot_name="Store")
    sid = await controller.start_bot(params)
    await controller.send_text(sid, "What are your opening hours?")
    await controller.choose(sid, "Leeds")
    text = script_from_session(controller.session(sid).events, params)
    document = yaml.safe_load(text)
    assert document["name"] == "Store"
    assert document["target"] == {
        "bot": {"id": STORE_BOT, "integrationId": "any-integration", "language": "en-US"}
    }
    expects = [step["expect"] for step in document["steps"] if "expect" in step]
    assert expects[1]["intent"] == "CheckStoreHours"
    assert expects[1]["botState"] == "MoreData"
    assert expects[2]["botState"] == "Complete"
    assert expects[2]["slots"] == {"city": "Leeds"}
    await replay(text, client)


def test_a_shared_button_label_is_saved_as_its_payload() -> None:
    picked = Choice("Book", "svc_hearing", kind="postback")
    offered = (Choice("Book", "svc_eye_test", kind="postback"), picked)
    events: list[Event] = [
        UserInputSent("s", "hi", "UserInput"),
        WaitingForInput("s", turn_id="t", choices=offered),
        UserInputSent("s", "Book", "UserInput", choice=picked),
    ]
    text = script_from_session(events, FlowLaunchParams(flow_id=ORDER, channel_name="Webchat"))
    document = yaml.safe_load(text)
    assert document["target"]["channel"] == {"name": "Webchat", "userAgent": "GenesysWebWidget"}
    assert document["steps"] == [
        {"say": "hi"},
        {"expect": {"nextAction": "WaitForInput", "choices": ["Book", "Book"]}},
        {"choose": "svc_hearing"},
    ]


def test_nothing_to_save() -> None:
    with pytest.raises(ValueError, match="nothing happened"):
        script_from_session([], FlowLaunchParams(flow_id=ORDER))
