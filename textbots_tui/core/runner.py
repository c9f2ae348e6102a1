"""The headless runner behind ``textbots-tui run``: scenarios through the same controller the TUI uses.

Scenarios run concurrently (an :class:`asyncio.Semaphore` bounds how many at once), each with its own
controller over one shared client (one connection pool, one token). Results are printed in file order, each as
soon as it and every scenario before it have finished, so the output does not depend on timing (apart from the
durations) and reads the same at any concurrency. With more than ten scenarios, or on a terminal, each line
starts with a ``[k/N]`` counter. A failed scenario prints what step failed, at which line, what was expected,
what came and everything the bot said since the previous user step; the run then goes on to the next scenario.
The last line is exactly ``N passed, M failed``. Exit code: 0 all passed, 1 any failed, 2 the scripts could
not be loaded (nothing was run) or the run could not start.

The first line names the target when the caller says what it is (``Target: simulator · demo org``), so a CI
job whose credentials went missing cannot pass silently against the simulator. While the client waits before
a retry (a 429's ``Retry-After``, a 503's backoff) a line says so, as it happens, rather than going quiet.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from textbots_tui.core.controller import Controller
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import BotOutput, ErrorOccurred, Event, ExchangeRecorded
from textbots_tui.core.matchers import Mismatch, Observed, check
from textbots_tui.core.params import BotParams
from textbots_tui.core.script import LoadedScenario, ScriptError, Step, load_scripts
from textbots_tui.core.sessions import seconds_for_people

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.api.errors import TextbotsError
    from textbots_tui.core.journal import Journal

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StepFailure:
    """Where and why a scenario failed."""

    step_index: int | None
    """The failing step (from 0), or None when the session could not even start."""
    location: str
    """``file:line`` of the step (or of the scenario, for a failed start)."""
    action: str
    """The step in words: ``expect``, ``say "12345"``, ``choose "Track an order"``, ``start``."""
    mismatches: tuple[Mismatch, ...] = ()
    problem: str | None = None
    """Why a step could not run: refused input, an API error (title and message), an internal error."""
    observed: Observed | None = None
    """Everything the bot produced since the previous user step."""
    since: str = "the start"
    """The previous user step in words, for the "the bot said after ..." line."""
    is_error: bool = False
    """An API or internal error rather than a failed expectation (JUnit tells them apart)."""

    @property
    def headline(self) -> str:
        """One line: which step failed and how."""
        where = "starting the session" if self.step_index is None else f"step {self.step_index + 1}"
        what = ", ".join(m.what for m in self.mismatches) if self.mismatches else (self.problem or "")
        return f"{where} ({self.location}) {self.action}: {what.splitlines()[0] if what else 'failed'}"

    def details(self) -> list[str]:
        """The full diff: step, each expected-versus-got, and what the bot said."""
        if self.step_index is None:
            lines = [f"while starting the session ({self.location}):"]
        else:
            step_path = f"steps[{self.step_index}]"
            lines = [f"step {self.step_index + 1} ({step_path}, {self.location}): {self.action}"]
        if self.problem is not None:
            lines.extend("  " + line for line in self.problem.splitlines())
        for mismatch in self.mismatches:
            lines.append(f"  {mismatch.what}")
            lines.append(f"    expected: {mismatch.expected}")
            lines.append(f"    got:      {mismatch.got}")
        observed = self.observed
        if observed is not None and (
            observed.items or observed.waiting or observed.ended or not self.is_error
        ):
            lines.append(f"the bot said after {self.since}:")
            lines.extend("  " + line for line in observed.describe())
        return lines


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """The outcome of one scenario."""

    loaded: LoadedScenario
    duration_s: float
    failure: StepFailure | None = None
    turn_latencies_ms: tuple[float, ...] = ()
    """The HTTP round trip of every bot turn, for benchmarks."""

    @property
    def passed(self) -> bool:
        """Whether every step passed."""
        return self.failure is None


async def run_scripts(
    paths: Sequence[Path],
    *,
    client_factory: Callable[[], TextbotsClient],
    concurrency: int = 4,
    junit: Path | None = None,
    out: TextIO = sys.stdout,
    journal: Journal | None = None,
    target_label: str | None = None,
) -> int:
    """Load every script (all or nothing), run its scenarios, print results and a summary, write JUnit XML.

    ``target_label`` (``simulator · demo org``, ``mypurecloud.ie · client 1234...``) is printed first as
    ``Target: ...``. Returns the exit code: 0 all passed, 1 any failed, 2 nothing run (invalid scripts, bad
    arguments, or a client that could not be made).
    """
    if target_label:
        print(_printable(f"Target: {target_label}"), file=out, flush=True)
    if concurrency < 1:
        print(f"concurrency must be at least 1 (got {concurrency})", file=out)
        return 2
    try:
        scenarios = load_scripts(paths)
    except ScriptError as exc:
        for problem in exc.problems:
            print(problem, file=out)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count > 1 else ''} in the scripts: nothing was run", file=out)
        return 2
    try:
        client = client_factory()
    except Exception as exc:  # the client is built from user settings: report, do not crash
        print(f"cannot connect: {exc}", file=out)
        return 2
    printer = _OrderedPrinter(out, len(scenarios), progress=len(scenarios) > 10 or _is_tty(out))

    def retrying(loaded: LoadedScenario, message: str) -> None:
        print(_printable(f"  {loaded.name}: {message}"), file=out, flush=True)

    async with client:
        results = await run_scenarios(
            scenarios,
            client,
            concurrency=concurrency,
            journal=journal,
            on_result=printer.add,
            on_retry=retrying,
        )
    failed = sum(1 for r in results if not r.passed)
    print(f"{len(results) - failed} passed, {failed} failed", file=out, flush=True)
    if junit is not None:
        try:
            write_junit(results, junit)
        except OSError as exc:
            print(f"cannot write the JUnit report {junit}: {exc.strerror or exc}", file=out)
            return 2
    return 1 if failed else 0


async def run_scenarios(
    scenarios: Sequence[LoadedScenario],
    client: TextbotsClient,
    *,
    concurrency: int = 4,
    journal: Journal | None = None,
    on_result: Callable[[int, ScenarioResult], None] | None = None,
    on_retry: Callable[[LoadedScenario, str], None] | None = None,
) -> list[ScenarioResult]:
    """Run scenarios, at most ``concurrency`` at a time. Results come back in the given order;
    ``on_result(index, result)`` is called as each one finishes, ``on_retry(scenario, message)`` each time
    the client is about to wait and retry a request of it."""
    semaphore = asyncio.Semaphore(concurrency)
    results: dict[int, ScenarioResult] = {}

    async def one(index: int, loaded: LoadedScenario) -> None:
        async with semaphore:
            said = None if on_retry is None else functools.partial(on_retry, loaded)
            result = await run_scenario(loaded, client, journal=journal, on_retry=said)
        results[index] = result
        if on_result is not None:
            on_result(index, result)

    async with asyncio.TaskGroup() as group:
        for index, loaded in enumerate(scenarios):
            group.create_task(one(index, loaded))
    return [results[i] for i in range(len(scenarios))]


async def run_scenario(
    loaded: LoadedScenario,
    client: TextbotsClient,
    *,
    journal: Journal | None = None,
    on_retry: Callable[[str], None] | None = None,
) -> ScenarioResult:
    """Run one scenario on its own controller: start the session, then each step until one fails.

    ``on_retry(message)`` hears ``rate limited, retrying in 12 s`` (or another failure) each time the client
    is about to wait and send a request again."""
    started = time.perf_counter()
    controller = Controller(client, journal=journal)
    run = _ScenarioRun(loaded, controller)

    def listen(event: Event) -> None:
        run.events.append(event)
        if on_retry is not None and (message := retry_message(event)) is not None:
            on_retry(message)

    unsubscribe = controller.subscribe(listen)
    try:
        failure = await run.execute()
    except Exception:  # a bug must not stop the other scenarios: report it as this scenario's failure
        failure = StepFailure(
            run.step_index,
            run.location(),
            run.action,
            problem="internal error:\n" + traceback.format_exc().rstrip(),
            is_error=True,
        )
    finally:
        unsubscribe()
        try:
            await run.close()
        except Exception:  # closing is bookkeeping (the API has no "end"): never let it stop the run
            log.exception("closing the session of %r failed", loaded.name)
    latencies = tuple(
        e.latency_ms for e in run.events if isinstance(e, BotOutput) and e.latency_ms is not None
    )
    return ScenarioResult(loaded, time.perf_counter() - started, failure, latencies)


class _ScenarioRun:
    """The state of one running scenario: its controller's events, the current window, the session."""

    def __init__(self, loaded: LoadedScenario, controller: Controller) -> None:
        self.loaded = loaded
        self.controller = controller
        self.events: list[Event] = []
        self.window_start = 0
        self.since = "the start"
        self.session_id: str | None = None
        self.step_index: int | None = None
        self.action = "start"

    def location(self) -> str:
        """Where the current step is written."""
        if self.step_index is None:
            return f"{self.loaded.file}:{self.loaded.line}"
        return self.loaded.step_location(self.step_index)

    async def execute(self) -> StepFailure | None:
        """Start the session and run the steps; the first failure ends the scenario."""
        params = self.loaded.scenario.launch_params()
        try:
            if isinstance(params, BotParams):
                self.session_id = await self.controller.start_bot(params)
            else:
                self.session_id = await self.controller.launch_flow(params)
        except InputRefused as exc:
            return self._failure(problem=f"refused: {exc}", is_error=True)
        failure = self._error_failure()
        if failure is not None:
            return failure
        for index, step in enumerate(self.loaded.scenario.steps):
            self.step_index, self.action = index, _describe_step(step)
            failure = await (self._expect(step) if step.expect is not None else self._send(step))
            if failure is not None:
                return failure
        return None

    async def _send(self, step: Step) -> StepFailure | None:
        """Send a user step; a new window of bot output starts with it."""
        assert self.session_id is not None
        observed_before = self._observed()
        window_start = self.window_start
        self.window_start = len(self.events)
        try:
            if step.say is not None:
                await self.controller.send_text(self.session_id, step.say)
            elif step.choose is not None:
                await self.controller.choose(self.session_id, step.choose)
            else:
                assert step.event is not None
                event = step.event
                await self.controller.send_event(
                    self.session_id, event.type, code=event.code, message=event.message
                )
        except InputRefused as exc:
            # Nothing was sent: the report shows the window the refused step was meant to answer.
            self.window_start = window_start
            return self._failure(problem=f"refused: {exc}", observed=observed_before)
        self.since = f"step {(self.step_index or 0) + 1} ({self.action})"
        return self._error_failure()

    async def _expect(self, step: Step) -> StepFailure | None:
        """Check an expectation against everything since the previous user step."""
        assert step.expect is not None
        observed = self._observed()
        mismatches = check(step.expect, observed)
        return self._failure(mismatches=tuple(mismatches), observed=observed) if mismatches else None

    def _error_failure(self) -> StepFailure | None:
        """An API error in the current window fails the scenario with the error's title and message."""
        errors = [e for e in self.events[self.window_start :] if isinstance(e, ErrorOccurred)]
        if not errors:
            return None
        problem = "\n".join(_describe_error(e.error) for e in errors)
        return self._failure(problem=problem, observed=self._observed(), is_error=True)

    def _observed(self) -> Observed:
        return Observed.from_events(self.events[self.window_start :])

    def _failure(
        self,
        *,
        mismatches: tuple[Mismatch, ...] = (),
        problem: str | None = None,
        observed: Observed | None = None,
        is_error: bool = False,
    ) -> StepFailure:
        return StepFailure(
            self.step_index, self.location(), self.action, mismatches, problem, observed, self.since, is_error
        )

    async def close(self) -> None:
        """Close the session (if there is one); the shared client stays open for the other scenarios."""
        if self.session_id is not None:
            await self.controller.close(self.session_id)


