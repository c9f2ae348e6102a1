"""Fault injection: added latency, a per-token rate limit answering 429, a fraction of 503s, and answers lost
after the request was processed."""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import Awaitable, Callable

from .errors import MESSAGES, ApiError

WINDOW_S = 60.0
DEFAULT_ALLOWED = 300
"""The Platform API's default limit per client-credentials token, reported when no limit is set."""


class Faults:
    """The faults a simulator injects, and the ``inin-ratelimit-*`` bookkeeping."""

    def __init__(
        self,
        *,
        latency_ms: float,
        rate_limit_per_minute: int | None,
        error_rate_503: float,
        rng: random.Random,
        clock: Callable[[], float],
        rate_limit_window_s: float = WINDOW_S,
        lost_answer_rate: float = 0.0,
    ) -> None:
        self.latency_s = max(latency_ms, 0.0) / 1000.0
        self.limit = rate_limit_per_minute
        self.window_s = rate_limit_window_s
        self.error_rate_503 = error_rate_503
        self.lost_answer_rate = lost_answer_rate
        self.rng = rng
        self.clock = clock
        self._windows: dict[str, tuple[float, int]] = {}
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        """How latency is waited (replaceable in tests)."""

    async def delay(self) -> None:
        """Wait the configured latency (nothing when there is none)."""
        if self.latency_s > 0:
            await self.sleep(self.latency_s)

    def count(self, key: str) -> dict[str, str]:
        """Count a request in ``key``'s window (429 over the limit); returns the rate-limit headers."""
        now = self.clock()
        start, used = self._windows.get(key, (now, 0))
        if now - start >= self.window_s:
            start, used = now, 0
            if len(self._windows) > 10_000:
                self._windows.clear()
        used += 1
        self._windows[key] = (start, used)
        reset = max(1, math.ceil(start + self.window_s - now))
        allowed = self.limit if self.limit is not None else DEFAULT_ALLOWED
        headers = {
            "inin-ratelimit-allowed": str(allowed),
            "inin-ratelimit-count": str(min(used, allowed)),
            "inin-ratelimit-reset": str(reset),
        }
        if self.limit is not None and used > self.limit:
            raise ApiError(
                429, MESSAGES[429].format(seconds=reset), headers={**headers, "Retry-After": str(reset)}
            )
        return headers

    def maybe_unavailable(self) -> None:
        """Raise a 503 for the configured fraction of requests."""
        if self.error_rate_503 > 0 and self.rng.random() < self.error_rate_503:
            raise ApiError(503)

    def lose_answer(self) -> bool:
        """Whether to drop the answer of a request the server has just processed (``lost_answer_rate``)."""
        return self.lost_answer_rate > 0 and self.rng.random() < self.lost_answer_rate
