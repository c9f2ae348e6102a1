"""The run's summary, taken from Locust's own statistics once the last request is counted.

Locust's statistics hold one entry per request kind (``POST turn``...) and one per scenario
(``scenario: NAME``); this turns them into the JSON the parent prints its final table from. Locust 2.47's
``--csv`` stops writing a second before the end, so its summary files are written again from the same final
statistics (with Locust's own CSV writer) when the process exits.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from locust.env import Environment
from locust.stats import PERCENTILES_TO_REPORT, RequestStats, StatsCSV, StatsEntry

SCENARIO_TYPE = "scenario"
"""The request type of whole scenarios in Locust's statistics (their name is ``scenario: NAME``)."""
SCENARIO_PREFIX = "scenario: "


@dataclass
class Extras:
    """What Locust does not count itself, per process (a worker sends what changed since its last report)."""

    rate_limited: int = 0
    """429 answers received."""
    waited_s: float = 0.0
    """Seconds the client waited before sending again after a 429."""
    requests: int = 0
    """Requests this process reported (to show which workers took part)."""
    by_worker: dict[str, int] = field(default_factory=dict)
    """On the master: requests reported by each worker."""

    def take(self) -> dict[str, Any]:
        """What changed since the previous call, for a worker's report; the counters start again."""
        delta = {"rate_limited": self.rate_limited, "waited_s": self.waited_s, "requests": self.requests}
        self.rate_limited, self.waited_s, self.requests = 0, 0.0, 0
        return delta

    def add(self, worker: str, delta: dict[str, Any]) -> None:
        """Add a worker's report."""
        self.rate_limited += int(delta.get("rate_limited", 0))
        self.waited_s += float(delta.get("waited_s", 0.0))
        count = int(delta.get("requests", 0))
        self.requests += count
        self.by_worker[worker] = self.by_worker.get(worker, 0) + count


def _row(entry: StatsEntry) -> dict[str, Any]:
    return {
        "type": entry.method,
        "name": entry.name,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p50": entry.get_response_time_percentile(0.5),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "max": entry.max_response_time if entry.num_requests else 0,
        "avg": entry.avg_response_time,
    }


def build_summary(stats: RequestStats, extras: Extras, *, duration_s: float, users: int) -> dict[str, Any]:
    """The summary of a finished run (see :mod:`textbots_tui.load.report` for its reader)."""
    requests = [e for e in stats.entries.values() if e.method != SCENARIO_TYPE]
    scenarios = [e for e in stats.entries.values() if e.method == SCENARIO_TYPE]
    merged = StatsEntry(stats, "all requests", "", use_response_times_cache=False)
    for entry in requests:
        merged.extend(entry)
    return {
        "duration_s": duration_s,
        "users": users,
        "requests": [_row(e) for e in sorted(requests, key=lambda e: e.name)],
        "all_requests": _row(merged),
        "scenarios": [
            {**_row(e), "name": e.name.removeprefix(SCENARIO_PREFIX)}
            for e in sorted(scenarios, key=lambda e: e.name)
        ],
        "errors": [
            {
                "type": error.method,
                "name": error.name,
                "error": str(error.error),
                "occurrences": error.occurrences,
            }
            for error in sorted(stats.errors.values(), key=lambda e: -e.occurrences)
        ],
        "rate_limited": extras.rate_limited,
        "waited_s": round(extras.waited_s, 3),
        "workers": dict(sorted(extras.by_worker.items())),
    }


def write_summary(path: str, summary: dict[str, Any]) -> None:
    """Write the summary as JSON."""
    Path(path).write_text(json.dumps(summary, indent=1), encoding="utf-8")


def rewrite_csv(environment: Environment, prefix: str) -> None:
    """Write Locust's ``_stats``, ``_failures`` and ``_exceptions`` CSV files again, from the final
    statistics."""
    writer = StatsCSV(environment, PERCENTILES_TO_REPORT)
    for suffix, write in (
        ("_stats.csv", writer.requests_csv),
        ("_failures.csv", writer.failures_csv),
        ("_exceptions.csv", writer.exceptions_csv),
    ):
        with Path(prefix + suffix).open("w", newline="", encoding="utf-8") as handle:
            write(csv.writer(handle))
