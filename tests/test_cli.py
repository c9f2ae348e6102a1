"""The command line: options, validation, exit codes, and what each command hands to the layer below."""

from __future__ import annotations

import asyncio
import gc
import inspect
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from textbots_tui.cli import main
from textbots_tui.cli.collector import PausedCollector
from textbots_tui.core.connection import SIMULATOR_URL, Connection
from textbots_tui.core.params import BotParams, FlowLaunchParams

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def assert_user_error(result: Result, *fragments: str) -> None:
    """Exit 2, a short message on stderr naming what is wrong, and no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr


class FakeApp:
    """Stands in for the Textual app: records what the command built."""

    made: list[FakeApp] = []

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.ran = False
        self.return_code: int | None = None
        FakeApp.made.append(self)

    def run(self) -> None:
        self.ran = True


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> list[FakeApp]:
    monkeypatch.setattr("textbots_tui.ui.app.TextbotsApp", FakeApp)
    monkeypatch.setattr("textbots_tui.cli.tui.has_terminal", lambda: True)
    FakeApp.made = []
    return FakeApp.made


@dataclass
class FakeRunner:
    code: int = 0
    calls: list[tuple[list[Path], dict[str, Any]]] = field(default_factory=list)

    async def run_scripts(self, paths: list[Path], **kwargs: Any) -> int:
        self.calls.append((list(paths), kwargs))
        print("N passed, M failed", file=kwargs["out"])
        return self.code


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> FakeRunner:
    fake = FakeRunner()
    monkeypatch.setattr("textbots_tui.core.runner.run_scripts", fake.run_scripts)
    return fake


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, str, int]]:
    calls: list[tuple[Any, str, int]] = []

    def serve(settings: Any, host: str = "127.0.0.1", port: int = 8765) -> None:
        calls.append((settings, host, port))

    monkeypatch.setattr("textbots_tui.simulator.serve", serve)
    return calls


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret")


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "order.yaml"
    path.write_text("name: x\n", encoding="utf-8")
    return path


# --- help and version --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["--profile", "--region", "--api-url", "--login-url", "--simulator", "--flow", "--bot", "run"]),
        (("run",), ["SCRIPT...", "--junit", "--concurrency", "--profile", "--region", "--simulator"]),
        (("export",), ["SESSION", "--html", "--technical", "--profile", "--simulator"]),
        (
            ("simulator",),
            ["--host", "--port", "--flows", "--client-id", "--latency-ms", "--rate-limit", "--seed"],
        ),
    ],
)
def test_help_of_each_command(args: tuple[str, ...], expected: list[str]) -> None:
    result = invoke(*args, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")
    for option in expected:
        assert option in result.output


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert "textbots-tui" in result.output and "0." in result.output


def test_python_dash_m_is_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "textbots_tui", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: textbots-tui")


def test_the_tui_without_a_terminal_is_a_usage_error_that_points_at_run() -> None:
    # As in a CI job that forgot `run`: no escape codes, no waiting until killed.
    done = subprocess.run(
        [sys.executable, "-m", "textbots_tui"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert "needs a terminal" in line and "textbots-tui run SCRIPT" in line


def test_unknown_command_is_a_usage_error() -> None:
    assert invoke("lod").exit_code == 2


# --- the TUI -----------------------------------------------------------------------------------------------


def test_bare_command_opens_the_tui_on_the_simulator(app: list[FakeApp], tmp_path: Path) -> None:
    result = invoke()
    assert result.exit_code == 0, result.output
    [made] = app
    assert made.ran
    assert made.kwargs["connection"] == Connection.simulated()
    assert made.kwargs["start"] is None
    assert made.kwargs["keymap"] == {}
    assert made.kwargs["theme"] is None
    assert made.kwargs["auto_noinput"] is False
    journal_dir = made.kwargs["journal_dir"]
    assert journal_dir.name == "journal" and journal_dir.parent.name == "data"


def test_tui_gets_a_client_factory_for_its_connection(
    app: list[FakeApp], monkeypatch: pytest.MonkeyPatch, credentials: None
) -> None:
    built: list[Connection] = []
    monkeypatch.setattr(
        "textbots_tui.settings.connection.build_client", lambda conn, **_: built.append(conn) or "client"
    )
    assert invoke("--region", "eu-west-1").exit_code == 0
    [made] = app
    assert built == []  # the client is made by the app, when it mounts, not before the first screen
    assert made.kwargs["client_factory"]() == "client"
    assert built == [made.kwargs["connection"]]
    assert built[0].api_url == "https://api.mypurecloud.ie"


def test_flow_and_language_become_launch_params(app: list[FakeApp]) -> None:
    assert invoke("--flow", "5f1c", "--language", "en-us").exit_code == 0
    assert app[0].kwargs["start"] == FlowLaunchParams(flow_id="5f1c", language="en-us")
    assert invoke("--flow", "5f1c").exit_code == 0
    assert app[1].kwargs["start"] == FlowLaunchParams(flow_id="5f1c")


def test_bot_and_integration_become_bot_params(app: list[FakeApp]) -> None:
    assert invoke("--bot", "b07", "--integration", "int-1", "--language", "en-US").exit_code == 0
    assert app[0].kwargs["start"] == BotParams(bot_id="b07", integration_id="int-1", language="en-US")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--bot", "b07"), "--bot needs --integration"),
        (("--integration", "int-1"), "--integration goes with --bot"),
        (("--flow", "f", "--bot", "b", "--integration", "i"), "--flow and --bot cannot be used together"),
        (("--language", "en-us"), "--language goes with --flow or --bot"),
    ],
)
def test_start_options_that_do_not_fit(app: list[FakeApp], args: tuple[str, ...], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert app == []


def test_preferences_from_the_config_file(
    app: list[FakeApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        textwrap.dedent(
            """
            theme = "nord"
            auto_noinput = true
            [keys]
            "app.new_session" = "ctrl+n"
            [profiles.prod]
            region = "eu-west-1"
            client_id = "id"
            client_secret = "secret"
            production = true
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(config))
    assert invoke("--profile", "prod").exit_code == 0
    kwargs = app[0].kwargs
    assert (kwargs["theme"], kwargs["auto_noinput"], kwargs["keymap"]) == (
        "nord",
        True,
        {"app.new_session": "ctrl+n"},
    )
    conn = kwargs["connection"]
    assert (conn.label, conn.production, conn.simulator) == ("profile prod · eu-west-1", True, False)


