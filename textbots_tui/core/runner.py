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
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from textbots_tui.api.errors import TextbotsError
from textbots_tui.core.controller import Controller
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import BotOutput, ErrorOccurred, Event, ExchangeRecorded
from textbots_tui.core.items import Choice
from textbots_tui.core.matchers import Mismatch, Observed, check
from textbots_tui.core.params import BotParams
from textbots_tui.core.report import (
    OrderedPrinter,
    ScenarioResult,
    StepFailure,
    describe_error,
    is_tty,
    printable,
    write_junit,
)
from textbots_tui.core.retry_words import retry_notice
from textbots_tui.core.run_reports import CoverageTarget, write_reports
from textbots_tui.core.script import ChoosePattern, LoadedScenario, ScriptError, Step, load_scripts
from textbots_tui.core.user_input import pick_like

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.core.journal import Journal

log = logging.getLogger(__name__)

INTERRUPTED = 130
"""The exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it)."""
UpdateMode = Literal["write", "dry-run"]
"""``run --update``: rewrite the scripts, or (``dry-run``) only print the diff."""


async def run_scripts(
    paths: Sequence[Path],
    *,
    client_factory: Callable[[], TextbotsClient],
    concurrency: int = 4,
    junit: Path | None = None,
    out: TextIO = sys.stdout,
    journal: Journal | None = None,
    target_label: str | None = None,
    update: UpdateMode | None = None,
    coverage: CoverageTarget | None = None,
    html: Path | None = None,
    script_cache: Path | None = None,
) -> int:
    """Load every script (all or nothing), run its scenarios, print results and a summary, write JUnit XML.

    ``target_label`` (``simulator · demo org``, ``mypurecloud.ie · client 1234...``) is printed first as
    ``Target: ...``. Before any scenario the client gets a token and checks that the target answers.
    ``update`` (``write`` or ``dry-run``) rewrites the failed expectations with what the bot says now
    (:mod:`textbots_tui.core.update`), printing a unified diff per file; the summary then counts what still
    fails after the update. ``coverage`` prints what the run reached (and writes it as JSON to a path),
    ``html`` writes the HTML report (:mod:`textbots_tui.core.run_reports`). Returns the exit code: 0 all
    passed, 1 any failed, 2 nothing run (invalid scripts, bad arguments, a client that could not be made, or
    a target that could not be reached) or a report that could not be written, 130 when cancelled (Ctrl-C):
    what finished is still printed, summed up and written to the JUnit report. ``script_cache`` keeps valid
    scripts read for the next run (:mod:`textbots_tui.core.script.script_cache`).
    """
    if target_label:
        print(printable(f"Target: {target_label}"), file=out, flush=True)
    if concurrency < 1:
        print(f"concurrency must be at least 1 (got {concurrency})", file=out)
        return 2
    try:
        scenarios = load_scripts(paths, script_cache)
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
    printer = OrderedPrinter(out, len(scenarios), progress=len(scenarios) > 10 or is_tty(out))
    finished: dict[int, ScenarioResult] = {}

    def done(index: int, result: ScenarioResult) -> None:
        finished[index] = result
        printer.add(index, result)

    def retrying(loaded: LoadedScenario, message: str) -> None:
        print(printable(f"  {loaded.name}: {message}"), file=out, flush=True)

    interrupted = False
    async with client:
        try:
            # Once, before any scenario: bad credentials or an unreachable org are one error, not N failures.
            await client.check_connection()
        except TextbotsError as exc:
            hint = f" ({exc.hint})" if exc.hint else ""
            print(printable(f"could not start: {describe_error(exc)}{hint}"), file=out, flush=True)
            return 2
        try:
            await run_scenarios(
                scenarios,
                client,
                concurrency=concurrency,
                journal=journal,
                on_result=done,
                on_retry=retrying,
                keep_going=update is not None,
            )
        except asyncio.CancelledError:
            # Ctrl-C (asyncio.run cancels this task): report what finished, as a finished run would.
            interrupted = True
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
        results = [finished[i] for i in sorted(finished)]
        reports_ok = await write_reports(
            results, client, out, coverage=coverage, html=html, target_label=target_label
        )
    if interrupted:
        printer.flush_all()
        missing = len(scenarios) - len(results)
        print(f"interrupted: {missing} of {len(scenarios)} scenarios did not finish", file=out, flush=True)
    failed = sum(1 for r in results if not r.passed)
    if update is not None:
        from textbots_tui.core.update import plan_updates, print_updates

        plan = plan_updates(results)
        print_updates(plan, out, dry_run=update == "dry-run")
        if update == "write":
            failed = len(plan.still_failing) + (1 if plan.problems and not plan.still_failing else 0)
    print(f"{len(results) - failed} passed, {failed} failed", file=out, flush=True)
    if junit is not None:
        try:
            write_junit(results, junit)
        except OSError as exc:
            print(f"cannot write the JUnit report {junit}: {exc.strerror or exc}", file=out)
            return 2
    if interrupted:
        return INTERRUPTED
    if not reports_ok:
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
    keep_going: bool = False,
) -> list[ScenarioResult]:
    """Run scenarios, at most ``concurrency`` at a time. Results come back in the given order;
    ``on_result(index, result)`` is called as each one finishes, ``on_retry(scenario, message)`` each time
    the client is about to wait and retry a request of it. ``keep_going``: see :func:`run_scenario`."""
    semaphore = asyncio.Semaphore(concurrency)
    results: dict[int, ScenarioResult] = {}

    async def one(index: int, loaded: LoadedScenario) -> None:
        async with semaphore:
            said = None if on_retry is None else functools.partial(on_retry, loaded)
            result = await run_scenario(loaded, client, journal=journal, on_retry=said, keep_going=keep_going)
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
    keep_going: bool = False,
) -> ScenarioResult:
    """Run one scenario on its own controller: start the session, then each step until one fails.

    ``on_retry(message)`` hears ``rate limited, retrying in 12 s`` (or another failure) each time the client
    is about to wait and send a request again. With ``keep_going``, a failed ``expect`` does not stop the
    scenario: every one is kept in ``expect_failures`` (what ``run --update`` rewrites), and only a step that
    cannot be played (or an error) ends it early."""
    started = time.perf_counter()
    controller = Controller(client, journal=journal)
    run = _ScenarioRun(loaded, controller, keep_going=keep_going)

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
    if failure is None and run.expect_failures:
        failure = run.expect_failures[0]
    return ScenarioResult(
        loaded,
        time.perf_counter() - started,
        failure,
        latencies,
        tuple(run.expect_failures),
        tuple(run.events),
    )


