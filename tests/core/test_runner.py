"""The headless runner against the in-process simulator: exit codes, diffs, JUnit, concurrency, examples."""

from __future__ import annotations

import asyncio
import io
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import httpx

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.retry import RetryPolicy
from textbots_tui.core.runner import run_scenarios, run_scripts
from textbots_tui.core.script import load_scripts
from textbots_tui.simulator import SimulatorSettings, create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FAILING = Path(__file__).parent / "data" / "failing.yaml"
ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"


def simulator_client(settings: SimulatorSettings | None = None) -> TextbotsClient:
    return TextbotsClient(
        api_url="http://simulator.local",
        client_id="demo",
        client_secret="demo",
        transport=httpx.ASGITransport(app=create_app(settings or SimulatorSettings())),
    )


async def run(paths: list[Path], **kwargs: Any) -> tuple[int, str]:
    out = io.StringIO()
    kwargs.setdefault("client_factory", simulator_client)
    code = await run_scripts(paths, out=out, **kwargs)
    return code, out.getvalue()


def without_timings(output: str) -> str:
    """The output with what legitimately changes between runs blanked: durations and correlation ids."""
    output = re.sub(r"\(\d+\.\d s\)", "(t)", output)
    return re.sub(r"correlation id [0-9a-f-]+", "correlation id ?", output)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


async def test_every_example_passes_against_the_simulator() -> None:
    assert len(EXAMPLES) >= 4
    count = len(load_scripts(EXAMPLES))
    code, output = await run(EXAMPLES, concurrency=8)
    assert code == 0, output
    lines = output.splitlines()
    assert lines[-1] == f"{count} passed, 0 failed"
    results = lines[:-1]
    assert len(results) == count
    assert all(re.fullmatch(r"\[ ?\d+/\d+\] PASS .+ \(\d+\.\d s\)", line) for line in results), output


async def test_a_failing_script_fails_with_a_diff_and_keeps_going() -> None:
    code, output = await run([FAILING])
    assert code == 1
    assert output.splitlines()[-1] == "1 passed, 4 failed"
    blocks = re.split(r"\n(?=PASS|FAIL)", output.strip())
    assert [b.split(" (")[0] for b in blocks] == [
        "FAIL Wrong greeting",
        "PASS Right greeting",
        "FAIL Wrong exit",
        "FAIL No such choice",
        "FAIL Unknown flow",
    ]
    wrong_greeting = blocks[0]
    assert f"step 1 (steps[0], {FAILING}:8): expect" in wrong_greeting
    assert '    expected: a message equal to "Welcome to Globex!"' in wrong_greeting
    assert "    got:      no such message among: " in wrong_greeting
    assert "the bot said after the start:" in wrong_greeting
    assert '"What can I help you with today?"' in wrong_greeting
    assert (
        "choices\n" in wrong_greeting
        and '["Track an order", "Return an item", "Talk to an agent"]' in wrong_greeting
    )
    wrong_exit = blocks[2]
    assert f"step 4 (steps[3], {FAILING}:22): expect" in wrong_exit
    assert (
        "exit.reason\n        expected: AgentRequestedByUser\n        got:      TriggeredByFlow" in wrong_exit
    )
    assert "exit.outputData.Flow.ContactReason" in wrong_exit
    assert 'the bot said after step 3 (choose "No"):' in wrong_exit
    assert "then: Exit (TriggeredByFlow)" in wrong_exit
    no_choice = blocks[3]
    assert f'step 2 (steps[1], {FAILING}:29): choose "Order a pizza"' in no_choice
    assert "refused:" in no_choice and "Order a pizza" in no_choice
    unknown = blocks[4]
    assert "while starting the session" in unknown
    assert (
        "Flow not launched (404 not.found): Bot flow 00000000-0000-4000-8000-000000000000 was not found."
        in unknown
    )
    assert "the bot said" not in unknown


async def test_invalid_scripts_exit_2_and_run_nothing(tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "order.yaml",
        f"""\
        name: Order status
        target:
          flow: {{id: {ORDER}}}
        steps:
          - say: hi
          - say: "12345"
          - expect: {{nextAction: Wait}}
        """,
    )

    def never() -> TextbotsClient:
        raise AssertionError("nothing may run when a script is invalid")

    code, output = await run([EXAMPLES[0], bad, tmp_path / "gone.yaml"], client_factory=never)
    assert code == 2
    assert output.splitlines() == [
        f"{bad}:7: steps[2].expect.nextAction: must be one of WaitForInput, Exit, Disconnect",
        f"{tmp_path / 'gone.yaml'}: cannot read: No such file or directory",
        "2 problems in the scripts: nothing was run",
    ]


