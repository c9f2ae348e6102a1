"""Bot sessions (execute) against the simulator's Store Assistant, and listing the org's targets."""

from __future__ import annotations

import httpx
import pytest

from textbots_tui.api.errors import AuthenticationError, ServerError
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import BotOutput, ErrorOccurred, SessionCreated, UserInputSent, WaitingForInput
from textbots_tui.core.items import ChoicesItem, TextItem
from textbots_tui.core.params import BotParams, SessionState

from .conftest import APPOINTMENTS, FAQ, ORDER_STATUS, STORE_BOT, Harness, HarnessFactory

STORE = BotParams(
    bot_id=STORE_BOT,
    integration_id="d7a9c1e3-5b6f-4a8d-9c0e-2f4a6b8d0c17",
    language="en-US",
    bot_channels=("Messaging",),
    amazon_lex={"sessionAttributes": {"customerTier": "gold"}},
    bot_name="Store Assistant",
)


async def test_nothing_is_sent_until_the_first_text(sim: Harness) -> None:
    sid = await sim.controller.start_bot(STORE)
    session = sim.controller.session(sid)
    assert sim.names(sid) == ["SessionCreated", "WaitingForInput"]
    assert sim.of(SessionCreated)[0].info.kind == "bot"
    assert session.state is SessionState.WAITING
    assert sim.transport.requests == []
    assert session.remote_id is not None and len(session.remote_id) == 36


async def test_intents_and_slots_over_one_bot_session(sim: Harness) -> None:
    sid = await sim.controller.start_bot(STORE)
    await sim.controller.send_text(sid, "what are your opening hours")
    asking = sim.of(BotOutput)[-1]
    assert (asking.bot_state, asking.intent, asking.slots) == ("MoreData", "CheckStoreHours", {})
    assert asking.latency_ms is not None and asking.latency_ms > 0
    assert [c.label for c in sim.of(WaitingForInput)[-1].choices] == ["London", "Manchester", "Leeds"]

    await sim.controller.choose(sid, "leeds")
    done = sim.of(BotOutput)[-1]
    assert (done.bot_state, done.intent, done.slots) == ("Complete", "CheckStoreHours", {"city": "Leeds"})
    assert done.items[0] == TextItem("Our Leeds store is open 9:30am to 7pm every day.")
    assert isinstance(done.items[-1], ChoicesItem)
    assert sim.of(UserInputSent)[-1].text == "Leeds"
    # Complete does not end a bot session: a new intent can start.
    assert sim.controller.session(sid).state is SessionState.WAITING
    await sim.controller.send_text(sid, "book a pickup")
    assert sim.of(BotOutput)[-1].intent == "BookPickup"

    bodies = sim.transport.bodies("/bots/execute")
    assert len({body["botSessionId"] for body in bodies}) == 1
    assert bodies[0]["botSessionId"] == sim.controller.session(sid).remote_id
    assert [body["postTextMessage"] for body in bodies] == [
        {"type": "Text", "text": "what are your opening hours"},
        {"type": "Text", "text": "Leeds"},
        {"type": "Text", "text": "book a pickup"},
    ]
    assert bodies[0]["integrationId"] == STORE.integration_id
    assert bodies[0]["languageCode"] == "en-US"
    assert bodies[0]["botChannels"] == ["Messaging"]
    assert bodies[0]["amazonLexRequest"] == {"sessionAttributes": {"customerTier": "gold"}}
    assert len({body["botCorrelationId"] for body in bodies}) == 3
    assert [t.next_action for t in sim.controller.session(sid).turns] == ["MoreData", "Complete", "MoreData"]


async def test_failed_bot_state_keeps_the_session_open(sim: Harness) -> None:
    sid = await sim.controller.start_bot(STORE)
    for _ in range(3):
        await sim.controller.send_text(sid, "purple elephants")
    assert [o.bot_state for o in sim.of(BotOutput)] == ["MoreData", "MoreData", "Failed"]
    assert sim.controller.session(sid).state is SessionState.WAITING
    await sim.controller.send_text(sid, "opening hours")
    assert sim.of(BotOutput)[-1].intent == "CheckStoreHours"


async def test_choice_in_rich_media_mode_carries_a_button_response(sim: Harness) -> None:
    sid = await sim.controller.start_bot(
        BotParams(bot_id=STORE_BOT, integration_id="any", choice_mode="rich_media")
    )
    await sim.controller.send_text(sid, "opening hours")
    await sim.controller.choose(sid, "Manchester")
    message = sim.transport.bodies("/bots/execute")[-1]["postTextMessage"]
    assert message["type"] == "Structured"
    assert message["text"] == "Manchester"
    assert message["content"][0]["buttonResponse"] == {
        "type": "QuickReply",
        "text": "Manchester",
        "payload": "Manchester",
    }
    assert sim.of(BotOutput)[-1].slots == {"city": "Manchester"}


async def test_execute_failure_keeps_the_text(sim: Harness) -> None:
    sid = await sim.controller.start_bot(STORE)
    sim.transport.answer = lambda request: httpx.Response(500, json={"status": 500, "message": "down"})
    await sim.controller.send_text(sid, "opening hours")
    (error,) = sim.of(ErrorOccurred)
    assert isinstance(error.error, ServerError)
    assert (error.unsent_input, error.fatal) == ("opening hours", False)
    assert sim.controller.session(sid).state is SessionState.WAITING
    assert not sim.of(UserInputSent)


async def test_bots_take_no_input_events_and_bad_settings_are_refused(sim: Harness) -> None:
    sid = await sim.controller.start_bot(STORE)
    with pytest.raises(InputRefused, match="only for bot flow sessions"):
        await sim.controller.send_event(sid, "NoInput")
    with pytest.raises(InputRefused, match="bot settings"):
        await sim.controller.start_bot(
            BotParams(bot_id=STORE_BOT, integration_id="any", amazon_lex={"sessionAttributes": "not a map"})
        )
    assert len(sim.controller.sessions) == 1


async def test_restart_of_a_bot_session_gets_a_new_bot_session_id(sim: Harness) -> None:
    sid = await sim.controller.start_bot(STORE)
    new_sid = await sim.controller.restart(sid)
    assert sim.controller.session(new_sid).remote_id != sim.controller.session(sid).remote_id
    assert sim.controller.session(new_sid).name == "Store Assistant"


async def test_list_targets(sim: Harness) -> None:
    flows = await sim.controller.list_targets("flow")
    assert [(t.name, t.target_id, t.type_name) for t in flows] == [
        ("Appointment Booking", APPOINTMENTS, "DIGITALBOT"),
        ("Help Centre FAQ", FAQ, "BOT"),
        ("Order Status", ORDER_STATUS, "DIGITALBOT"),
    ]
    assert all(t.kind == "flow" and t.languages == ("en-us",) for t in flows)
    assert (
        flows[2].description == "Tracks an order by its number, explains returns, or hands over to an agent."
    )
    requested = {r.url.params["type"] for r in sim.transport.requests if r.url.path == "/api/v2/flows"}
    assert requested == {"digitalbot", "bot"}
    bots = await sim.controller.list_targets("bot")
    assert [(t.name, t.target_id, t.kind, t.type_name) for t in bots] == [
        ("Store Assistant", STORE_BOT, "bot", "AmazonLex")
    ]


async def test_list_targets_raises_the_typed_error(make_harness: HarnessFactory) -> None:
    async with make_harness(accepted_clients={"demo": "the-right-secret"}, client_secret="wrong") as sim:
        with pytest.raises(AuthenticationError):
            await sim.controller.list_targets("flow")
