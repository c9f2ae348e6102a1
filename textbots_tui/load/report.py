"""What a load run says: the messages of failures as Locust records them, the progress line, the final table
and the verdict (the exit code). Plain functions over plain data: the parent prints the table from the summary
the Locust side wrote, without importing Locust.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from textbots_tui.core.report import StepFailure, printable
from textbots_tui.simulator.stats import KINDS

_CORRELATION = re.compile(r" \[correlation id [^\]]*\]")
_MESSAGE_MAX = 240


def exchange_failure(status: int | None, error: str | None, retry_after_s: float | None) -> str | None:
    """How a failed HTTP attempt is named in Locust's failures (``None`` for a success).

    Few distinct names (Locust lists one row per name): the status and whether the client sent it again, or
    the kind of transport error without its details.
    """
    if status is not None and status < 400:
        return None
    again = ", sent again" if retry_after_s is not None else ""
    if status is not None:
        return f"HTTP {status}{again}"
    kind = (error or "no response").split(":", 1)[0]
    return f"{kind}{again}"


def failure_message(failure: StepFailure) -> str:
    """A failed scenario in one line: the step, where it is written, and what was expected and what came."""
    text = failure.headline
    if failure.mismatches:
        first = failure.mismatches[0]
        text += f": expected {first.expected}, got {first.got}"
    text = _CORRELATION.sub("", " ".join(text.split()))
    return printable(text if len(text) <= _MESSAGE_MAX else text[: _MESSAGE_MAX - 1] + "…")


def progress_line(
    *,
    elapsed_s: float,
    users: int,
    requests: int,
    failures: int,
    scenarios: int,
    scenarios_failed: int,
    rate_limited: int,
) -> str:
    """The line printed every few seconds while the run goes on."""
    rate = requests / elapsed_s if elapsed_s > 0 else 0.0
    return (
        f"{elapsed_s:6.1f} s  {users} users  {requests:,} requests ({rate:,.0f}/s), {failures:,} failed  "
        f"scenarios {scenarios - scenarios_failed:,} passed, {scenarios_failed:,} failed  "
        f"429s {rate_limited:,}"
    )


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _table(title: str, rows: Sequence[Mapping[str, Any]], name_width: int) -> list[str]:
    header = (
        f"{title:<{name_width}} {'count':>8} {'failed':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}  ms"
    )
    lines = [header]
    for row in rows:
        lines.append(
            f"  {row['name']:<{name_width - 2}} {row['requests']:>8,} {row['failures']:>7,} "
            f"{_ms(row['p50']):>7} {_ms(row['p95']):>7} {_ms(row['p99']):>7} {_ms(row['max']):>7}"
        )
    return lines


def kind_counts(summary: Mapping[str, Any]) -> dict[str, int]:
    """Requests reported per kind."""
    counts: dict[str, int] = {}
    for row in summary["requests"]:
        counts[row["name"]] = counts.get(row["name"], 0) + int(row["requests"])
    return counts


def count_mismatches(summary: Mapping[str, Any], server: Mapping[str, Any]) -> list[str]:
    """Where what Locust reported differs from what the server received, per kind (empty: they agree)."""
    reported = kind_counts(summary)
    received = {k: int(v) for k, v in server.get("requests", {}).items()}
    return [
        f"{kind}: reported {reported.get(kind, 0):,}, server received {received.get(kind, 0):,}"
        for kind in sorted({*KINDS, *reported, *received} - {"other"})
        if reported.get(kind, 0) != received.get(kind, 0)
    ]


def final_table(summary: Mapping[str, Any]) -> list[str]:
    """The final table: requests per kind, scenarios, 429s and waits, workers, failures."""
    names = [r["name"] for r in summary["requests"]] + [s["name"] for s in summary["scenarios"]]
    width = max([len(n) + 2 for n in names] + [len("Requests"), len("all requests") + 2, 16])
    width = min(width, 48)
    requests = list(summary["requests"])
    if len(requests) > 1:
        requests.append(summary["all_requests"])
    lines = _table("Requests", requests, width)
    scenarios = [{**s, "name": printable(s["name"])[: width - 2]} for s in summary["scenarios"]]
    lines += _table("Scenarios", scenarios, width)
    runs = sum(s["requests"] for s in summary["scenarios"])
    failed = sum(s["failures"] for s in summary["scenarios"])
    lines.append(f"Scenarios: {runs - failed:,} passed, {failed:,} failed")
    lines.append(f"429s received: {summary['rate_limited']:,} (waited {summary['waited_s']:,.1f} s in all)")
    workers = summary.get("workers") or {}
    if workers:
        parts = ", ".join(f"{count:,}" for count in workers.values())
        lines.append(f"Workers: {len(workers)} took part (requests {parts})")
    if summary["errors"]:
        lines.append("Failures:")
        for error in summary["errors"][:20]:
            lines.append(printable(f"  {error['occurrences']:>6,} x {error['name']}: {error['error']}"))
    return lines


def verdict(summary: Mapping[str, Any], *, fail_ratio: float, fail_p95_ms: float | None) -> list[str]:
    """Why the run failed (empty: it passed): failure ratios over ``fail_ratio``, p95 over ``fail_p95_ms``."""
    reasons = []
    total = summary["all_requests"]
    if total["requests"] == 0:
        reasons.append("no request was made")
    elif total["failures"] / total["requests"] > fail_ratio:
        ratio = total["failures"] / total["requests"]
        counts = f"{total['failures']:,} of {total['requests']:,}"
        reasons.append(f"{counts} requests failed ({ratio:.2%}; allowed {fail_ratio:.2%})")
    runs = sum(s["requests"] for s in summary["scenarios"])
    failed = sum(s["failures"] for s in summary["scenarios"])
    if runs == 0:
        reasons.append("no scenario finished")
    elif failed / runs > fail_ratio:
        reasons.append(
            f"{failed:,} of {runs:,} scenarios failed ({failed / runs:.2%}; allowed {fail_ratio:.2%})"
        )
    if fail_p95_ms is not None and total["p95"] > fail_p95_ms:
        reasons.append(f"p95 of all requests {_ms(total['p95'])} ms is over {_ms(fail_p95_ms)} ms")
    return reasons
