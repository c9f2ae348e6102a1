"""Real load runs, on loopback only and bounded (a few seconds, ten users): Locust's counts per kind equal
what the simulator received, with one process and with two workers, against a faulting simulator, and with a
failing expectation. The command runs in this process (it never imports Locust); Locust runs in its own."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from textbots_tui.cli import main
from textbots_tui.core.script import load_scripts
from textbots_tui.simulator import SimulatorSettings, running_server

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RUN = ("--users", "10", "--spawn-rate", "10", "--run-time", "5s")
KINDS = ("token", "launch", "turn", "turn NoOp")


def load(*args: str) -> Result:
    return CliRunner().invoke(main, ["load", *args], catch_exceptions=False)


def csv_counts(prefix: Path) -> dict[str, tuple[int, int]]:
    """(requests, failures) per name in Locust's own CSV summary."""
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as handle:
        return {
            row["Name"]: (int(row["Request Count"]), int(row["Failure Count"]))
            for row in csv.DictReader(handle)
            if row["Name"] != "Aggregated"
        }


def received(output: str) -> dict[str, int]:
    """The simulator's counts per kind, as the command printed them."""
    match = re.search(r"^Simulator received: (.*); stale-turn conflicts (\d+)$", output, re.MULTILINE)
    assert match is not None, output
    assert match.group(2) == "0"
    return {
        kind: int(n.replace(",", "")) for kind, n in (p.rsplit(" ", 1) for p in match.group(1).split(", "))
    }


def requests_of(counts: dict[str, tuple[int, int]]) -> dict[str, int]:
    return {name: n for name, (n, _) in counts.items() if not name.startswith("scenario: ")}


def test_ten_users_for_five_seconds_counts_equal_the_simulators(tmp_path: Path) -> None:
    result = load(str(EXAMPLES / "order-status.yaml"), *RUN, "--csv", str(tmp_path / "run"))
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("PASSED")
    counts = csv_counts(tmp_path / "run")
    assert requests_of(counts) == received(result.output)
    assert set(requests_of(counts)) == set(KINDS)
    assert all(failures == 0 for _, failures in counts.values())
    scenarios = {name: n for name, (n, _) in counts.items() if name.startswith("scenario: ")}
    names = {f"scenario: {loaded.name}" for loaded in load_scripts([EXAMPLES / "order-status.yaml"])}
    assert set(scenarios) == names, "every scenario (and every case of a table) was played"
    assert all(n > 0 for n in scenarios.values())
    assert re.search(r"^\s+\d+\.\d s  \d+ users  ", result.output, re.MULTILINE), "no progress line"


def test_two_workers_both_take_part_and_counts_still_equal(tmp_path: Path) -> None:
    scripts = [str(EXAMPLES / "faq.yaml"), str(EXAMPLES / "store-assistant-bot.yaml")]
    result = load(*scripts, *RUN, "--workers", "2", "--html", str(tmp_path / "report.html"))
    assert result.exit_code == 0, result.output
    match = re.search(r"^Workers: 2 took part \(requests ([\d,]+), ([\d,]+)\)$", result.output, re.MULTILINE)
    assert match is not None, result.output
    per_worker = [int(n.replace(",", "")) for n in match.groups()]
    assert all(n > 0 for n in per_worker)
    server = received(result.output)
    assert sum(per_worker) == sum(server.values())
    assert server["execute"] > 0 and server["launch"] > 0, "flows and the bot were both played"
    assert (tmp_path / "report.html").stat().st_size > 0


def test_a_faulting_simulator_429_bursts_and_lost_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "load")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "load")
    settings = SimulatorSettings(
        rate_limit_per_minute=5, rate_limit_window_s=1.0, lost_answer_rate=0.2, seed=14
    )
    with running_server(settings) as url:
        result = load(
            str(EXAMPLES / "faq.yaml"),
            *RUN,
            "--api-url",
            url,
            "--login-url",
            url,
            "--csv",
            str(tmp_path / "run"),
        )
        server = httpx.get(f"{url}/simulator/stats").json()
    assert result.exit_code == 1, result.output
    counts = csv_counts(tmp_path / "run")
    assert requests_of(counts) == server["requests"]
    assert server["staleTurnConflicts"] == 0, "a turn was sent twice"
    assert server["lostAnswers"] > 0
    rate_limited = sum(
        int(n) for statuses in server["statuses"].values() for s, n in statuses.items() if s == "429"
    )
    assert rate_limited > 0
    assert f"429s received: {rate_limited:,} (waited" in result.output
    assert sum(failures for _, failures in counts.values()) > 0
    assert "FAILED: " in result.output


def test_a_failing_expectation_is_a_failure_with_its_message(tmp_path: Path) -> None:
    script = tmp_path / "wrong.yaml"
    script.write_text(
        "name: Expects the wrong greeting\n"
        "target: {flow: {id: 9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f}}\n"
        "steps:\n"
        "  - expect: {text: {contains: Bonjour}}\n",
        encoding="utf-8",
    )
    # Capped at 20 requests a second: without the cap two users make some 300 requests in these two seconds.
    run = ("--users", "2", "--spawn-rate", "2", "--run-time", "2s", "--max-rps", "20")
    result = load(str(script), *run, "--csv", str(tmp_path / "run"))
    assert result.exit_code == 1, result.output
    sent = sum(received(result.output).values())
    assert 0 < sent <= 20 * (2 + 5), f"{sent} requests in a 2 s run capped at 20/s"
    message = f'step 1 ({script}:4) expect: text: expected a message containing "Bonjour"'
    assert re.search(
        rf"^\s+[\d,]+ x scenario: Expects the wrong greeting: {re.escape(message)}", result.output, re.M
    )
    with Path(f"{tmp_path / 'run'}_failures.csv").open(encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["Name"] == "scenario: Expects the wrong greeting"
    assert message in row["Error"]
    assert "FAILED: " in result.output and "scenarios failed" in result.output