def retry_message(event: Event) -> str | None:
    """What a retry the client is about to make is called, with the wait rounded for people; ``None`` for
    any other event."""
    if not isinstance(event, ExchangeRecorded) or event.exchange.retry_after_s is None:
        return None
    exchange = event.exchange
    wait = event.exchange.retry_after_s
    if exchange.status == 429:
        why = "rate limited"
    else:
        why = f"request failed ({exchange.status or exchange.error or 'no response'})"
    return f"{why}, retrying in {seconds_for_people(wait)}"


def format_result(result: ScenarioResult, *, index: int, total: int, progress: bool) -> str:
    """The report of one scenario: ``PASS name (1.2 s)``, or ``FAIL ...`` followed by the indented diff."""
    counter = f"[{index + 1:>{len(str(total))}}/{total}] " if progress else ""
    status = "PASS" if result.passed else "FAIL"
    line = f"{counter}{status} {result.loaded.name} ({result.duration_s:.1f} s)"
    if result.failure is None:
        return _printable(line)
    return _printable("\n".join([line, *("    " + d for d in result.failure.details())]))


def write_junit(results: Sequence[ScenarioResult], path: Path) -> None:
    """A JUnit XML report: a test suite per script file, a test case per scenario, failures with the diff."""
    root = ET.Element("testsuites", name="textbots-tui run")
    by_file: dict[str, list[ScenarioResult]] = {}
    for result in results:
        by_file.setdefault(result.loaded.file, []).append(result)
    for file, file_results in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=file)
        for result in file_results:
            case = ET.SubElement(
                suite,
                "testcase",
                name=_xml_text(result.loaded.name),
                classname=_xml_text(Path(file).with_suffix("").as_posix().replace("/", ".")),
                file=file,
                line=str(result.loaded.line),
                time=f"{result.duration_s:.3f}",
            )
            failure = result.failure
            if failure is not None:
                element = ET.SubElement(
                    case,
                    "error" if failure.is_error else "failure",
                    message=_xml_text(failure.headline),
                    type="error" if failure.is_error else "expectation",
                )
                element.text = _xml_text("\n".join(failure.details()))
        _count(suite, file_results)
    _count(root, results)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _count(element: ET.Element, results: Sequence[ScenarioResult]) -> None:
    failures = [r.failure for r in results if r.failure is not None]
    element.set("tests", str(len(results)))
    element.set("failures", str(sum(1 for f in failures if not f.is_error)))
    element.set("errors", str(sum(1 for f in failures if f.is_error)))
    element.set("skipped", "0")
    element.set("time", f"{sum(r.duration_s for r in results):.3f}")


