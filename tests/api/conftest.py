"""A scripted fake of the Genesys API for client tests (``httpx.MockTransport``), and a recording sleep."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.retry import RetryPolicy

API = "https://api.mypurecloud.ie"
TOKEN_PATH = "/oauth/token"
SESSIONS = "/api/v2/textbots/botflows/sessions"

Reply = httpx.Response | Exception | Callable[[httpx.Request], Awaitable[httpx.Response]]


def token_body(token: str = "tok-1", expires_in: int | None = 86399) -> dict[str, Any]:
    body: dict[str, Any] = {"access_token": token, "token_type": "bearer"}
    if expires_in is not None:
        body["expires_in"] = expires_in
    return body


TURN_OK = {"id": "turn-1", "nextActionType": "WaitForInput"}


@dataclass
class FakeGenesys:
    """Answers from per-path queues; a path's last answer repeats. Records every request it saw."""

    routes: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    tokens_issued: int = 0

    def on(self, path: str, *replies: Reply) -> FakeGenesys:
        self.routes[path] = list(replies)
        return self

    def seen(self, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path == path]

    async def handler(self, request: httpx.Request) -> httpx.Response:
        # A snapshot: the client sends the same Request object again after a 401, with a new header.
        self.requests.append(
            httpx.Request(
                request.method,
                request.url,
                headers=request.headers.copy(),
                content=request.content,
                extensions=dict(request.extensions),
            )
        )
        path = request.url.path
        if path == TOKEN_PATH and path not in self.routes:
            self.tokens_issued += 1
            return httpx.Response(200, json=token_body(f"tok-{self.tokens_issued}"))
        queue = self.routes.get(path)
        if not queue:
            return httpx.Response(
                404, json={"status": 404, "code": "not.found", "message": f"no route {path}"}
            )
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):
            # A fresh copy each time: a Response can be sent only once.
            return httpx.Response(reply.status_code, headers=reply.headers, content=reply.content)
        return await reply(request)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)


@dataclass
class Sleeps:
    """A sleep that records what it was asked for and returns at once."""

    calls: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def fake() -> FakeGenesys:
    return FakeGenesys()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def exchanges() -> list[Exchange]:
    return []


@pytest.fixture
def make_client(
    fake: FakeGenesys, sleeps: Sleeps, exchanges: list[Exchange]
) -> Callable[..., TextbotsClient]:
    def make(**kwargs: Any) -> TextbotsClient:
        options: dict[str, Any] = {
            "api_url": API,
            "client_id": "my-client",
            "client_secret": "my-secret",
            "transport": fake.transport(),
            "retry": RetryPolicy(jitter=0.0, sleep=sleeps),
            "on_exchange": exchanges.append,
        }
        options.update(kwargs)
        return TextbotsClient(**options)

    return make


def json_of(request: httpx.Request) -> Any:
    return json.loads(request.content)
