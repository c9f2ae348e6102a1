from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC

import httpx
import pytest
from pydantic import SecretStr

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.errors import ConflictError, InvalidResponseError, NotFoundError, PermissionDeniedError
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.models import (
    BotType,
    ContentType,
    NextActionType,
    PostTextMessage,
    PostTextRequest,
    TextBotFlow,
    TextBotFlowLaunchRequest,
    TextBotFlowTurnRequest,
    TextBotInputOutputData,
)
from textbots_tui.api.regions import derive_login_url

from .conftest import API, SESSIONS, TOKEN_PATH, TURN_OK, FakeGenesys, json_of

TURNS = f"{SESSIONS}/s1/turns"
EXECUTE = "/api/v2/textbots/bots/execute"


def launch_request() -> TextBotFlowLaunchRequest:
    return TextBotFlowLaunchRequest(
        flow=TextBotFlow(id="flow-1"),
        input_data=TextBotInputOutputData(variables={"Flow.Name": "Alex", "Flow.Vip": True}),
        language="en-us",
    )


async def test_launch_sends_the_model_and_parses_the_session(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(SESSIONS, httpx.Response(200, json={"id": "session-1"}))
    async with make_client() as client:
        session = await client.launch_session(launch_request())
    assert session.id == "session-1"
    assert session.raw_json == {"id": "session-1"}
    sent = fake.seen(SESSIONS)[0]
    assert sent.method == "POST"
    assert str(sent.url) == f"{API}{SESSIONS}"
    assert json_of(sent) == launch_request().to_wire()
    assert sent.headers["content-type"] == "application/json"
    assert sent.headers["accept"] == "application/json"
    assert sent.headers["user-agent"].startswith("textbots-tui/")


async def test_turn_path_quotes_the_session_id(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(f"{SESSIONS}/a/b c/turns", httpx.Response(200, json=TURN_OK))
    async with make_client() as client:
        resp = await client.send_turn("a/b c", TextBotFlowTurnRequest.no_op())
    assert resp.next_action_type is NextActionType.WAIT_FOR_INPUT
    raw_path = fake.requests[-1].url.raw_path
    assert raw_path == b"/api/v2/textbots/botflows/sessions/a%2Fb%20c/turns"


async def test_execute(fake: FakeGenesys, make_client: Callable[..., TextbotsClient]) -> None:
    fake.on(
        EXECUTE,
        httpx.Response(200, json={"botState": "MoreData", "replyMessages": [{"type": "Text", "text": "?"}]}),
    )
    req = PostTextRequest(
        bot_id="bot",
        integration_id="int",
        bot_session_id="sess",
        post_text_message=PostTextMessage(text="hi"),
    )
    async with make_client() as client:
        resp = await client.execute(req)
    assert resp.bot_state == "MoreData"
    assert json_of(fake.seen(EXECUTE)[0]) == {
        "botId": "bot",
        "integrationId": "int",
        "botSessionId": "sess",
        "postTextMessage": {"type": "Text", "text": "hi"},
    }


async def test_list_flows_and_search_bots_query(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(
        "/api/v2/flows", httpx.Response(200, json={"entities": [{"name": "A", "type": "BOT"}], "total": 1})
    )
    search = {
        "entities": [
            {"id": "b1", "name": "Lex", "botType": "AmazonLex"},
            {"id": "b2", "name": "N", "botType": "Newbot"},
        ]
    }
    fake.on("/api/v2/textbots/bots/search", httpx.Response(200, json=search))
    async with make_client() as client:
        flows = await client.list_flows("bot", name="Ord*", page_size=50, include_schemas=True)
        bots = await client.search_bots("Lex", ["AmazonLex", "GenesysBotConnector"])
    assert flows.entities[0].name == "A" and flows.total == 1
    flows_query = fake.seen("/api/v2/flows")[0].url.params
    assert dict(flows_query) == {
        "type": "bot",
        "pageSize": "50",
        "pageNumber": "1",
        "name": "Ord*",
        "includeSchemas": "true",
    }
    search_query = fake.seen("/api/v2/textbots/bots/search")[0].url.params
    assert search_query.get_list("botType") == ["AmazonLex", "GenesysBotConnector"]
    assert search_query["botName"] == "Lex" and search_query["pageSize"] == "25"
    assert bots.entities[0].bot_type is BotType.AMAZON_LEX
    assert bots.entities[1].bot_type == "Newbot"


async def test_hooks_client_wide_and_per_call(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], exchanges: list[Exchange]
) -> None:
    fake.on(TURNS, httpx.Response(200, json=TURN_OK, headers={"ININ-Correlation-Id": "corr-1"}))
    per_call: list[Exchange] = []
    async with make_client() as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op(), on_exchange=per_call.append)
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op("turn-1"))
    # The per-call hook saw its call's attempts (token + turn); the client-wide one saw everything.
    assert [e.path for e in per_call] == [TOKEN_PATH, TURNS]
    assert [e.path for e in exchanges] == [TOKEN_PATH, TURNS, TURNS]
    ex = exchanges[-1]
    assert ex.method == "POST" and ex.status == 200 and ex.attempt == 1
    assert ex.url == f"{API}{TURNS}"
    assert ex.correlation_id == "corr-1"
    assert ex.request_body == {"previousTurn": {"id": "turn-1"}, "inputEventType": "NoOp"}
    assert ex.response_body == TURN_OK
    assert ex.started_at.tzinfo is UTC
    assert ex.duration_ms >= 0
    assert ex.response_headers["inin-correlation-id"] == "corr-1"


