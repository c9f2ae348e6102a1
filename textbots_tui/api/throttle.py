"""A client-side cap on the request rate: an org limits requests per OAuth client, so a load test that shares
its client with nothing else must stay under that limit on its own rather than live on 429s.

:class:`RateCap` spaces request starts evenly (at most ``per_second``, no bursts);
:class:`RateCappedTransport` wraps any httpx transport with it. The wait for a slot is not part of a
request's recorded time: the ``Exchange`` clock starts when the request really goes out.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx

from textbots_tui.api import _recording


class RateCap:
    """At most ``per_second`` request starts a second, spaced evenly, shared by every task of one loop."""

    def __init__(
        self,
        per_second: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_second <= 0:
            raise ValueError(f"the request rate cap must be positive, got {per_second}")
        self.interval = 1.0 / per_second
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self.waited_s = 0.0
        """Seconds spent waiting for a slot, in total."""

    async def wait(self) -> None:
        """Return when the next request may start (at once when the cap is not reached)."""
        now = self._clock()
        slot = max(now, self._next)
        # The slot is taken before sleeping, so concurrent callers queue up one interval apart.
        self._next = slot + self.interval
        if slot > now:
            self.waited_s += slot - now
            await self._sleep(slot - now)


class RateCappedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that waits for a :class:`RateCap` slot before each request it sends."""

    def __init__(self, inner: httpx.AsyncBaseTransport, cap: RateCap) -> None:
        self.inner = inner
        self.cap = cap

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Wait for a slot, then send through the wrapped transport."""
        await self.cap.wait()
        _recording.restart_clock(request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.inner.aclose()