class _ScenarioRun:
    """The state of one running scenario: its controller's events, the current window, the session."""

    def __init__(self, loaded: LoadedScenario, controller: Controller, *, keep_going: bool = False) -> None:
        self.loaded = loaded
        self.controller = controller
        self.keep_going = keep_going
        self.expect_failures: list[StepFailure] = []
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
            if failure is not None and self.keep_going and step.expect is not None:
                self.expect_failures.append(failure)
                continue
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
            elif isinstance(step.choose, str):
                await self.controller.choose(self.session_id, step.choose)
            elif step.choose is not None:
                await self.controller.choose(self.session_id, self._choice_like(step.choose))
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

    def _choice_like(self, pattern: ChoosePattern) -> Choice:
        """The offered choice a ``choose: {like: ..., nth: N}`` step names; :class:`InputRefused` if none."""
        assert self.session_id is not None
        return pick_like(self.controller.session(self.session_id).choices, pattern.like, pattern.nth)

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
        problem = "\n".join(describe_error(e.error) for e in errors)
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
    return retry_notice(event.exchange) if isinstance(event, ExchangeRecorded) else None


def _describe_step(step: Step) -> str:
    if step.say is not None:
        return f"say {json.dumps(step.say, ensure_ascii=False)}"
    if isinstance(step.choose, str):
        return f"choose {json.dumps(step.choose, ensure_ascii=False)}"
    if step.choose is not None:
        nth = f" (number {step.choose.nth})" if step.choose.nth > 1 else ""
        return f"choose like {json.dumps(step.choose.like, ensure_ascii=False)}{nth}"
    if step.event is not None:
        return f"event {step.event.type}"
    return "expect"


__all__ = ["retry_message", "run_scenario", "run_scenarios", "run_scripts"]