async def test_a_failing_hook_does_not_fail_the_call(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], caplog: pytest.LogCaptureFixture
) -> None:
    def broken(exchange: Exchange) -> None:
        raise RuntimeError("observer bug")

    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client(on_exchange=broken) as client:
        with caplog.at_level(logging.ERROR):
            resp = await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert resp.id == "turn-1"
    assert "on_exchange hook failed" in caplog.text


async def test_error_status_carries_details_and_exchange(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    body = {"status": 404, "code": "not.found", "message": "The requested operation failed with status 404"}
    fake.on(TURNS, httpx.Response(404, json=body, headers={"ININ-Correlation-Id": "corr-404"}))
    async with make_client() as client:
        with pytest.raises(NotFoundError) as info:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    err = info.value
    assert (err.status, err.code, err.correlation_id) == (404, "not.found", "corr-404")
    assert err.body == body
    assert err.exchange is not None
    assert err.exchange.status == 404 and err.exchange.response_body == body
    assert err.exchange.correlation_id == "corr-404"


async def test_conflict(fake: FakeGenesys, make_client: Callable[..., TextbotsClient]) -> None:
    fake.on(TURNS, httpx.Response(409, json={"code": "conflict", "message": "stale previousTurn"}))
    async with make_client() as client:
        with pytest.raises(ConflictError, match="stale previousTurn"):
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op("old"))


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (httpx.Response(200, content=b'{"id": "turn-1", '), "not JSON"),
        (httpx.Response(200, content=b""), "an empty body"),
        (
            httpx.Response(200, text="<!DOCTYPE html><html><title>Portal</title><body>Log in</body></html>"),
            "Portal",
        ),
        (httpx.Response(200, json={"id": "turn-1"}), "nextActionType"),
        (httpx.Response(200, json=["not", "an", "object"]), "TextBotFlowTurnResponse"),
    ],
    ids=["truncated-json", "empty", "html-page", "missing-field", "wrong-type"],
)
async def test_invalid_responses(
    fake: FakeGenesys,
    make_client: Callable[..., TextbotsClient],
    sleeps: object,
    reply: httpx.Response,
    expected: str,
) -> None:
    fake.on(TURNS, reply)
    async with make_client() as client:
        with pytest.raises(InvalidResponseError) as info:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    err = info.value
    assert expected in err.message
    assert "Traceback" not in err.message and len(err.message) < 400
    assert err.status == 200
    assert err.may_have_been_processed is True
    assert err.exchange is not None and err.exchange.status == 200
    assert len(fake.seen(TURNS)) == 1  # never sent again
    if "html" in reply.headers.get("content-type", "") or reply.text.startswith("<!DOCTYPE"):
        assert "HTML" in err.hint


