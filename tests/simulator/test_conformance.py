"""Everything the simulator answers fits the official SDK 269.0.0 models, with every key known to them.

A client cannot tell the simulator from a real org by shape: each response body is deserialised the way the
SDK's ``ApiClient`` does it, failing on any key the SDK does not know, and must survive the SDK's round trip
unchanged (an enum value the SDK does not know would come back as ``outdated_sdk_version``).
"""

from __future__ import annotations

import re
import types

import pytest
from sdk_models import assert_conforms, load_sdk

from textbots_tui.simulator import SimulatorSettings

from .helpers import APPOINTMENT, FAQ, ORDER_STATUS, STORE_BOT, RawSim, open_sim, user_input

MILESTONE = "a4c6e8f0-1b3d-4f5a-9c7e-0d2f4b6a8c35"

MODEL_BY_PATH = [
    (re.compile(r"/sessions$"), "TextBotFlowLaunchResponse"),
    (re.compile(r"/turns$"), "TextBotFlowTurnResponse"),
    (re.compile(r"/execute$"), "PostTextResponse"),
    (re.compile(r"/api/v2/flows$"), "FlowEntityListing"),
    (re.compile(r"/bots/search$"), "BotSearchResponseEntityListing"),
    (re.compile(r"/flows/outcomes$"), "FlowOutcomeListing"),
    (re.compile(r"/flows/milestones$"), "FlowMilestoneListing"),
]


@pytest.fixture(scope="module")
def sdk() -> types.ModuleType:
    return load_sdk()


async def walk(sim: RawSim) -> None:
    """Conversations touching every kind of response the simulator gives."""
    order = await sim.launch(ORDER_STATUS, inputData={"variables": {"Flow.CustomerName": "Alex"}})
    await sim.drain(order)
    await sim.say(order, "track_order")
    await sim.say(order, "12345")
    await sim.say(order, "no")

    booking = await sim.launch(APPOINTMENT)
    await sim.drain(booking)
    for answer in ("eye test", "tomorrow", "10:30", "Piccadilly", "yes"):
        await sim.say(booking, answer)

    faq = await sim.launch(FAQ)
    await sim.drain(faq)
    await sim.turn(faq, {"inputEventType": "NoInput"})
    for answer in ("opening hours", "returns", "shipping", "where are you"):
        await sim.say(faq, answer)
    button = {
        "inputEventType": "RichMediaInput",
        "inputEventRichMedia": {
            "inputs": [
                {
                    "contentType": "ButtonResponse",
                    "buttonResponse": {"type": "QuickReply", "text": "x", "payload": "x"},
                }
            ]
        },
    }
    await sim.drain(faq, button)
    await sim.turn(faq, {"inputEventType": "Error", "inputEventError": {"code": "c", "message": "m"}})

    quitter = await sim.launch(ORDER_STATUS)
    await sim.drain(quitter)
    await sim.turn(quitter, {"inputEventType": "UserDisconnect"})

    for text in ("opening hours", "Leeds", "book a pickup", "tomorrow", "noon", "what?", "what?", "what?"):
        await sim.post(
            "/api/v2/textbots/bots/execute",
            {
                "botId": STORE_BOT,
                "integrationId": "i",
                "botSessionId": "s",
                "botCorrelationId": "c",
                "postTextMessage": {"type": "Text", "text": text},
            },
        )
    for path in (
        "/api/v2/flows?type=digitalbot&includeSchemas=true&pageSize=1",
        "/api/v2/textbots/bots/search",
        "/api/v2/flows/outcomes?pageSize=2",
        f"/api/v2/flows/milestones?id={MILESTONE}",
    ):
        response = await sim.http.get(path, headers=sim.auth)
        sim.bodies.append((path.split("?")[0], response.status_code, response.json()))

    # Errors.
    await sim.turn_response(quitter, user_input("hello"))
    await sim.turn_response("missing", {"inputEventType": "NoOp"})
    await sim.post("/api/v2/textbots/botflows/sessions", {"flow": {}})


async def test_every_response_fits_the_sdk_models(sdk: types.ModuleType) -> None:
    async with open_sim(SimulatorSettings(seed=11)) as sim:
        await walk(sim)
    statuses = {status for _, status, _ in sim.bodies}
    assert statuses == {200, 400, 404, 409}
    kinds = {body.get("nextActionType") for path, status, body in sim.bodies if path.endswith("/turns")}
    assert kinds >= {"NoOp", "WaitForInput", "Exit", "Disconnect"}
    for index, (path, status, body) in enumerate(sim.bodies):
        where = f"response {index} ({path}, {status})"
        if status != 200:
            assert_conforms(sdk, body, "ErrorBody", where)
            continue
        klass = next(model for pattern, model in MODEL_BY_PATH if pattern.search(path))
        assert_conforms(sdk, body, klass, where)


def test_the_check_catches_an_unknown_key(sdk: types.ModuleType) -> None:
    with pytest.raises(AssertionError, match="unknown to the SDK"):
        assert_conforms(
            sdk, {"id": "t", "nextActionType": "NoOp", "surprise": 1}, "TextBotFlowTurnResponse", "$"
        )
