"""``textbots-tui load`` on the command line: usage errors (exit 2) before anything starts, the roles, the
rate cap's share, and the confirmation before loading a real org."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from textbots_tui.cli import main
from textbots_tui.core.connection import Connection
from textbots_tui.load import launcher

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "faq.yaml")
RUN = ("--users", "10", "--spawn-rate", "5", "--run-time", "5s")


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    """Every run_load call, instead of starting processes."""
    calls: list[tuple[Any, Any]] = []

    def fake(options: Any, target: Any, *, out: Any, err: Any) -> int:
        calls.append((options, target))
        return 0

    monkeypatch.setattr(launcher, "run_load", fake)
    return calls


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["load", *args], catch_exceptions=False, input=input)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((EXAMPLE, "--users", "10"), "missing --spawn-rate, --run-time"),
        ((EXAMPLE, *RUN[:4], "--run-time", "soon"), "not a duration"),
        ((EXAMPLE, *RUN, "--worker", "--master-host", "h"), "belong to the master"),
        ((EXAMPLE, "--worker"), "--worker needs --master-host"),
        ((EXAMPLE, *RUN, "--master", "--workers", "2"), "with --master use --expect-workers"),
        ((EXAMPLE, *RUN, "--expect-workers", "2"), "--expect-workers goes with --master"),
        ((EXAMPLE, *RUN, "--master-host", "h"), "--master-host goes with --worker"),
        ((EXAMPLE, *RUN, "--master", "--worker"), "cannot be used together"),
        (("missing.yaml", *RUN), "missing.yaml: no such script file"),
        ((EXAMPLE, *RUN, "--fail-ratio", "2"), "--fail-ratio"),
    ],
)
def test_usage_errors_exit_2_before_anything_starts(
    runs: list[tuple[Any, Any]], args: tuple[str, ...], message: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert runs == []


def test_bad_scripts_are_reported_before_anything_starts(runs: list[tuple[Any, Any]], tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text("name: Broken\ntarget: {flow: {id: x}}\nsteps: [{sya: hi}]\n", encoding="utf-8")
    result = invoke(str(script), *RUN)
    assert result.exit_code == 2
    assert f"{script}:3" in result.stderr
    assert "1 problem(s) in the scripts: nothing was run" in result.stderr
    assert runs == []


def test_the_simulator_is_the_default_target(runs: list[tuple[Any, Any]]) -> None:
    result = invoke(EXAMPLE, *RUN, "--workers", "2", "--max-rps", "50")
    assert result.exit_code == 0, result.output
    [(options, target)] = runs
    assert target.simulator
    assert (options.users, options.spawn_rate, options.run_time_s, options.workers) == (10, 5.0, 5.0, 2)
    assert options.scripts == (EXAMPLE,)
    assert "Target: simulator · demo org" in result.output
    assert "Plan: 10 users, 5 started a second, for 5 s on 2 worker processes" in result.output
    assert "capped at 50 requests/s" in result.output


def test_the_rate_cap_is_shared_between_local_workers() -> None:
    options = launcher.LoadOptions(scripts=("a.yaml",), workers=4, max_rps=100)
    target = Connection(api_url="http://127.0.0.1:1", login_url="http://127.0.0.1:1")
    plan = launcher._plan(options, target, Path("summary.json"), share=4)
    assert plan.max_rps == 25


@pytest.fixture
def real_org(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "load-client")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "load-secret")
    monkeypatch.setenv("GENESYSCLOUD_REGION", "eu-west-1")


def test_a_real_org_is_not_loaded_without_a_terminal_or_yes(
    runs: list[tuple[Any, Any]], real_org: None
) -> None:
    result = invoke(EXAMPLE, *RUN)
    assert result.exit_code == 2
    assert "needs --yes" in result.stderr
    assert "Target: eu-west-1" in result.output
    assert "request rate not capped" in result.output
    assert runs == []


def test_a_real_org_is_loaded_with_yes(runs: list[tuple[Any, Any]], real_org: None) -> None:
    result = invoke(EXAMPLE, *RUN, "--yes", "--max-rps", "5")
    assert result.exit_code == 0, result.output
    [(options, target)] = runs
    assert not target.simulator and target.api_url == "https://api.mypurecloud.ie"
    assert target.client_id == "load-client" and target.client_secret == "load-secret"
    assert options.max_rps == 5


def test_a_real_org_asks_on_a_terminal(
    runs: list[tuple[Any, Any]], real_org: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("textbots_tui.cli.load._has_terminal", lambda: True)
    refused = invoke(EXAMPLE, *RUN, input="n\n")
    assert refused.exit_code == 1 and runs == []
    assert "Send this load to eu-west-1?" in refused.output
    accepted = invoke(EXAMPLE, *RUN, input="y\n")
    assert accepted.exit_code == 0 and len(runs) == 1


def test_a_loopback_target_needs_no_confirmation(
    runs: list[tuple[Any, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret")
    result = invoke(
        EXAMPLE, *RUN, "--api-url", "http://127.0.0.1:8765", "--login-url", "http://127.0.0.1:8765"
    )
    assert result.exit_code == 0, result.output
    assert runs[0][1].api_url == "http://127.0.0.1:8765"


def test_a_worker_needs_no_users_and_no_confirmation_of_its_own_plan(runs: list[tuple[Any, Any]]) -> None:
    result = invoke(EXAMPLE, "--worker", "--master-host", "10.0.0.5", "--master-port", "6000")
    assert result.exit_code == 0, result.output
    [(options, _)] = runs
    assert (options.role, options.master_host, options.master_port) == ("worker", "10.0.0.5", 6000)
    assert "Plan:" not in result.output


def test_without_locust_installed_the_command_says_what_to_install(
    runs: list[tuple[Any, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "locust" else real(name, *a)
    )
    result = invoke(EXAMPLE, *RUN)
    assert result.exit_code == 2
    assert "pip install 'textbots-tui[load]'" in result.stderr
    assert runs == []
