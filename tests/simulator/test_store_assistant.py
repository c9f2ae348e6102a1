"""The sample execute bot (Store Assistant) through the real api client: slots, states and continuity."""

from __future__ import annotations

from typing import Any

import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.errors import BadRequestError, NotFoundError
from textbots_tui.api.models import AmazonLexRequest, PostTextMessage, PostTextRequest, PostTextResponse

from .helpers import STORE_BOT


async def send(
    client: TextbotsClient, text: str, *, session: str = "session-1", bot: str = STORE_BOT, **extra: Any
) -> PostTextResponse:
    request = PostTextRequest(
        bot_id=bot,
        integration_id=extra.pop("integration_id", "d7a9c1e3-5b6f-4a8d-9c0e-2f4a6b8d0c17"),
        bot_session_id=session,
        post_text_message=PostTextMessage(type="Text", text=text),
        **extra,
    )
    return await client.execute(request)


def reply_texts(response: PostTextResponse) -> list[str]:
    return [m["text"] for m in response.raw_json["replyMessages"]]


async def test_store_hours_more_data_then_complete(client: TextbotsClient) -> None:
    first = await send(client, "What are your opening hours?", bot_correlation_id="req-000001")
    raw = first.raw_json
    assert raw["botState"] == "MoreData"
    assert raw["intentName"] == "CheckStoreHours"
    assert raw["slots"] == {}
    assert raw["botCorrelationId"] == "req-000001"
    (question,) = raw["replyMessages"]
    assert question["type"] == "Structured"
    assert question["text"] == "Which store are you asking about?"
    assert [c["quickReply"]["text"] for c in question["content"]] == ["London", "Manchester", "Leeds"]
    assert raw["amazonLex"] == {
        "dialogState": "ElicitSlot",
        "intentName": "CheckStoreHours",
        "slots": {"city": None},
        "slotToElicit": "city",
        "message": "Which store are you asking about?",
        "messageFormat": "PlainText",
        "sessionAttributes": {},
    }
    assert list(raw).index("botCorrelationId") < list(raw).index("amazonLex")

    done = (await send(client, "the Manchester one", bot_correlation_id="req-000002")).raw_json
    assert done["botState"] == "Complete"
    assert done["slots"] == {"city": "Manchester"}
    assert done["botCorrelationId"] == "req-000002"
    assert done["replyMessages"][0] == {
        "type": "Text",
        "text": "Our Manchester store is open 9am to 8pm Monday to Saturday and 11am to 5pm on Sunday.",
    }
    assert done["replyMessages"][1]["type"] == "Structured"
    assert done["amazonLex"]["dialogState"] == "Fulfilled"

    bye = (await send(client, "no")).raw_json
    assert (bye["botState"], bye["intentName"]) == ("Complete", "Goodbye")
    assert "botCorrelationId" not in bye


async def test_book_pickup_fills_slots_from_the_first_message(client: TextbotsClient) -> None:
    first = (await send(client, "Can I collect my order on 2099-06-12?")).raw_json
    assert (first["botState"], first["slots"]) == ("MoreData", {"date": "2099-06-12"})
    assert first["amazonLex"]["slotToElicit"] == "time"
    unclear = (await send(client, "whenever")).raw_json
    assert unclear["botState"] == "MoreData"
    assert unclear["replyMessages"] == [
        {"type": "Text", "text": "Please give a time, for example 10am or 14:30."}
    ]
    done = (await send(client, "13:00")).raw_json
    assert done["botState"] == "Complete"
    assert done["slots"] == {"date": "2099-06-12", "time": "13:00"}
    assert done["replyMessages"][0]["text"] == (
        "Done! Your order will be ready to collect on Friday 12 June 2099 from 13:00. "
        "Bring your order confirmation with you."
    )


async def test_slot_retries_run_out_into_failed(client: TextbotsClient) -> None:
    await send(client, "book a pickup")
    for _ in range(2):
        assert (await send(client, "not sure")).raw_json["botState"] == "MoreData"
    failed = (await send(client, "still not sure")).raw_json
    assert failed["botState"] == "Failed"
    assert failed["intentName"] == "BookPickup"
    # After Failed the same session starts a new intent.
    assert (await send(client, "help")).raw_json["intentName"] == "Help"


async def test_unrecognised_messages_fall_back_then_fail(client: TextbotsClient) -> None:
    for _ in range(2):
        fallback = (await send(client, "the weather is nice")).raw_json
        assert (fallback["botState"], fallback["intentName"]) == ("MoreData", "")
        assert fallback["amazonLex"]["dialogState"] == "ElicitIntent"
    failed = (await send(client, "the weather is nice")).raw_json
    assert failed["botState"] == "Failed"
    assert reply_texts(PostTextResponse.model_validate(failed)) == [
        "I'm sorry, I'm having trouble understanding. Please ask a member of staff in store."
    ]


async def test_sessions_are_separate_and_any_integration_answers(client: TextbotsClient) -> None:
    await send(client, "store hours", session="a", integration_id="integration-one")
    other = (await send(client, "Leeds", session="b", integration_id="integration-two")).raw_json
    assert other["botState"] == "MoreData"  # "Leeds" alone names no intent in a new session
    assert other["intentName"] == ""
    resumed = (await send(client, "Leeds", session="a", integration_id="integration-three")).raw_json
    assert (resumed["botState"], resumed["slots"]) == ("Complete", {"city": "Leeds"})


async def test_the_bot_may_be_named_and_session_attributes_are_echoed(client: TextbotsClient) -> None:
    lex = AmazonLexRequest(session_attributes={"customerTier": "gold"}, request_attributes={"channel": "web"})
    raw = (await send(client, "help", bot="Store Assistant", amazon_lex_request=lex)).raw_json
    assert raw["amazonLex"]["sessionAttributes"] == {"customerTier": "gold"}
    assert raw["replyMessages"][0]["content"][0]["quickReply"]["payload"] == "Store opening hours"


async def test_unknown_bot_and_empty_session_id(client: TextbotsClient) -> None:
    with pytest.raises(NotFoundError) as missing:
        await send(client, "hello", bot="OrderStatusBot")
    assert missing.value.status == 404
    with pytest.raises(BadRequestError):
        await send(client, "hello", session=" ")