async def test_unknown_values_reach_the_caller(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    body = {
        "id": "t9",
        "nextActionType": "Handover",
        "futureField": {"x": 1},
        "prompts": {
            "outputLanguage": "en-us",
            "textPrompts": {
                "segments": [
                    {"type": "Hologram", "text": "beam", "sparkle": True},
                    {
                        "type": "RichMedia",
                        "text": "",
                        "content": [{"contentType": "Poll", "poll": {"q": "?"}}],
                    },
                ]
            },
        },
    }
    fake.on(TURNS, httpx.Response(200, json=body))
    async with make_client() as client:
        resp = await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert resp.next_action_type == "Handover"
    assert resp.model_extra == {"futureField": {"x": 1}}
    assert resp.segments[0].type == "Hologram"
    content = resp.segments[1].content
    assert content is not None and content[0].content_type == "Poll"
    assert content[0].model_extra == {"poll": {"q": "?"}}
    assert resp.raw_json == body
    assert resp.to_wire() == body


async def test_no_credentials_sends_no_authorization(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client(client_id=None, client_secret=None) as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
        assert client.auth is None
    assert "authorization" not in fake.seen(TURNS)[0].headers
    assert fake.seen(TOKEN_PATH) == []


async def test_secret_str_credentials_and_explicit_login_url(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client(
        client_secret=SecretStr("s3cret"), login_url="https://sso.example.test/", access_token=None
    ) as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
        assert "s3cret" not in repr(client)
    token_request = fake.requests[0]
    assert str(token_request.url) == "https://sso.example.test/oauth/token"


def test_constructor_validation() -> None:
    with pytest.raises(ValueError, match="http"):
        TextbotsClient(api_url="api.mypurecloud.ie")
    with pytest.raises(ValueError, match="together"):
        TextbotsClient(api_url=API, client_id="id")


@pytest.mark.parametrize(
    ("api_url", "login_url"),
    [
        ("https://api.mypurecloud.ie", "https://login.mypurecloud.ie"),
        ("https://api.use2.us-gov-pure.cloud", "https://login.use2.us-gov-pure.cloud"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("http://simulator.local", "http://simulator.local"),
        ("https://myapi.example.com", "https://myapi.example.com"),
    ],
)
def test_derive_login_url(api_url: str, login_url: str) -> None:
    assert derive_login_url(api_url) == login_url
    assert TextbotsClient(api_url=api_url + "/").login_url == login_url


async def test_rich_media_turn_goes_out_as_built(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    req = TextBotFlowTurnRequest.button_response("Track an order", "track_order", "t1")
    async with make_client() as client:
        await client.send_turn("s1", req)
    sent = json_of(fake.seen(TURNS)[0])
    assert sent == {
        "previousTurn": {"id": "t1"},
        "inputEventType": "RichMediaInput",
        "inputEventRichMedia": {
            "inputs": [
                {
                    "contentType": "ButtonResponse",
                    "buttonResponse": {
                        "type": "QuickReply",
                        "text": "Track an order",
                        "payload": "track_order",
                    },
                }
            ]
        },
    }
    assert req.input_event_rich_media is not None
    inputs = req.input_event_rich_media.inputs
    assert inputs is not None and inputs[0].content_type is ContentType.BUTTON_RESPONSE
    assert json.loads(json.dumps(sent)) == req.to_wire()


async def test_outcome_and_milestone_names_query(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    listing = {"entities": [{"id": "o1", "name": "Paid", "division": {"id": "d"}}], "pageSize": 100}
    fake.on("/api/v2/flows/outcomes", httpx.Response(200, json=listing))
    fake.on("/api/v2/flows/milestones", httpx.Response(403, json={"status": 403, "message": "no"}))
    async with make_client() as client:
        outcomes = await client.list_flow_outcomes(["o1", "o2"])
        with pytest.raises(PermissionDeniedError):
            await client.list_flow_milestones(["m1"])
    assert [(e.id, e.name) for e in outcomes.entities] == [("o1", "Paid")]
    query = fake.seen("/api/v2/flows/outcomes")[0].url.params
    assert query.get_list("id") == ["o1", "o2"]
    assert query["pageSize"] == "100"
    assert fake.seen("/api/v2/flows/milestones")[0].url.params.get_list("id") == ["m1"]
