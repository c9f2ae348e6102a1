"""A hostile or broken server: huge answers, dripping answers, tokens in odd bodies, redirects, odd errors."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    RedirectError,
    ResponseTooLargeError,
)
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.models import TextBotFlowTurnRequest
from textbots_tui.api.text import redact_url, shorten

from .conftest import SESSIONS, TOKEN_PATH, TURN_OK, FakeGenesys

TURNS = f"{SESSIONS}/s1/turns"
SECRET_TOKEN = "eyJSECRET-token-value"


def gzipped(body: bytes) -> Callable[[httpx.Request], Awaitable[httpx.Response]]:
    """A reply sending ``body`` gzip-compressed (built per request: the fake's copy would decode it)."""

    async def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip"}, content=gzip.compress(body))

    return reply


async def test_a_gzip_bomb_is_stopped_at_the_body_limit(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], exchanges: list[Exchange]
) -> None:
    inflated = b'{"id": "t", "pad": "' + b"0" * 200_000 + b'"}'
    fake.on(TURNS, gzipped(inflated))
    async with make_client(max_body_bytes=10_000) as client:
        with pytest.raises(ResponseTooLargeError, match="10,000-byte limit") as caught:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    error = caught.value
    assert error.may_have_been_processed  # the server answered: never sent again
    assert len(fake.seen(TURNS)) == 1
    assert error.exchange is not None and error.exchange.status == 200
    assert len(str(error.exchange.response_body)) <= 10_000


async def test_an_answer_under_the_limit_is_read_whole(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    body = {**TURN_OK, "pad": "x" * 5_000}
    fake.on(TURNS, gzipped(json.dumps(body).encode()))
    async with make_client(max_body_bytes=10_000) as client:
        turn = await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert turn.id == "turn-1"


async def test_a_dripping_answer_ends_at_the_deadline_and_is_not_resent(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    async def drip() -> AsyncIterator[bytes]:
        yield b'{"id": '
        await asyncio.Event().wait()  # never finishes: only the deadline ends this
        yield b"}"

    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=drip())

    fake.on(TURNS, answer)
    async with make_client(deadline_s=0.05) as client:
        with pytest.raises(APITimeoutError, match=r"0\.05 s deadline") as caught:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert caught.value.may_have_been_processed
    assert len(fake.seen(TURNS)) == 1


async def test_a_deadline_during_the_token_request_says_the_request_was_not_sent(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    async def stuck(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    fake.on(TOKEN_PATH, stuck)
    async with make_client(deadline_s=0.05) as client:
        with pytest.raises(APITimeoutError) as caught:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert not caught.value.may_have_been_processed
    assert fake.seen(TURNS) == []


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", f"access_token={SECRET_TOKEN}&token_type=bearer"),
        ("text/plain", f"access_token={SECRET_TOKEN}&expires_in=3600"),
        ("text/plain", SECRET_TOKEN),
    ],
)
async def test_a_token_answer_that_is_not_json_is_never_quoted(
    fake: FakeGenesys,
    make_client: Callable[..., TextbotsClient],
    exchanges: list[Exchange],
    content_type: str,
    body: str,
) -> None:
    fake.on(TOKEN_PATH, httpx.Response(200, headers={"content-type": content_type}, text=body))
    async with make_client() as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    error = caught.value
    assert SECRET_TOKEN not in str(error)
    assert SECRET_TOKEN not in repr(error.body)
    recorded = [json.dumps(e.to_json()) + e.to_curl() for e in exchanges]
    assert recorded and not any(SECRET_TOKEN in text for text in recorded)


async def test_userinfo_in_the_api_url_is_never_recorded(fake: FakeGenesys) -> None:
    exchanges: list[Exchange] = []
    fake.on(TURNS, httpx.Response(200, json=TURN_OK))
    client = TextbotsClient(
        api_url="https://user:hunter2@api.example.com",
        login_url="https://user:hunter2@login.example.com",
        client_id="id",
        client_secret="secret",
        transport=fake.transport(),
        on_exchange=exchanges.append,
    )
    async with client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert "hunter2" not in repr(client)
    assert [e.url.split("/api")[0].split("/oauth")[0] for e in exchanges] == [
        "https://<redacted>@login.example.com",
        "https://<redacted>@api.example.com",
    ]
    for exchange in exchanges:
        assert "hunter2" not in json.dumps(exchange.to_json())
        assert "hunter2" not in exchange.to_curl()


async def test_a_redirect_says_where_it_pointed(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(
        TURNS,
        httpx.Response(307, headers={"location": "https://u:p@api.elsewhere.example/api/v2/x"}),
    )
    async with make_client() as client:
        with pytest.raises(RedirectError) as caught:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    error = caught.value
    assert error.message == "HTTP 307 redirect to https://<redacted>@api.elsewhere.example/api/v2/x"
    assert error.title == "Redirected"
    assert len(fake.seen(TURNS)) == 1


async def test_a_redirect_without_location_says_so(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    fake.on(TURNS, httpx.Response(302))
    async with make_client() as client:
        with pytest.raises(RedirectError, match="without a Location header"):
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())


async def test_an_exception_httpx_does_not_wrap_becomes_a_typed_error(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient]
) -> None:
    # What the socket layer raises for port 99999.
    fake.on(TURNS, OverflowError("getsockaddrarg: port must be 0-65535."))
    async with make_client() as client:
        with pytest.raises(APIConnectionError, match="OverflowError") as caught:
            await client.send_turn("s1", TextBotFlowTurnRequest.no_op())
    assert caught.value.may_have_been_processed  # unknown: never sent again
    assert len(fake.seen(TURNS)) == 1


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://user:pass@host:8080/a?b=c@d", "http://<redacted>@host:8080/a?b=c@d"),
        ("https://tok@host", "https://<redacted>@host"),
        ("https://host/path@x", "https://host/path@x"),
        ("not a url", "not a url"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_shorten_says_how_much_was_cut() -> None:
    assert shorten("abc", 5) == "abc"
    assert shorten("x" * 2_005, 5) == "xxxxx… [2,000 more characters cut]"


def test_a_redirect_keeps_what_the_body_said() -> None:
    from textbots_tui.api.response_errors import error_from_response

    err = error_from_response(302, {"message": "moved", "code": "x"}, {"Location": "https://b.example"})
    assert type(err) is RedirectError
    assert err.message == "HTTP 302 redirect to https://b.example: moved"