_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """Bot text is data: an ANSI escape or other control character in it is shown, never obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Bot text may hold control characters XML 1.0 cannot carry: write them as ``\\xNN``."""
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _OrderedPrinter:
    """Prints results in file order as soon as every earlier scenario has finished."""

    def __init__(self, out: TextIO, total: int, *, progress: bool) -> None:
        self.out = out
        self.total = total
        self.progress = progress
        self.pending: dict[int, ScenarioResult] = {}
        self.next_index = 0

    def add(self, index: int, result: ScenarioResult) -> None:
        """Take one finished result; print it and any that were waiting for it."""
        self.pending[index] = result
        while self.next_index in self.pending:
            ready = self.pending.pop(self.next_index)
            text = format_result(ready, index=self.next_index, total=self.total, progress=self.progress)
            print(text, file=self.out, flush=True)
            self.next_index += 1


def _describe_step(step: Step) -> str:
    if step.say is not None:
        return f"say {json.dumps(step.say, ensure_ascii=False)}"
    if step.choose is not None:
        return f"choose {json.dumps(step.choose, ensure_ascii=False)}"
    if step.event is not None:
        return f"event {step.event.type}"
    return "expect"


def _describe_error(error: TextbotsError) -> str:
    """An API error as one line: title, status and code, message, correlation id."""
    status = " ".join(str(p) for p in (error.status, error.code) if p)
    text = (
        f"{error.title}"
        + (f" ({status})" if status else "")
        + (f": {error.message}" if error.message else "")
    )
    return text + (f" [correlation id {error.correlation_id}]" if error.correlation_id else "")


def _is_tty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
