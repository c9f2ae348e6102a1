"""Fixtures for the simulator tests: an in-process simulator reached with raw httpx or with the api client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.retry import RetryPolicy
from textbots_tui.simulator import SimulatorSettings, create_app

from .helpers import BASE_URL, Conversation, FakeClock, RawSim, open_sim


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def sim(clock: FakeClock) -> AsyncIterator[RawSim]:
    async with open_sim(SimulatorSettings(seed=1, clock=clock)) as raw:
        yield raw


@pytest.fixture
async def client() -> AsyncIterator[TextbotsClient]:
    app = create_app(SimulatorSettings(seed=7))
    async with TextbotsClient(
        api_url=BASE_URL,
        client_id="demo",
        client_secret="demo",
        transport=httpx.ASGITransport(app=app),
        retry=RetryPolicy(max_attempts=1),
    ) as api_client:
        yield api_client


@pytest.fixture
def conversation(client: TextbotsClient) -> Callable[[], Conversation]:
    return lambda: Conversation(client)
