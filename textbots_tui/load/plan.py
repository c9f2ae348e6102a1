"""What a Locust process of a load run is told to do, passed in one environment variable.

The environment rather than the command line, so the client secret never shows in a process list. The
parent (:mod:`textbots_tui.load.launcher`) writes it; the Locust side (:mod:`textbots_tui.load.locust_user`)
reads it. Standard library only: both sides import it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

PLAN_VARIABLE = "TEXTBOTS_TUI_LOAD_PLAN"


@dataclass(frozen=True)
class LoadPlan:
    """One Locust process's part of a load run."""

    scripts: tuple[str, ...]
    """The script files the users play (loaded again in each process, as validated by the parent)."""
    api_url: str
    login_url: str
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    access_token: str | None = field(default=None, repr=False)
    run_time_s: float | None = None
    """How long users run before they are asked to stop (the master or the single process keeps time)."""
    stop_timeout_s: float = 30.0
    """How long users may take to finish the scenario they are playing when the run time is up."""
    max_rps: float | None = None
    """This process's share of the request rate cap, ``None`` for no cap."""
    summary_path: str | None = None
    """Where the master (or the single process) writes the run's summary as JSON."""
    csv_prefix: str | None = None
    """Locust's ``--csv`` prefix: its summary files are written again once the last request is counted."""
    progress_interval_s: float = 2.0
    """Seconds between two progress lines (0: none)."""

    def to_environment(self) -> dict[str, str]:
        """The environment variable that carries this plan."""
        return {PLAN_VARIABLE: json.dumps(asdict(self))}

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> LoadPlan:
        """The plan this process was started with; ``LookupError`` when it was started without one."""
        raw = environ.get(PLAN_VARIABLE)
        if raw is None:
            raise LookupError(f"{PLAN_VARIABLE} is not set: start load runs with `textbots-tui load`")
        data: dict[str, Any] = json.loads(raw)
        data["scripts"] = tuple(data["scripts"])
        return cls(**data)


_DURATION = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+(?:\.\d+)?)s?)?$")


def parse_duration(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``5m``, ``1h30m``, ``2m30s`` (Locust's spelling); else ``ValueError``."""
    match = _DURATION.match(text.strip().lower())
    if not text.strip() or match is None or not any(match.groups()):
        raise ValueError(f"{text!r} is not a duration (examples: 30s, 5m, 1h30m)")
    hours, minutes, seconds = (float(match.group(g) or 0) for g in ("h", "m", "s"))
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise ValueError(f"{text!r}: the run time must be more than 0 seconds")
    return total
