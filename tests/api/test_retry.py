from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.errors import (
    APIConnectionError,
    APITimeoutError,
    RateLimitError,
    ServerError,
    TextbotsError,
)
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.models import TextBotFlowTurnRequest
from textbots_tui.api.retry import RetryPolicy

from .conftest import SESSIONS, TURN_OK, FakeGenesys, Sleeps

TURNS = f"{SESSIONS}/s1/turns"
FLOWS = "/api/v2/flows"
LISTING = {"entities": [{"id": "f1", "name": "Main", "type": "DIGITALBOT"}], "pageSize": 100, "total": 1}
RATE_MESSAGE = "Rate limit exceeded the maximum. Retry the request in [7] seconds"


def ok() -> httpx.Response:
    return httpx.Response(200, json=TURN_OK)


def too_many(message: str = RATE_MESSAGE, **headers: str) -> httpx.Response:
    body = {"message": message, "code": "too.many.requests.retry.after", "status": 429}
    return httpx.Response(429, json=body, headers=headers)


async def turn(client: TextbotsClient) -> None:
    await client.send_turn("s1", TextBotFlowTurnRequest.user_input("hello", "t0"))


@pytest.mark.parametrize(
    ("reply", "wait"),
    [
        (too_many(**{"Retry-After": "12"}), 12.0),
        (too_many(), 7.0),
        (too_many(message="Rate limit exceeded"), 3.0),
    ],
    ids=["retry-after-header", "seconds-in-message", "neither"],
)
async def test_429_waits_then_retries(
    fake: FakeGenesys,
    make_client: Callable[..., TextbotsClient],
    sleeps: Sleeps,
    exchanges: list[Exchange],
    reply: httpx.Response,
    wait: float,
) -> None:
    fake.on(TURNS, reply, ok())
    async with make_client() as client:
        await turn(client)
    assert sleeps.calls == [wait]
    turns = [e for e in exchanges if e.path == TURNS]
    assert [(e.status, e.attempt, e.retry_after_s) for e in turns] == [(429, 1, wait), (200, 2, None)]
    # A 429 is never processed: the same turn goes again, unchanged.
    assert fake.seen(TURNS)[0].content == fake.seen(TURNS)[1].content


async def test_429_over_the_cap_is_raised_without_waiting(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps, exchanges: list[Exchange]
) -> None:
    fake.on(TURNS, too_many(**{"Retry-After": "600"}), ok())
    async with make_client() as client:
        with pytest.raises(RateLimitError) as info:
            await turn(client)
    assert sleeps.calls == []
    assert info.value.retry_after_s == 600
    assert "600" in info.value.hint
    assert len(fake.seen(TURNS)) == 1
    assert exchanges[-1].retry_after_s is None