async def test_bad_arguments_and_a_broken_client_exit_2() -> None:
    assert (await run(EXAMPLES, concurrency=0))[0] == 2

    def broken() -> TextbotsClient:
        raise ValueError("no such region")

    code, output = await run(EXAMPLES, client_factory=broken)
    assert (code, output) == (2, "cannot connect: no such region\n")


async def test_wrong_credentials_are_one_error_before_any_scenario(tmp_path: Path) -> None:
    script = write(
        tmp_path,
        "auth.yaml",
        "".join(
            f"- name: Wrong credentials {n}\n  target: {{flow: {{id: {ORDER}}}}}\n  steps: [{{say: hi}}]\n"
            for n in range(5)
        ),
    )
    locked = SimulatorSettings(accepted_clients={"someone": "else"})
    junit = tmp_path / "junit.xml"
    code, output = await run([script], client_factory=lambda: simulator_client(locked), junit=junit)
    assert code == 2
    [line] = output.splitlines()
    assert line.startswith("could not start: Authentication failed (401 invalid_client)")
    assert not junit.exists()  # no scenario ran: no report claiming five failed tests


async def test_an_unreachable_target_is_one_error_before_any_scenario(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def unreachable() -> TextbotsClient:
        return TextbotsClient(
            api_url="http://simulator.local",
            client_id="demo",
            client_secret="demo",
            transport=httpx.MockTransport(refuse),
            retry=RetryPolicy(max_attempts=1),
        )

    code, output = await run([EXAMPLES[0]], client_factory=unreachable)
    assert code == 2
    [line] = output.splitlines()
    assert line.startswith("could not start: Login service unreachable")


async def test_a_403_on_the_check_still_runs_the_scenarios() -> None:
    app = create_app(SimulatorSettings())

    async def forbid_search(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/bots/search"):
            return httpx.Response(403, json={"status": 403, "code": "missing.permissions", "message": "no"})
        return await httpx.ASGITransport(app=app).handle_async_request(request)

    def client() -> TextbotsClient:
        return TextbotsClient(
            api_url="http://simulator.local",
            client_id="demo",
            client_secret="demo",
            transport=httpx.MockTransport(forbid_search),
        )

    code, output = await run([EXAMPLES[0]], client_factory=client)
    assert code == 0, output


async def test_junit_report_parses_and_counts(tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    code, _ = await run([EXAMPLES[0], FAILING], junit=report)
    assert code == 1
    root = ET.parse(report).getroot()
    passing = len(load_scripts([EXAMPLES[0]]))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (str(passing + 5), "3", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(EXAMPLES[0]), str(FAILING)]
    assert (suites[1].get("tests"), suites[1].get("failures"), suites[1].get("errors")) == ("5", "3", "1")
    cases = suites[1].findall("testcase")
    assert [c.get("name") for c in cases] == [
        "Wrong greeting",
        "Right greeting",
        "Wrong exit",
        "No such choice",
        "Unknown flow",
    ]
    failure = cases[0].find("failure")
    assert failure is not None
    assert (failure.get("message") or "").startswith(f"step 1 ({FAILING}:8) expect: text")
    assert 'expected: a message equal to "Welcome to Globex!"' in (failure.text or "")
    assert cases[1].find("failure") is None and cases[1].find("error") is None
    assert cases[4].find("error") is not None
    assert float(cases[1].get("time") or "-1") >= 0


async def test_results_are_the_same_at_any_concurrency() -> None:
    paths = [*EXAMPLES, FAILING]
    code_1, serial = await run(paths, concurrency=1)
    code_8, parallel = await run(paths, concurrency=8)
    assert (code_1, code_8) == (1, 1)
    assert without_timings(serial) == without_timings(parallel)


async def test_scenarios_really_run_concurrently() -> None:
    scenarios = load_scripts([EXAMPLES[0]])[:3]
    barrier = asyncio.Barrier(3)

    class Gate:
        """Holds every launch until three are in flight: a serial runner would never get there."""

        def __init__(self, client: TextbotsClient) -> None:
            self.client = client

        def __getattr__(self, name: str) -> Any:
            return getattr(self.client, name)

        async def launch_session(self, *args: Any, **kwargs: Any) -> Any:
            await barrier.wait()
            return await self.client.launch_session(*args, **kwargs)

    async with simulator_client() as client:
        gate: Any = Gate(client)
        results = await asyncio.wait_for(run_scenarios(scenarios, gate, concurrency=3), timeout=30)
    assert [r.passed for r in results] == [True, True, True]
    assert all(r.turn_latencies_ms for r in results)


async def test_progress_counters_when_many_scenarios_run() -> None:
    faq = next(p for p in EXAMPLES if p.name == "faq.yaml")
    per_file = len(load_scripts([faq]))
    repeats = 11 // per_file + 1
    code, output = await run([faq] * repeats, concurrency=6)
    total = per_file * repeats
    assert code == 0
    lines = output.splitlines()
    width = len(str(total))
    assert [line.split("]")[0] + "]" for line in lines[:-1]] == [
        f"[{i:>{width}}/{total}]" for i in range(1, total + 1)
    ]


def test_the_cli_signature_is_kept() -> None:
    import inspect

    parameters = inspect.signature(run_scripts).parameters
    assert list(parameters)[:7] == [
        "paths", "client_factory", "concurrency", "junit", "out", "journal", "target_label"
    ]  # fmt: skip
    # Options added later are keyword-only with a default, so existing callers keep working.
    assert all(p.default is not inspect.Parameter.empty for p in list(parameters.values())[7:])
    assert parameters["target_label"].default is None
    assert parameters["concurrency"].default == 4
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in list(parameters.values())[1:])


async def test_headless_sessions_are_journalled(tmp_path: Path) -> None:
    from textbots_tui.core.journal import Journal

    journal = Journal(tmp_path / "journal")
    try:
        code, _ = await run([EXAMPLES[0]], journal=journal, concurrency=3)
    finally:
        journal.close()
    assert code == 0
    entries = Journal(tmp_path / "journal").load()
    assert len(entries) == len(load_scripts([EXAMPLES[0]]))


def test_control_characters_in_reports_are_shown_not_obeyed(tmp_path: Path) -> None:
    from textbots_tui.core.matchers import Mismatch
    from textbots_tui.core.report import ScenarioResult, StepFailure, format_result, write_junit
    from textbots_tui.core.script import parse_script

    script = 'name: "Escapes \\e[31m"\ntarget: {flow: {id: ORDER}}\nsteps: [{say: hi}]\n'.replace(
        "ORDER", ORDER
    )
    [loaded] = parse_script(script)
    assert loaded.name == "Escapes \x1b[31m"
    failure = StepFailure(
        0,
        "x.yaml:3",
        'say "hi"',
        mismatches=(
            Mismatch("text", '"Hi"', "found \x1b[2J\x07 and \x00, \u202egnp.exe \u2028\u200b\x9b\x7f"),
        ),
    )
    result = ScenarioResult(loaded, 0.25, failure)
    text = format_result(result, index=0, total=1, progress=False)
    # Shown as the chat pane shows them (control pictures for C0 controls, escapes for the rest).
    shown = "found ␛[2J␇ and ␀, \\u202egnp.exe \\u2028\\u200b\\x9b␡"
    assert text.startswith("FAIL Escapes ␛[31m (0.2 s)\n")
    assert shown in text
    assert not any(ch in text for ch in "\x1b\x07\x00\u202e\u2028\u200b\x9b\x7f")
    report = tmp_path / "junit.xml"
    write_junit([result], report)
    case = ET.parse(report).getroot().find("testsuite/testcase")
    assert case is not None and case.get("name") == "Escapes ␛[31m"
    element = case.find("failure")
    assert element is not None and shown in (element.text or "")
    raw = report.read_text(encoding="utf-8")
    assert not any(ch in raw for ch in "\x1b\x07\x00\u202e\u2028\u200b\x9b\x7f")


async def test_the_target_is_named_first() -> None:
    code, output = await run([EXAMPLES[0]], target_label="simulator · demo org")
    assert code == 0
    assert output.splitlines()[0] == "Target: simulator · demo org"
    # Even when nothing can run, the reader learns what it would have run against.
    code, output = await run([EXAMPLES[0]], concurrency=0, target_label="mypurecloud.ie")
    assert (code, output.splitlines()[0]) == (2, "Target: mypurecloud.ie")
    assert not (await run([EXAMPLES[0]]))[1].startswith("Target")


async def test_waits_before_retries_are_announced_with_rounded_seconds() -> None:
    class Clock:
        now = 1000.0

        def __call__(self) -> float:
            return self.now

        async def sleep(self, seconds: float) -> None:
            self.now += seconds

    clock = Clock()

    def limited() -> TextbotsClient:
        # Three requests a minute: the fourth of the first scenario already waits.
        app = create_app(SimulatorSettings(rate_limit_per_minute=3, clock=clock))
        return TextbotsClient(
            api_url="http://simulator.local",
            client_id="demo",
            client_secret="demo",
            transport=httpx.ASGITransport(app=app),
            retry=RetryPolicy(sleep=clock.sleep, jitter=0.0),
        )

    first = load_scripts([EXAMPLES[0]])[0]
    code, output = await run([EXAMPLES[0]], client_factory=limited, concurrency=1)
    assert code == 0, output
    lines = output.splitlines()
    waits = [line for line in lines if "retrying" in line]
    assert waits and waits[0] == f"  {first.name}: rate limited, retrying in 60 s"
    assert all(re.fullmatch(r"  .+: rate limited, retrying in \d+ s", line) for line in waits)
    # Each is printed as it happens: before the result of its scenario.
    assert lines.index(waits[0]) < next(
        i for i, line in enumerate(lines) if first.name in line and "PASS" in line
    )


def test_seconds_are_rounded_for_people() -> None:
    from textbots_tui.core.retry_words import seconds_for_people
    from textbots_tui.core.runner import retry_message

    assert [seconds_for_people(s) for s in (0.45289, 0.01, 3.0, 9.94, 9.96, 12.4, 0)] == [
        "0.5 s", "0.1 s", "3 s", "9.9 s", "10 s", "12 s", "0 s"
    ]  # fmt: skip
    from datetime import UTC, datetime

    from textbots_tui.api.exchange import Exchange
    from textbots_tui.core.events import ExchangeRecorded, Notice

    def exchange(status: int | None, wait: float | None, error: str | None = None) -> ExchangeRecorded:
        x = Exchange("POST", "u", "/p", status, datetime.now(UTC), 1.0, error=error, retry_after_s=wait)
        return ExchangeRecorded("s", exchange=x)

    assert retry_message(exchange(503, 0.45289)) == "request failed (503), retrying in 0.5 s"
    assert (
        retry_message(exchange(None, 1.02, "ConnectError"))
        == "request failed (ConnectError), retrying in 1 s"
    )
    assert retry_message(exchange(429, 12.4)) == "rate limited, retrying in 12 s"
    assert retry_message(exchange(200, None)) is None
    assert retry_message(Notice("s", "rate limited, retrying in 3 s")) is None


async def test_ctrl_c_reports_what_finished_and_exits_130(tmp_path: Path) -> None:
    faq = "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
    script = write(
        tmp_path,
        "two.yaml",
        f"""\
        - name: Quick
          target: {{flow: {{id: {ORDER}}}}}
          steps: [{{expect: {{nextAction: WaitForInput}}}}]
        - name: Stuck
          target: {{flow: {{id: {faq}}}}}
          steps: [{{expect: {{nextAction: WaitForInput}}}}]
        """,
    )
    app = create_app(SimulatorSettings())
    never = asyncio.Event()

    async def hold_faq(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sessions") and faq.encode() in request.content:
            await never.wait()
        return await httpx.ASGITransport(app=app).handle_async_request(request)

    def client() -> TextbotsClient:
        return TextbotsClient(
            api_url="http://simulator.local",
            client_id="demo",
            client_secret="demo",
            transport=httpx.MockTransport(hold_faq),
        )

    first_done = asyncio.Event()

    class Out(io.StringIO):
        def write(self, text: str) -> int:
            if text.startswith("PASS Quick"):
                first_done.set()
            return super().write(text)

    out = Out()
    junit = tmp_path / "junit.xml"
    task = asyncio.create_task(run_scripts([script], client_factory=client, out=out, junit=junit))
    await first_done.wait()
    task.cancel()  # what asyncio.run does on Ctrl-C
    assert await task == 130
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("PASS Quick")
    assert lines[-2:] == ["interrupted: 1 of 2 scenarios did not finish", "1 passed, 0 failed"]
    root = ET.parse(junit).getroot()
    assert [case.get("name") for case in root.iter("testcase")] == ["Quick"]