def test_simulator_flag(app: list[FakeApp], credentials: None) -> None:
    assert invoke("--simulator").exit_code == 0
    assert app[0].kwargs["connection"].api_url == SIMULATOR_URL


def test_app_exit_code_is_the_command_exit_code(app: list[FakeApp], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeApp, "run", lambda self: setattr(self, "return_code", 3))
    assert invoke().exit_code == 3


def test_garbage_collection_pauses_until_the_app_has_started(
    app: list[FakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting: list[bool] = []

    def run(self: FakeApp) -> None:
        collecting.append(gc.isenabled())
        self.kwargs["on_started"]()  # what the app does once its backend is open, after its first frame
        collecting.append(gc.isenabled())

    monkeypatch.setattr(FakeApp, "run", run)
    assert gc.isenabled()
    assert invoke().exit_code == 0
    assert collecting == [False, True]  # paused while the app starts, resumed by it once started
    assert gc.isenabled()  # and on once the app is done


def test_resuming_the_collector_freezes_what_the_start_up_made() -> None:
    try:
        with PausedCollector() as collector:
            assert not gc.isenabled()
            before = gc.get_freeze_count()
            made = [[] for _ in range(100)]  # lists: objects the collector tracks
            collector.resume()
            assert gc.isenabled()
            frozen = gc.get_freeze_count() - before
            assert frozen >= len(made), "the start-up's objects stay out of later passes"
    finally:
        gc.unfreeze()
        gc.enable()


def test_garbage_collection_resumes_after_a_configuration_error(credentials: None) -> None:
    assert_user_error(invoke("--region", "mars-north-1"), "--region")
    assert gc.isenabled()


def test_garbage_collection_stays_off_when_it_was_off(app: list[FakeApp]) -> None:
    gc.disable()
    try:
        assert invoke().exit_code == 0
        app[0].kwargs["on_started"]()  # the end of the start-up turns on nothing that was off
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_app_says_it_has_started_once_it_tried_to_open_the_backend_even_if_that_failed() -> None:
    from textbots_tui.ui.app import TextbotsApp

    calls: list[str] = []

    def client_factory() -> Any:
        calls.append("client")
        raise RuntimeError("no backend in this test")

    app = TextbotsApp(
        connection=Connection.simulated(),
        client_factory=client_factory,
        journal_dir=None,
        on_started=lambda: calls.append("started"),
    )
    async with app.run_test() as pilot:
        # The backend opens after the first frame, in a worker: give the app turns until it has tried.
        for _ in range(50):
            if "started" in calls:
                break
            await pilot.pause()
        await app.workers.wait_for_complete()
    assert calls == ["client", "started"]


def test_bad_region_is_one_clear_line(app: list[FakeApp], credentials: None) -> None:
    result = invoke("--region", "mars-north-1")
    assert_user_error(result, "--region", "mars-north-1", "eu-west-1")
    assert len(result.stderr.strip().splitlines()) == 1
    assert app == []


def test_broken_config_file_is_one_clear_line(
    app: list[FakeApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.dev]\nregion = "eu-west-1"\nsecret = "x"\n', encoding="utf-8")
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(config))
    result = invoke("--profile", "dev")
    assert_user_error(result, f"{config}:3: profiles.dev.secret: unknown field")
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_profile(app: list[FakeApp]) -> None:
    assert_user_error(invoke("--profile", "nope"), "no profile 'nope'")


# --- run ---------------------------------------------------------------------------------------------------


def test_run_passes_paths_concurrency_and_junit(runner: FakeRunner, script: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yml"
    other.write_text("name: y\n", encoding="utf-8")
    result = invoke(
        "run", str(script), str(other), "--junit", str(tmp_path / "report.xml"), "--concurrency", "9"
    )
    assert result.exit_code == 0, result.output
    [(paths, kwargs)] = runner.calls
    assert paths == [script, other]
    assert kwargs["concurrency"] == 9
    assert kwargs["junit"] == tmp_path / "report.xml"
    assert result.stdout == "N passed, M failed\n"  # the runner writes to the command's standard output
    run_journal = kwargs["journal"]
    assert run_journal.directory.name == "runs" and run_journal.directory.parent.name == "journal"
    assert run_journal.origin == "run", "run sessions are kept apart from the TUI's history"


def test_run_defaults(runner: FakeRunner, script: Path) -> None:
    assert invoke("run", str(script)).exit_code == 0
    [(_, kwargs)] = runner.calls
    assert (kwargs["concurrency"], kwargs["junit"]) == (4, None)
    assert kwargs["target_label"] == "simulator · demo org"  # named, so a missing secret is not passed unseen


def test_a_reader_that_goes_away_is_not_a_failure(tmp_path: Path) -> None:
    # `textbots-tui run ... | head -1`: the run goes on quietly and its exit code says how the scenarios did.
    junit = tmp_path / "junit.xml"
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
    process = subprocess.Popen(
        [sys.executable, "-m", "textbots_tui", "run", "--junit", str(junit), *examples],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"Target: ")
    process.stdout.close()  # what head does after its line
    errors = process.stderr.read().decode()
    assert process.wait() == 0, errors
    assert "Traceback" not in errors and "Broken pipe" not in errors
    assert junit.exists()  # the run finished


def test_a_second_ctrl_c_exits_130(runner: FakeRunner, script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def interrupted(paths: list[Path], **kwargs: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("textbots_tui.core.runner.run_scripts", interrupted)
    result = invoke("run", str(script))
    assert result.exit_code == 130
    assert "Aborted" not in result.output and "interrupted" in result.stderr


def test_run_names_a_real_target(runner: FakeRunner, script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret")
    assert invoke("run", str(script), "--region", "eu-west-1").exit_code == 0
    [(_, kwargs)] = runner.calls
    assert "eu-west-1" in kwargs["target_label"]
    assert "secret" not in kwargs["target_label"]


@pytest.mark.parametrize("code", [0, 1, 2])
def test_run_exit_code_is_the_runner_s(runner: FakeRunner, script: Path, code: int) -> None:
    runner.code = code
    assert invoke("run", str(script)).exit_code == code


def test_run_client_factory_uses_the_resolved_connection(
    runner: FakeRunner, script: Path, monkeypatch: pytest.MonkeyPatch, credentials: None
) -> None:
    built: list[Connection] = []
    monkeypatch.setattr(
        "textbots_tui.settings.connection.build_client", lambda conn, **_: built.append(conn) or "client"
    )
    assert invoke("run", str(script), "--region", "eu-west-1").exit_code == 0
    [(_, kwargs)] = runner.calls
    assert kwargs["client_factory"]() == "client"
    assert built[0].region == "eu-west-1" and not built[0].simulator


def test_run_takes_connection_options_before_the_command_too(
    runner: FakeRunner, script: Path, monkeypatch: pytest.MonkeyPatch, credentials: None
) -> None:
    built: list[Connection] = []
    monkeypatch.setattr("textbots_tui.settings.connection.build_client", lambda conn, **_: built.append(conn))
    assert invoke("--region", "eu-west-1", "run", str(script)).exit_code == 0
    assert invoke("--region", "eu-west-1", "run", str(script), "--region", "us-east-1").exit_code == 0
    for _, kwargs in runner.calls:
        kwargs["client_factory"]()
    assert [conn.region for conn in built] == ["eu-west-1", "us-east-1"]


def test_run_pauses_the_collector_until_its_client_is_built(
    script: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting: list[tuple[str, bool]] = []

    def build_client(conn: Connection, **_: Any) -> str:
        collecting.append(("building the client", gc.isenabled()))
        return "client"

    async def run_scripts(paths: list[Path], **kwargs: Any) -> int:
        collecting.append(("scripts loaded", gc.isenabled()))
        kwargs["client_factory"]()
        collecting.append(("scenarios", gc.isenabled()))
        return 0

    monkeypatch.setattr("textbots_tui.settings.connection.build_client", build_client)
    monkeypatch.setattr("textbots_tui.core.runner.run_scripts", run_scripts)
    frozen = gc.get_freeze_count()
    try:
        assert invoke("run", str(script)).exit_code == 0
        assert gc.get_freeze_count() > frozen, "what the start-up made is kept out of later passes"
    finally:
        gc.unfreeze()
    assert collecting == [("scripts loaded", False), ("building the client", False), ("scenarios", True)]
    assert gc.isenabled()


def test_run_resumes_the_collector_after_a_configuration_error(script: Path, credentials: None) -> None:
    assert_user_error(invoke("run", str(script), "--region", "mars-north-1"), "--region")
    assert gc.isenabled()


def test_run_leaves_a_collector_that_was_off_off(runner: FakeRunner, script: Path) -> None:
    gc.disable()
    try:
        assert invoke("run", str(script)).exit_code == 0
        runner.calls[0][1]["client_factory"]()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_run_expands_directories(runner: FakeRunner, tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text("name: x\n", encoding="utf-8")
    assert invoke("run", str(tmp_path)).exit_code == 0
    assert runner.calls[0][0] == [tmp_path / "a.yml", tmp_path / "b.yaml"]


def test_run_missing_script(runner: FakeRunner, tmp_path: Path) -> None:
    assert_user_error(invoke("run", str(tmp_path / "gone.yaml")), "gone.yaml: no such script file")
    assert runner.calls == []


def test_run_empty_directory(runner: FakeRunner, tmp_path: Path) -> None:
    assert_user_error(invoke("run", str(tmp_path)), "no .yaml or .yml script files")


@pytest.mark.parametrize(
    "args", [("run",), ("run", "x.yaml", "--concurrency", "0"), ("--flow", "f", "run", "x.yaml")]
)
def test_run_usage_errors(runner: FakeRunner, args: tuple[str, ...]) -> None:
    assert invoke(*args).exit_code == 2
    assert runner.calls == []


def test_run_config_error(runner: FakeRunner, script: Path, credentials: None) -> None:
    assert_user_error(invoke("run", str(script), "--region", "atlantis"), "--region", "atlantis")
    assert runner.calls == []


# --- simulator ---------------------------------------------------------------------------------------------


def test_simulator_defaults(served: list[tuple[Any, str, int]]) -> None:
    from textbots_tui.simulator import SimulatorSettings

    assert invoke("simulator").exit_code == 0
    [(settings, host, port)] = served
    assert (host, port) == ("127.0.0.1", 8765)
    assert settings == SimulatorSettings()


def test_simulator_options_become_settings(served: list[tuple[Any, str, int]], tmp_path: Path) -> None:
    args = ["simulator", "--host", "127.0.0.2", "--port", "0", "--flows", str(tmp_path)]
    args += ["--client-id", "me", "--client-secret", "pw", "--latency-ms", "25", "--rate-limit", "60"]
    args += ["--error-rate", "0.1", "--token-lifetime", "300", "--session-timeout", "90", "--seed", "7"]
    args += ["--rate-limit-window", "1", "--lost-answer-rate", "0.05"]
    assert invoke(*args).exit_code == 0
    [(settings, host, port)] = served
    assert (host, port) == ("127.0.0.2", 0)
    assert settings.flows_dir == tmp_path
    assert settings.accepted_clients == {"me": "pw"}
    assert settings.latency_ms == 25
    assert settings.rate_limit_per_minute == 60
    assert settings.error_rate_503 == pytest.approx(0.1)
    assert settings.token_lifetime_s == 300
    assert settings.session_idle_timeout_s == 90
    assert settings.seed == 7
    assert settings.rate_limit_window_s == 1
    assert settings.lost_answer_rate == pytest.approx(0.05)


@pytest.mark.parametrize(
    "args",
    [
        ("simulator", "--client-id", "me"),
        ("simulator", "--error-rate", "1.5"),
        ("simulator", "--lost-answer-rate", "2"),
        ("simulator", "--rate-limit-window", "0"),
        ("simulator", "--port", "70000"),
        ("simulator", "--flows", "/nonexistent/flows"),
        ("--region", "eu-west-1", "simulator"),
    ],
)
def test_simulator_usage_errors(served: list[tuple[Any, str, int]], args: tuple[str, ...]) -> None:
    assert invoke(*args).exit_code == 2
    assert served == []


# --- the contracts the command relies on -------------------------------------------------------------------


def test_the_app_accepts_what_the_command_passes() -> None:
    from textbots_tui.ui.app import TextbotsApp

    inspect.signature(TextbotsApp).bind(
        connection=Connection.simulated(),
        client_factory=lambda: None,
        journal_dir=Path(),
        start=None,
        keymap={},
        theme=None,
        auto_noinput=False,
        on_started=gc.enable,
    )


def test_the_runner_accepts_what_the_command_passes() -> None:
    from textbots_tui.core.runner import run_scripts

    inspect.signature(run_scripts).bind(
        [Path()], client_factory=lambda: None, concurrency=1, junit=None, out=sys.stdout, journal=None
    )


def test_simulator_settings_have_the_fields_the_command_sets() -> None:
    from textbots_tui.simulator import SimulatorSettings

    names = {f.name for f in fields(SimulatorSettings)}
    assert {
        "flows_dir",
        "accepted_clients",
        "latency_ms",
        "rate_limit_per_minute",
        "error_rate_503",
        "token_lifetime_s",
        "session_idle_timeout_s",
        "seed",
    } <= names


# --- end to end: scripts against the in-process simulator --------------------------------------------------

ORDER_STATUS = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"


def test_run_end_to_end_against_the_simulator(tmp_path: Path) -> None:
    passing = tmp_path / "greets.yaml"
    passing.write_text(
        f"name: greets\ntarget: {{flow: {{id: {ORDER_STATUS}, language: en-us}}}}\n"
        "steps:\n  - expect: {nextAction: WaitForInput}\n",
        encoding="utf-8",
    )
    failing = tmp_path / "wrong.yaml"
    failing.write_text(
        f"name: wrong\ntarget: {{flow: {{id: {ORDER_STATUS}}}}}\n"
        "steps:\n  - expect: {text: {contains: 'no bot says this'}}\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.xml"
    result = invoke("run", str(passing), "--junit", str(report))
    assert result.exit_code == 0, result.output
    assert "1 passed, 0 failed" in result.output.splitlines()
    assert report.is_file()
    result = invoke("run", str(passing), str(failing))
    assert result.exit_code == 1, result.output
    assert "1 passed, 1 failed" in result.output.splitlines()


def test_simulator_client_works_in_process() -> None:
    from textbots_tui.settings.connection import build_client

    seen: list[int | None] = []

    async def list_flows() -> list[str]:
        async with build_client(
            Connection.simulated(), on_exchange=lambda ex: seen.append(ex.status)
        ) as client:
            listing = await client.list_flows()
        return [flow.id for flow in listing.entities or []]

    assert ORDER_STATUS in asyncio.run(list_flows())
    assert seen and all(status == 200 for status in seen)  # the token request and the listing, recorded


MY_FLOW = """
flow:
  id: 0e0e0e0e-0000-4000-8000-0000000000f1
  name: My Own Flow
  type: DIGITALBOT
  language: en-us
  sequences:
    Start:
      - say: "Hello from my own flow"
      - exit: TriggeredByFlow
"""


def test_tui_simulator_serves_the_flows_of_a_folder(app: list[FakeApp], tmp_path: Path) -> None:
    import asyncio

    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "mine.yaml").write_text(MY_FLOW, encoding="utf-8")
    result = invoke("--simulator", "--flows", str(folder))
    assert result.exit_code == 0, result.output
    client = app[0].kwargs["client_factory"]()

    async def listed() -> list[str]:
        async with client:
            flows = await client.list_flows()
        return [flow.name or "" for flow in flows.entities or []]

    names = asyncio.run(listed())
    assert "My Own Flow" in names and "Order Status" in names, "the user's flows beside the samples"


def test_tui_flows_with_a_broken_file_stops_with_its_line(app: list[FakeApp], tmp_path: Path) -> None:
    broken = MY_FLOW.replace("type: DIGITALBOT", "type: [oops")
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
    result = invoke("--simulator", "--flows", str(tmp_path))
    assert_user_error(result, "broken.yaml:", "--flows")
    assert app == [], "the app does not open"


def test_tui_flows_needs_the_simulator(app: list[FakeApp], tmp_path: Path, credentials: None) -> None:
    result = invoke("--region", "eu-west-1", "--flows", str(tmp_path))
    assert_user_error(result, "--flows goes with the simulator")
