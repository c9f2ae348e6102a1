"""How a simulator behaves: which flows it serves, which clients it accepts, and which faults it injects."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class SimulatorSettings:
    """Settings of one simulator app. The defaults give a friendly demo org with no faults."""

    flows_dir: Path | None = None
    """A folder (or one file) of extra flow and bot YAML files, loaded besides the samples."""
    include_samples: bool = True
    """Serve the sample flows and bot shipped with the simulator."""
    samples_cache: Path | None = None
    """A folder where the compiled samples are kept for later processes (:mod:`.sample_cache`); ``None``:
    each process compiles them."""
    accepted_clients: Mapping[str, str] | None = None
    """OAuth client id -> secret. ``None`` accepts any id and secret, like a demo org."""
    missing_permissions: frozenset[str] = frozenset()
    """Permissions the simulated client lacks: ``architect:flowOutcome:view`` and
    ``architect:flowMilestone:view`` make the outcome and milestone listings answer 403, as an org would."""
    token_lifetime_s: int = 86399
    """``expires_in`` of issued access tokens; tokens stop working after it."""
    session_idle_timeout_s: float = 1800.0
    """A bot flow session idle for longer answers its next turn with Disconnect ``SessionExpired``."""
    latency_ms: float = 0.0
    """Added to every response."""
    rate_limit_per_minute: int | None = None
    """Requests per window (a minute unless ``rate_limit_window_s`` says otherwise) per access token before
    429 with Retry-After; ``None``: no limit."""
    rate_limit_window_s: float = 60.0
    """The rate limit's window: a short one (1 s) gives bursts of 429 with short waits, for load tests."""
    error_rate_503: float = 0.0
    """Fraction (0 to 1) of API requests answered 503 Service Unavailable."""
    lost_answer_rate: float = 0.0
    """Fraction (0 to 1) of launches, turns and executes that are processed but whose answer never arrives:
    the connection drops mid-response (over loopback; the client cannot know whether the turn was taken)."""
    seed: int | None = None
    """Seed of the random numbers (injected 503s, and every generated id); ``None``: unpredictable."""
    clock: Callable[[], float] = time.monotonic
    """Seconds, for token and session expiry and the rate limit window (inject a fake one in tests)."""
    today: Callable[[], date] | None = None
    """The calendar: relative dates in flows (``+1wd``) and dates users type resolve against it. ``None``:
    today in UTC. Inject another to move the simulator's clock by days."""

    def __post_init__(self) -> None:
        problems = []
        if self.token_lifetime_s <= 0:
            problems.append("token_lifetime_s must be positive")
        if self.session_idle_timeout_s <= 0:
            problems.append("session_idle_timeout_s must be positive")
        if self.latency_ms < 0:
            problems.append("latency_ms cannot be negative")
        if self.rate_limit_per_minute is not None and self.rate_limit_per_minute < 1:
            problems.append("rate_limit_per_minute must be at least 1 (or None for no limit)")
        if not 0.0 <= self.error_rate_503 <= 1.0:
            problems.append("error_rate_503 must be between 0 and 1")
        if self.rate_limit_window_s <= 0:
            problems.append("rate_limit_window_s must be positive")
        if not 0.0 <= self.lost_answer_rate <= 1.0:
            problems.append("lost_answer_rate must be between 0 and 1")
        if problems:
            raise ValueError("; ".join(problems))
