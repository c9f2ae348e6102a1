"""The client-side request rate cap: starts spaced evenly, shared by concurrent calls, the wait not counted
as the request's time."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.throttle import RateCap, RateCappedTransport


class FakeTime:
    def __init__(self, *, sleeping_moves_time: bool = True) -> None:
        self.now = 100.0
        self.slept: list[float] = []
        self.sleeping_moves_time = sleeping_moves_time

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        if self.sleeping_moves_time:
            self.now += seconds


async def test_starts_are_spaced_evenly_and_the_first_goes_at_once() -> None:
    time = FakeTime()
    cap = RateCap(4, clock=time.clock, sleep=time.sleep)
    for _ in range(3):
        await cap.wait()
    assert time.slept == pytest.approx([0.25, 0.25])
    assert cap.waited_s == 0.5


async def test_concurrent_callers_queue_one_interval_apart() -> None:
    # Three callers arrive at the same moment: each reserves its own slot before sleeping.
    time = FakeTime(sleeping_moves_time=False)
    cap = RateCap(10, clock=time.clock, sleep=time.sleep)
    await asyncio.gather(*(cap.wait() for _ in range(3)))
    assert time.slept == pytest.approx([0.1, 0.2])


async def test_an_idle_cap_does_not_bank_a_burst() -> None:
    time = FakeTime()
    cap = RateCap(2, clock=time.clock, sleep=time.sleep)
    await cap.wait()
    time.now += 10
    await cap.wait()
    await cap.wait()
    assert time.slept == [0.5]


async def test_the_client_waits_for_the_cap_but_records_only_the_request_time() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        await asyncio.sleep(0.05)  # a real wait, so that counting it would show in the recorded time

    inner = httpx.MockTransport(lambda request: httpx.Response(200, json={"id": "s1"}))
    cap = RateCap(1, sleep=sleep)
    exchanges: list[Exchange] = []
    client = TextbotsClient(
        api_url="http://org.test", transport=RateCappedTransport(inner, cap), on_exchange=exchanges.append
    )
    async with client:
        for _ in range(2):
            await client.list_flows()
    assert len(slept) == 1 and 0.9 < slept[0] <= 1.0
    assert len(exchanges) == 2
    assert exchanges[1].duration_ms < 40
