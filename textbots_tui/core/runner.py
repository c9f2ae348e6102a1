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
import logging
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from textbots_tui.api.errors import TextbotsError
from textbots_tui.core.controller import Controller
from textbots_tui.core.events import BotOutput, Event, ExchangeRecorded
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
from textbots_tui.core.scenario_run import ScenarioRun
from textbots_tui.core.script import LoadedScenario, ScriptError, load_scripts

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
    run = ScenarioRun(loaded, controller, keep_going=keep_going)

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


def retry_message(event: Event) -> str | None:
    """What a retry the client is about to make is called, with the wait rounded for people; ``None`` for
    any other event."""
    return retry_notice(event.exchange) if isinstance(event, ExchangeRecorded) else None


__all__ = ["retry_message", "run_scenario", "run_scenarios", "run_scripts"]