async def test_429_cap_and_default_are_configurable(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    policy = RetryPolicy(retry_after_default_s=1.5, retry_after_cap_s=10, jitter=0, sleep=sleeps)
    fake.on(TURNS, too_many(message="slow down"), too_many(**{"Retry-After": "11"}), ok())
    async with make_client(retry=policy) as client:
        with pytest.raises(RateLimitError):
            await turn(client)
    assert sleeps.calls == [1.5]


async def test_persistent_429_gives_up_after_max_attempts(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    fake.on(TURNS, too_many(**{"Retry-After": "1"}))
    async with make_client() as client:
        with pytest.raises(RateLimitError) as info:
            await turn(client)
    assert len(fake.seen(TURNS)) == 4
    assert sleeps.calls == [1.0, 1.0, 1.0]
    assert "4 attempts" in info.value.hint


async def test_503_is_retried_with_exponential_backoff(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps, exchanges: list[Exchange]
) -> None:
    unavailable = httpx.Response(503, json={"message": "Service Unavailable", "code": "service.unavailable"})
    fake.on(TURNS, unavailable, unavailable, unavailable, ok())
    async with make_client() as client:
        await turn(client)
    assert sleeps.calls == [0.5, 1.0, 2.0]
    assert [e.attempt for e in exchanges if e.path == TURNS] == [1, 2, 3, 4]
    assert [e.retry_after_s for e in exchanges if e.path == TURNS] == [0.5, 1.0, 2.0, None]


def test_backoff_is_capped_and_jittered() -> None:
    policy = RetryPolicy(backoff_base_s=1, backoff_cap_s=5, jitter=0.25, random=lambda: 1.0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4)] == [1.25, 2.5, 5.0, 6.25]
    low = RetryPolicy(backoff_base_s=1, jitter=0.25, random=lambda: 0.0)
    assert low.backoff(2) == 1.5


@pytest.mark.parametrize(
    "failure",
    [httpx.ConnectError("connection refused"), httpx.ConnectTimeout("connect timed out")],
    ids=["connect-error", "connect-timeout"],
)
async def test_connect_failures_are_retried(
    fake: FakeGenesys,
    make_client: Callable[..., TextbotsClient],
    sleeps: Sleeps,
    exchanges: list[Exchange],
    failure: Exception,
) -> None:
    fake.on(TURNS, failure, ok())
    async with make_client() as client:
        await turn(client)
    assert sleeps.calls == [0.5]
    first = next(e for e in exchanges if e.path == TURNS)
    assert first.status is None
    assert first.error is not None and type(failure).__name__ in first.error
    assert first.retry_after_s == 0.5


async def test_connect_error_exhausted_raises_api_connection_error(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    fake.on(TURNS, httpx.ConnectError("refused"))
    async with make_client() as client:
        with pytest.raises(APIConnectionError) as info:
            await turn(client)
    assert not isinstance(info.value, APITimeoutError)
    assert info.value.may_have_been_processed is False
    assert len(sleeps.calls) == 3
    assert info.value.exchange is not None and info.value.exchange.attempt == 4


async def test_turn_is_not_retried_after_a_read_timeout(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    fake.on(TURNS, httpx.ReadTimeout("read timed out"), ok())
    async with make_client() as client:
        with pytest.raises(APITimeoutError) as info:
            await turn(client)
    assert info.value.may_have_been_processed is True
    assert len(fake.seen(TURNS)) == 1
    assert sleeps.calls == []


async def test_turn_is_not_retried_after_a_broken_connection(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    fake.on(TURNS, httpx.RemoteProtocolError("server disconnected"), ok())
    async with make_client() as client:
        with pytest.raises(APIConnectionError) as info:
            await turn(client)
    assert info.value.may_have_been_processed is True
    assert len(fake.seen(TURNS)) == 1


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_turn_is_not_retried_after_a_server_error_that_may_have_processed_it(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps, status: int
) -> None:
    fake.on(TURNS, httpx.Response(status, json={"message": "oops"}), ok())
    async with make_client() as client:
        with pytest.raises(ServerError) as info:
            await turn(client)
    assert info.value.status == status
    assert info.value.may_have_been_processed is True
    assert len(fake.seen(TURNS)) == 1
    assert sleeps.calls == []


@pytest.mark.parametrize("path", [SESSIONS, "/api/v2/textbots/bots/execute"])
async def test_launch_and_execute_follow_the_same_rule(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], path: str
) -> None:
    from textbots_tui.api.models import (
        PostTextMessage,
        PostTextRequest,
        TextBotFlow,
        TextBotFlowLaunchRequest,
    )

    fake.on(path, httpx.Response(504, json={"message": "timeout"}))
    async with make_client() as client:
        with pytest.raises(ServerError):
            if path == SESSIONS:
                await client.launch_session(TextBotFlowLaunchRequest(flow=TextBotFlow(id="f")))
            else:
                await client.execute(
                    PostTextRequest(
                        bot_id="b",
                        integration_id="i",
                        bot_session_id="s",
                        post_text_message=PostTextMessage(text="x"),
                    )
                )
    assert len(fake.seen(path)) == 1


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(502, text="bad gateway"),
        httpx.Response(504, json={"message": "timeout"}),
        httpx.Response(503, json={"message": "unavailable"}),
        httpx.ReadTimeout("read timed out"),
    ],
    ids=["502", "504", "503", "read-timeout"],
)
async def test_get_is_retried_after_failures_a_post_is_not(
    fake: FakeGenesys,
    make_client: Callable[..., TextbotsClient],
    sleeps: Sleeps,
    failure: httpx.Response | Exception,
) -> None:
    fake.on(FLOWS, failure, httpx.Response(200, json=LISTING))
    async with make_client() as client:
        listing = await client.list_flows()
    assert listing.entities[0].name == "Main"
    assert len(fake.seen(FLOWS)) == 2
    assert len(sleeps.calls) == 1


async def test_get_is_not_retried_after_500(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    fake.on(FLOWS, httpx.Response(500, json={"message": "boom"}), httpx.Response(200, json=LISTING))
    async with make_client() as client:
        with pytest.raises(ServerError):
            await client.list_flows()
    assert sleeps.calls == []


async def test_client_errors_are_never_retried(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    for status in (400, 403, 404, 408, 409, 413, 415):
        fake.on(TURNS, httpx.Response(status, json={"message": "no", "status": status}), ok())
        async with make_client() as client:
            with pytest.raises(TextbotsError) as info:
                await turn(client)
        assert info.value.status == status
    assert sleeps.calls == []


async def test_no_retries_policy(fake: FakeGenesys, make_client: Callable[..., TextbotsClient]) -> None:
    fake.on(TURNS, too_many(**{"Retry-After": "1"}), ok())
    async with make_client(retry=RetryPolicy(max_attempts=1)) as client:
        with pytest.raises(RateLimitError):
            await turn(client)
    assert len(fake.seen(TURNS)) == 1


def test_policy_decisions() -> None:
    policy = RetryPolicy(jitter=0)
    busy = ServerError("x", status=503, may_have_been_processed=False)
    maybe = ServerError("x", status=502, may_have_been_processed=True)
    assert policy.delay_for(busy, 1, idempotent=False) == 0.5
    assert policy.delay_for(maybe, 1, idempotent=False) is None
    assert policy.delay_for(maybe, 1, idempotent=True) == 0.5
    assert policy.delay_for(busy, 4, idempotent=False) is None
    assert policy.delay_for(ServerError("x", status=500), 1, idempotent=True) is None
    assert policy.delay_for(RateLimitError("x", status=429, retry_after_s=180), 1, idempotent=False) == 180
    assert policy.delay_for(RateLimitError("x", status=429, retry_after_s=181), 1, idempotent=False) is None


async def test_503_with_retry_after_waits_what_it_says(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    fake.on(TURNS, httpx.Response(503, json={"message": "busy"}, headers={"Retry-After": "4"}), ok())
    async with make_client() as client:
        await turn(client)
    assert sleeps.calls == [4.0]


async def test_unreachable_login_host_is_retried_and_named(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], sleeps: Sleeps
) -> None:
    fake.on("/oauth/token", httpx.ConnectError("name or service not known"))
    async with make_client() as client:
        with pytest.raises(APIConnectionError) as info:
            await turn(client)
    err = info.value
    assert err.title == "Login service unreachable"
    assert "login.mypurecloud.ie" in err.message
    assert err.may_have_been_processed is False
    assert len(sleeps.calls) == 3  # safe to retry: the turn never went out
    assert fake.seen(TURNS) == []
