"""A controller talking to the in-process simulator, with a transport the tests can hold, fail or rewrite.

Nothing sleeps: the client's retry waits go to a fake clock that the simulator's rate limit also reads, and a
held request is released by the test itself.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.retry import RetryPolicy
from textbots_tui.core.controller import Controller
from textbots_tui.core.events import BotOutput, Event
from textbots_tui.core.items import TextItem
from textbots_tui.core.journal import Journal
from textbots_tui.simulator import SimulatorSettings, create_app

API_URL = "http://simulator.local"
ORDER_STATUS = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
APPOINTMENTS = "7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"
FAQ = "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
STORE_BOT = "b0751c55-1e0a-4d7e-9b6a-3c2f1e0d9a8b"

EventT = TypeVar("EventT", bound=Event)


class FakeClock:
    """Simulator time; the client's retry sleeps advance it instead of waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def texts(*outputs: BotOutput) -> list[str]:
    """The plain texts of bot outputs, in order."""
    return [item.text for output in outputs for item in output.items if isinstance(item, TextItem)]


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None


class Interceptor(httpx.AsyncBaseTransport):
    """Passes requests to the simulator. A test may hold one, answer it itself, or rewrite its response."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []
        self.hold_when: Callable[[httpx.Request], bool] | None = None
        self.held = asyncio.Event()
        self.release = asyncio.Event()
        self.answer: Callable[[httpx.Request], httpx.Response | None] | None = None
        self.rewrite: Callable[[httpx.Request, Any], Any] | None = None
        self.tokens: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.hold_when is not None and self.hold_when(request):
            self.hold_when = None
            self.held.set()
            await self.release.wait()
        if self.answer is not None:
            answered = self.answer(request)
            if answered is not None:
                return answered
        response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("/oauth/token"):
            await response.aread()
            self.tokens.append(json.loads(response.content).get("access_token", ""))
            return response
        if self.rewrite is None:
            return response
        await response.aread()
        data = self.rewrite(request, json.loads(response.content))
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return httpx.Response(response.status_code, headers=headers, json=data)

    def bodies(self, path_part: str = "/turns") -> list[Any]:
        return [body_of(r) for r in self.requests if path_part in r.url.path]


@dataclass
class Harness:
    controller: Controller
    client: TextbotsClient
    transport: Interceptor
    clock: FakeClock
    events: list[Event] = field(default_factory=list)

    def of(self, kind: type[EventT], session_id: str | None = None) -> list[EventT]:
        return [
            e
            for e in self.events
            if isinstance(e, kind) and (session_id is None or e.session_id == session_id)
        ]

    def names(
        self, session_id: str, *, skip: tuple[str, ...] = ("ExchangeRecorded", "SessionChanged")
    ) -> list[str]:
        return [
            type(e).__name__
            for e in self.events
            if e.session_id == session_id and type(e).__name__ not in skip
        ]


HarnessFactory = Callable[..., AbstractAsyncContextManager[Harness]]


@pytest.fixture
def make_harness() -> HarnessFactory:
    """Open a controller on a fresh simulator: ``async with make_harness(rate_limit_per_minute=3) as h``."""

    @asynccontextmanager
    async def open_harness(
        *,
        journal: Journal | None = None,
        max_noop_turns: int = 50,
        client_secret: str = "demo",
        **settings: Any,
    ) -> AsyncIterator[Harness]:
        clock = FakeClock()
        app = create_app(SimulatorSettings(seed=7, clock=clock, **settings))
        transport = Interceptor(httpx.ASGITransport(app=app))
        client = TextbotsClient(
            api_url=API_URL,
            client_id="demo",
            client_secret=client_secret,
            transport=transport,
            retry=RetryPolicy(sleep=clock.sleep, jitter=0.0),
        )
        controller = Controller(client, journal=journal, max_noop_turns=max_noop_turns)
        harness = Harness(controller, client, transport, clock)
        controller.subscribe(harness.events.append)
        try:
            yield harness
        finally:
            await controller.aclose()
            await client.aclose()

    return open_harness


@pytest.fixture
async def sim(make_harness: HarnessFactory) -> AsyncIterator[Harness]:
    """A controller on a default simulator."""
    async with make_harness() as harness:
        yield harness
