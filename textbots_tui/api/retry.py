"""When and how long to wait before sending a failed request again.

The rule for the textbots POSTs (a launch, a turn, an ``execute``) is the reference's §6.2: send again only
when the server cannot have processed the request (429, 503, a connection that never opened). A turn applied
twice would move the conversation on by two steps, which is worse than an error the user can retry. GETs are
safe to repeat, so they are also retried after 502, 504 and read timeouts.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from textbots_tui.api.errors import APIConnectionError, RateLimitError, ServerError, TextbotsError

_RETRYABLE_STATUSES = frozenset({502, 503, 504})


async def _asyncio_sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How the client retries. Inject ``sleep`` (and ``random``) in tests to run without waiting."""

    max_attempts: int = 4
    """Attempts per call, the first one included (1 disables retries)."""
    backoff_base_s: float = 0.5
    """First backoff delay; it doubles on each further attempt."""
    backoff_cap_s: float = 8.0
    """Longest backoff delay."""
    jitter: float = 0.25
    """Backoff delays vary by up to this fraction either way, so clients that failed together spread out."""
    retry_after_default_s: float = 3.0
    """Wait after a 429 that says neither a ``Retry-After`` header nor "in [N] seconds"."""
    retry_after_cap_s: float = 180.0
    """A 429 asking for a longer wait is not retried: the ``RateLimitError`` is raised."""
    sleep: Callable[[float], Awaitable[None]] = field(default=_asyncio_sleep, compare=False)
    random: Callable[[], float] = field(default=random.random, compare=False)

    def delay_for(self, error: TextbotsError, attempt: int, *, idempotent: bool) -> float | None:
        """Seconds to wait before attempt ``attempt + 1`` after ``error``, or ``None`` to give up.

        ``idempotent`` says whether sending the request twice is harmless (GET) or not (the textbots POSTs).
        """
        if attempt >= self.max_attempts:
            return None
        if isinstance(error, RateLimitError):
            wait = self.rate_limit_wait(error)
            return wait if wait <= self.retry_after_cap_s else None
        retryable = isinstance(error, APIConnectionError) or (
            isinstance(error, ServerError) and error.status in _RETRYABLE_STATUSES
        )
        if not retryable or (error.may_have_been_processed and not idempotent):
            return None
        asked = error.retry_after_s if isinstance(error, ServerError) else None
        if asked is not None and asked <= self.retry_after_cap_s:
            # A 503 that says when to come back: believe it rather than guessing.
            return asked
        return self.backoff(attempt)

    def rate_limit_wait(self, error: RateLimitError) -> float:
        """What a 429 asks for: ``Retry-After``, else the message's "[N] seconds", else the default."""
        return self.retry_after_default_s if error.retry_after_s is None else error.retry_after_s

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter for the retry after attempt ``attempt`` (1-based)."""
        delay = min(self.backoff_cap_s, self.backoff_base_s * 2.0 ** (attempt - 1))
        if self.jitter:
            delay *= 1 - self.jitter + 2 * self.jitter * self.random()
        return delay
