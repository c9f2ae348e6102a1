from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable

import httpx
import pytest

from textbots_tui.api.auth import ClientCredentialsAuth, token_refresh_delay
from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.errors import AuthenticationError, ServerError
from textbots_tui.api.exchange import REDACTED, Exchange
from textbots_tui.api.models import TextBotFlowTurnRequest

from .conftest import SESSIONS, TOKEN_PATH, TURN_OK, FakeGenesys, Sleeps, token_body

TURNS = f"{SESSIONS}/s1/turns"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def bearer(request: httpx.Request) -> str:
    return request.headers["authorization"]


async def test_token_request_shape(fake: FakeGenesys, make_client: Callable[..., TextbotsClient]) -> None:
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client() as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    token_request = fake.seen(TOKEN_PATH)[0]
    assert str(token_request.url) == "https://login.mypurecloud.ie/oauth/token"
    assert token_request.method == "POST"
    expected = base64.b64encode(b"my-client:my-secret").decode()
    assert token_request.headers["authorization"] == f"Basic {expected}"
    assert token_request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert token_request.content == b"grant_type=client_credentials"
    # The token request keeps the client's timeouts (requests made in an auth flow skip client defaults).
    assert token_request.extensions["timeout"]["connect"] == 5.0
    assert bearer(fake.seen(TURNS)[0]) == "Bearer tok-1"


