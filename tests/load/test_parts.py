"""The load runner's plain parts: scenario picking, durations, the plan, failure names, table and verdict."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from textbots_tui.core.matchers import Mismatch
from textbots_tui.core.report import StepFailure
from textbots_tui.load.picker import ScenarioPicker
from textbots_tui.load.plan import LoadPlan, parse_duration
from textbots_tui.load.report import (
    count_mismatches,
    exchange_failure,
    failure_message,
    final_table,
    verdict,
)


def test_equal_weights_are_a_round_robin_and_skip_moves_the_start() -> None:
    picker = ScenarioPicker([1, 1, 1])
    assert [picker.next() for _ in range(6)] == [0, 1, 2, 0, 1, 2]
    assert ScenarioPicker([1, 1, 1], skip=1).next() == 1


def test_weights_give_proportions_spread_out() -> None:
    picker = ScenarioPicker([3, 1])
    picks = [picker.next() for _ in range(8)]
    assert Counter(picks) == {0: 6, 1: 2}
    assert picks[:4] != [0, 0, 0, 1] and 1 in picks[:4]


def test_weights_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        ScenarioPicker([1, 0])


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90), ("90s", 90), ("5m", 300), ("1h30m", 5400), ("2m30s", 150), ("0.5s", 0.5)],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "5x", "0s", "m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match=r"duration|more than 0"):
        parse_duration(text)


def test_the_plan_goes_through_the_environment_and_keeps_its_secret_out_of_repr() -> None:
    plan = LoadPlan(scripts=("a.yaml",), api_url="http://x", login_url="http://x", client_secret="s3cret")
    assert LoadPlan.from_environment(plan.to_environment()) == plan
    assert "s3cret" not in repr(plan)
    with pytest.raises(LookupError, match="textbots-tui load"):
        LoadPlan.from_environment({})


def test_failed_attempts_have_few_distinct_names() -> None:
    assert exchange_failure(200, None, None) is None
    assert exchange_failure(429, None, 1.0) == "HTTP 429, sent again"
    assert exchange_failure(409, None, None) == "HTTP 409"
    lost = (
        "RemoteProtocolError: peer closed connection without sending complete message body (received 9 bytes)"
    )
    assert exchange_failure(None, lost, None) == "RemoteProtocolError"


def test_a_failed_expectation_in_one_line_with_what_was_expected_and_what_came() -> None:
    failure = StepFailure(
        2, "faq.yaml:9", "expect", mismatches=(Mismatch("text", 'contains "Nope"', '"Hello!"\n"Bye"'),)
    )
    assert failure_message(failure) == (
        'step 3 (faq.yaml:9) expect: text: expected contains "Nope", got "Hello!" "Bye"'
    )


def test_an_api_error_message_loses_its_correlation_id() -> None:
    failure = StepFailure(
        1, "faq.yaml:7", 'say "hi"', problem="Timed out: no answer [correlation id 1234-abcd]", is_error=True
    )
    assert failure_message(failure) == 'step 2 (faq.yaml:7) say "hi": Timed out: no answer'


def row(name: str, requests: int, failures: int = 0, p95: float = 10.0) -> dict[str, Any]:
    return {
        "type": "POST",
        "name": name,
        "requests": requests,
        "failures": failures,
        "p50": 5.0,
        "p95": p95,
        "p99": 12.0,
        "max": 20.0,
        "avg": 6.0,
    }


def summary(failures: int = 0, scenario_failures: int = 0, p95: float = 10.0) -> dict[str, Any]:
    return {
        "duration_s": 5.0,
        "users": 10,
        "requests": [row("launch", 10), row("turn", 30, failures)],
        "all_requests": row("all requests", 40, failures, p95),
        "scenarios": [{**row("Happy path", 10, scenario_failures), "type": "scenario"}],
        "errors": [{"type": "POST", "name": "turn", "error": "HTTP 429, sent again", "occurrences": failures}]
        if failures
        else [],
        "rate_limited": failures,
        "waited_s": 1.0 * failures,
        "workers": {"w1": 22, "w2": 18},
    }


def test_the_final_table() -> None:
    lines = final_table(summary(failures=2))
    text = "\n".join(lines)
    assert lines[0].split()[:4] == ["Requests", "count", "failed", "p50"]
    assert any(line.split()[:3] == ["turn", "30", "2"] for line in lines)
    assert any(line.split()[:3] == ["all", "requests", "40"] for line in lines)
    assert "Scenarios: 10 passed, 0 failed" in text
    assert "429s received: 2 (waited 2.0 s in all)" in text
    assert "Workers: 2 took part (requests 22, 18)" in text
    assert "2 x turn: HTTP 429, sent again" in text


def test_verdict() -> None:
    assert verdict(summary(), fail_ratio=0.0, fail_p95_ms=None) == []
    assert verdict(summary(failures=1), fail_ratio=0.0, fail_p95_ms=None) == [
        "1 of 40 requests failed (2.50%; allowed 0.00%)"
    ]
    assert verdict(summary(failures=1), fail_ratio=0.05, fail_p95_ms=None) == []
    assert verdict(summary(scenario_failures=1), fail_ratio=0.0, fail_p95_ms=None) == [
        "1 of 10 scenarios failed (10.00%; allowed 0.00%)"
    ]
    assert verdict(summary(p95=300), fail_ratio=0.0, fail_p95_ms=250) == [
        "p95 of all requests 300 ms is over 250 ms"
    ]


def test_counts_are_compared_with_the_server_per_kind() -> None:
    server = {"requests": {"launch": 10, "turn": 30}}
    assert count_mismatches(summary(), server) == []
    server = {"requests": {"launch": 10, "turn": 31, "token": 1, "other": 4}}
    assert count_mismatches(summary(), server) == [
        "token: reported 0, server received 1",
        "turn: reported 30, server received 31",
    ]