async def test_fifty_concurrent_calls_make_one_token_request(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    requested = asyncio.Event()
    release = asyncio.Event()

    async def slow_token(request: httpx.Request) -> httpx.Response:
        requested.set()
        await release.wait()
        return httpx.Response(200, json=token_body("shared"))

    fake.on(TOKEN_PATH, slow_token).on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client() as client:
        tasks = [
            asyncio.create_task(client.send_turn("s1", TextBotFlowTurnRequest.no_op())) for _ in range(50)
        ]
        await requested.wait()
        # Every task has started (tasks run in creation order) and now waits behind the one token request.
        await asyncio.sleep(0)
        assert len(fake.seen(TOKEN_PATH)) == 1
        release.set()
        results = await asyncio.gather(*tasks)
    assert len(results) == 50
    assert len(fake.seen(TOKEN_PATH)) == 1
    assert {bearer(r) for r in fake.seen(TURNS)} == {"Bearer shared"}
    assert client.auth is not None and client.auth.token_requests == 1


async def test_token_is_reused_then_refreshed_on_expiry(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    clock = Clock()
    fake.on(
        TOKEN_PATH,
        httpx.Response(200, json=token_body("first", expires_in=3600)),
        httpx.Response(200, json=token_body("second", expires_in=3600)),
    )
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client(clock=clock) as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
        clock.now += 3239  # just before 90% of the lifetime
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
        assert len(fake.seen(TOKEN_PATH)) == 1
        clock.now += 2  # past it
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert len(fake.seen(TOKEN_PATH)) == 2
    assert [bearer(r) for r in fake.seen(TURNS)] == ["Bearer first", "Bearer first", "Bearer second"]


@pytest.mark.parametrize(
    ("expires_in", "delay"),
    [(86399, 86399 * 0.9), (3600, 3240.0), (300, 240.0), (100, 50.0), (30, 15.0)],
)
def test_refresh_delay(expires_in: float, delay: float) -> None:
    assert token_refresh_delay(expires_in) == pytest.approx(delay)


async def test_missing_expires_in_uses_a_default_lifetime(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    clock = Clock()
    fake.on(
        TOKEN_PATH,
        httpx.Response(200, json=token_body("a", expires_in=None)),
        httpx.Response(200, json=token_body("b", expires_in=None)),
    )
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client(clock=clock) as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
        clock.now += 60
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
        assert len(fake.seen(TOKEN_PATH)) == 1
        clock.now += 3600
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert len(fake.seen(TOKEN_PATH)) == 2


async def test_401_fetches_a_new_token_and_retries_once(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], exchanges: list[Exchange]
) -> None:
    fake.on(
        TURNS,
        httpx.Response(401, json={"code": "credentials.expired", "message": "expired"}),
        httpx.Response(200, json=TURN_OK),
    )
    async with make_client() as client:
        turn = await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert turn.id == "turn-1"
    assert len(fake.seen(TOKEN_PATH)) == 2
    assert [bearer(r) for r in fake.seen(TURNS)] == ["Bearer tok-1", "Bearer tok-2"]
    assert [(e.path, e.status) for e in exchanges] == [
        (TOKEN_PATH, 200),
        (TURNS, 401),
        (TOKEN_PATH, 200),
        (TURNS, 200),
    ]


async def test_401_twice_is_final(fake: FakeGenesys, make_client: Callable[..., TextbotsClient]) -> None:
    fake.on(TURNS, httpx.Response(401, json={"code": "bad.credentials", "message": "nope"}))
    async with make_client() as client:
        with pytest.raises(AuthenticationError) as info:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert len(fake.seen(TURNS)) == 2
    assert len(fake.seen(TOKEN_PATH)) == 2
    assert info.value.code == "bad.credentials"
    assert info.value.exchange is not None and info.value.exchange.status == 401


async def test_access_token_alone_is_used_and_a_401_is_final(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(TURNS, httpx.Response(200, json=TURN_OK), httpx.Response(401, json={"message": "expired"}))
    async with make_client(client_id=None, client_secret=None, access_token="ready-token") as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
        with pytest.raises(AuthenticationError):
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert fake.seen(TOKEN_PATH) == []
    assert [bearer(r) for r in fake.seen(TURNS)] == ["Bearer ready-token", "Bearer ready-token"]


async def test_access_token_with_credentials_refreshes_on_401(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(TURNS, httpx.Response(401, json={"message": "expired"}), httpx.Response(200, json=TURN_OK))
    async with make_client(access_token="old") as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert [bearer(r) for r in fake.seen(TURNS)] == ["Bearer old", "Bearer tok-1"]


async def test_refused_credentials_raise_a_clear_authentication_error(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], exchanges: list[Exchange], sleeps: Sleeps
) -> None:
    body = {
        "error": "invalid_client",
        "description": "client not found",
        "error_description": "client not found",
    }
    fake.on(TOKEN_PATH, httpx.Response(401, json=body))
    async with make_client() as client:
        with pytest.raises(AuthenticationError) as info:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    err = info.value
    assert err.title == "Authentication failed"
    assert "invalid_client" in err.message and "client not found" in err.message
    assert err.code == "invalid_client"
    assert err.may_have_been_processed is False
    assert "login.mypurecloud.ie" in err.hint
    assert fake.seen(TURNS) == []  # the API request never went out
    assert sleeps.calls == []
    assert err.exchange is not None and err.exchange.path == TOKEN_PATH
    assert [e.path for e in exchanges] == [TOKEN_PATH]


async def test_token_endpoint_without_a_token_is_an_authentication_error(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(TOKEN_PATH, httpx.Response(200, text="<html><title>Sign in</title></html>"))
    async with make_client() as client:
        with pytest.raises(AuthenticationError, match="without a JSON token"):
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())


async def test_queued_calls_share_a_token_failure(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    requested = asyncio.Event()
    release = asyncio.Event()

    async def refuse(request: httpx.Request) -> httpx.Response:
        requested.set()
        await release.wait()
        return httpx.Response(400, json={"error": "invalid_client"})

    fake.on(TOKEN_PATH, refuse)
    async with make_client() as client:
        tasks = [
            asyncio.create_task(client.send_turn("s1", TextBotFlowTurnRequest.no_op())) for _ in range(5)
        ]
        await requested.wait()
        release.set()
        results = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(r, AuthenticationError) for r in results)
    assert len({id(r) for r in results}) == 5  # each call gets its own exception object
    assert len(fake.seen(TOKEN_PATH)) == 1
    # A later call tries again rather than remembering the failure forever.
    fake.on(TOKEN_PATH, httpx.Response(200, json=token_body("ok")))
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client() as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())


async def test_token_endpoint_503_is_retried(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    fake.on(TOKEN_PATH, httpx.Response(503, json={"message": "down"}), httpx.Response(200, json=token_body()))
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client() as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert len(sleeps.calls) == 1
    assert len(fake.seen(TURNS)) == 1


async def test_token_endpoint_502_is_retried_even_for_a_turn(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    # A 502 from the login host cannot mean the turn was processed: the turn was never sent.
    fake.on(TOKEN_PATH, httpx.Response(502, text="bad gateway"), httpx.Response(200, json=token_body()))
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client() as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert len(sleeps.calls) == 1


async def test_token_endpoint_500_gives_up(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(TOKEN_PATH, httpx.Response(500, json={"message": "boom"}))
    async with make_client() as client:
        with pytest.raises(ServerError) as info:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert info.value.message.startswith("Token request failed")
    assert str(info.value) == info.value.message
    assert info.value.may_have_been_processed is False


async def test_token_exchange_is_redacted(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], exchanges: list[Exchange]
) -> None:
    fake.on(TOKEN_PATH, httpx.Response(200, json=token_body("SUPER-SECRET-TOKEN")))
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    async with make_client(client_secret="SUPER-SECRET-PASSWORD") as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    token_ex, turn_ex = exchanges
    assert token_ex.request_headers["authorization"] == f"Basic {REDACTED}"
    assert token_ex.request_body == {"grant_type": "client_credentials"}
    assert token_ex.response_body["access_token"] == REDACTED
    assert token_ex.response_body["expires_in"] == 86399
    assert turn_ex.request_headers["authorization"] == f"Bearer {REDACTED}"
    basic = base64.b64encode(b"my-client:SUPER-SECRET-PASSWORD").decode()
    for ex in exchanges:
        dumped = repr(ex.to_json()) + ex.to_curl() + repr(ex)
        for secret in ("SUPER-SECRET-TOKEN", "SUPER-SECRET-PASSWORD", basic):
            assert secret not in dumped


def test_auth_needs_credentials() -> None:
    with pytest.raises(ValueError, match="client_id and client_secret"):
        ClientCredentialsAuth(token_url="https://login.x/oauth/token", client_id="only-id")


def test_auth_is_async_only() -> None:
    auth = ClientCredentialsAuth(token_url="https://login.x/oauth/token", access_token="t")
    transport = httpx.MockTransport(lambda r: httpx.Response(200))
    with httpx.Client(transport=transport) as client, pytest.raises(RuntimeError, match="AsyncClient"):
        client.get("https://api.x/", auth=auth)
