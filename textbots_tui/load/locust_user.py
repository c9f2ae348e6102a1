"""The Locust side of a load run: users that play the scripts, and the listeners that keep the run's time,
print its progress, gather the workers' extra counters and write its summary.

Each user loops over the scenarios (weighted round robin), playing each one with
:func:`textbots_tui.core.runner.run_scenario`, the very code behind ``textbots-tui run``: NoOp drains,
``previousTurn`` chaining, choices, events and every ``expect``, through the same controller. All users of a
process share one client (one token, one connection pool) on an asyncio loop in a real thread
(:class:`AsyncBridge`). Every HTTP attempt is reported to Locust under its kind (``token``, ``launch``,
``turn``, ``turn NoOp``, ``execute``) and every scenario as ``scenario: NAME``, a failed one with its message.

The master (or the single process) keeps the run's time itself instead of Locust's ``--run-time``: when it
is up, users are asked to stop and finish the scenario they are in, and the master waits until every worker
has reported after its last user stopped. Only then is the summary taken, so Locust's counts are complete
and can be checked against what the server received.
"""

from __future__ import annotations

import atexit
import itertools
import sys
import time
from pathlib import Path
from typing import Any

import gevent
import httpx
from locust import User, constant, events, task
from locust.env import Environment
from locust.runners import MasterRunner, WorkerRunner

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.throttle import RateCap, RateCappedTransport
from textbots_tui.core.runner import run_scenario
from textbots_tui.core.script import LoadedScenario, load_scripts
from textbots_tui.load.gevent_bridge import AsyncBridge
from textbots_tui.load.locust_summary import (
    SCENARIO_PREFIX,
    SCENARIO_TYPE,
    Extras,
    build_summary,
    rewrite_csv,
    write_summary,
)
from textbots_tui.load.picker import ScenarioPicker
from textbots_tui.load.plan import LoadPlan
from textbots_tui.load.report import exchange_failure, failure_message, progress_line
from textbots_tui.simulator.stats import request_kind

EXTRAS_KEY = "textbots"
FINAL_REPORTS_WAIT_S = 20.0
"""How long the master waits for the workers' reports after their users stopped (they report every 3 s)."""


class LoadProcess:
    """This process's part of the run: its plan, counters and, where users run, the client they share."""

    def __init__(self, environment: Environment, plan: LoadPlan) -> None:
        self.environment = environment
        self.plan = plan
        self.extras = Extras()
        self.started_at: float | None = None
        self.stopped_at: float | None = None
        self.users_stopped = False
        self.workers_seen: set[str] = set()
        self.workers_done: set[str] = set()
        self.user_numbers = itertools.count()
        self.scenarios: list[LoadedScenario] = []
        self.bridge: AsyncBridge | None = None
        self.client: TextbotsClient | None = None
        self.progress: gevent.Greenlet[Any, Any] | None = None

    # --- where users run (a single process or a worker) -------------------------------------------------

    def open_client(self) -> None:
        """Load the scripts and open the shared client on the bridge's loop."""
        self.scenarios = load_scripts([Path(p) for p in self.plan.scripts])
        self.bridge = AsyncBridge()
        self.client = self.bridge.run(self._make_client())

    async def _make_client(self) -> TextbotsClient:
        # No pool limit: every user has a conversation in flight, and each needs its own connection.
        transport: httpx.AsyncBaseTransport = httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=None)
        )
        if self.plan.max_rps:
            transport = RateCappedTransport(transport, RateCap(self.plan.max_rps))
        return TextbotsClient(
            api_url=self.plan.api_url,
            login_url=self.plan.login_url,
            client_id=self.plan.client_id,
            client_secret=self.plan.client_secret,
            access_token=self.plan.access_token,
            transport=transport,
            on_exchange=self._exchange_done,
        )

    def _exchange_done(self, exchange: Exchange) -> None:
        # Called on the asyncio thread: Locust's events belong to the gevent thread.
        assert self.bridge is not None
        self.bridge.to_gevent(self.report_exchange, exchange)

    def report_exchange(self, exchange: Exchange) -> None:
        """Report one HTTP attempt to Locust under its kind; count 429s and the wait they asked for."""
        body = exchange.request_body
        event_type = body.get("inputEventType") if isinstance(body, dict) else None
        self.environment.events.request.fire(
            request_type=exchange.method,
            name=request_kind(exchange.method, exchange.path, event_type),
            response_time=exchange.duration_ms,
            response_length=0,
            exception=exchange_failure(exchange.status, exchange.error, exchange.retry_after_s),
            context={},
        )
        self.extras.requests += 1
        if exchange.status == 429:
            self.extras.rate_limited += 1
            self.extras.waited_s += exchange.retry_after_s or 0.0

    def close_client(self) -> None:
        """Close the client and stop the bridge's loop."""
        if self.bridge is not None and self.client is not None:
            self.bridge.run(self.client.aclose())
            self.bridge.close()
            self.client = None

    # --- the master or the single process ----------------------------------------------------------------

    def keep_time(self) -> None:
        """When the run time is up: stop the users, wait for the workers' last reports, then quit."""
        runner = self.environment.runner
        assert runner is not None and self.plan.run_time_s is not None
        gevent.sleep(self.plan.run_time_s)
        runner.stop()
        if self.progress is not None:
            self.progress.kill(block=False)
        if isinstance(runner, MasterRunner):
            deadline = time.monotonic() + FINAL_REPORTS_WAIT_S
            while not self.workers_seen <= self.workers_done and time.monotonic() < deadline:
                gevent.sleep(0.2)
            missing = self.workers_seen - self.workers_done
            if missing:
                print(f"no final report from workers {', '.join(sorted(missing))}", file=sys.stderr)
        self.stopped_at = time.monotonic()
        runner.quit()

    def show_progress(self) -> None:
        """Print a compact line every interval while the run goes on."""
        runner = self.environment.runner
        assert runner is not None and self.started_at is not None
        while True:
            gevent.sleep(self.plan.progress_interval_s)
            entries = self.environment.stats.entries.values()
            requests = [e for e in entries if e.method != SCENARIO_TYPE]
            scenarios = [e for e in entries if e.method == SCENARIO_TYPE]
            line = progress_line(
                elapsed_s=time.monotonic() - self.started_at,
                users=runner.user_count,
                requests=sum(e.num_requests for e in requests),
                failures=sum(e.num_failures for e in requests),
                scenarios=sum(e.num_requests for e in scenarios),
                scenarios_failed=sum(e.num_failures for e in scenarios),
                rate_limited=self.extras.rate_limited,
            )
            print(line, flush=True)

    def write_summary(self) -> None:
        """Write the summary (and Locust's CSV files again, at exit) from the final statistics."""
        runner = self.environment.runner
        if self.plan.summary_path is None or runner is None or self.started_at is None:
            return
        end = self.stopped_at or time.monotonic()
        summary = build_summary(
            self.environment.stats,
            self.extras,
            duration_s=round(end - self.started_at, 3),
            users=runner.target_user_count or 0,
        )
        write_summary(self.plan.summary_path, summary)
        if self.plan.csv_prefix:
            # After Locust has closed its own CSV files, which miss the last second of the run.
            atexit.register(rewrite_csv, self.environment, self.plan.csv_prefix)


_process: LoadProcess | None = None


def _current() -> LoadProcess:
    assert _process is not None, "the load plan was not read (Locust's init event did not fire)"
    return _process


@events.init.add_listener
def _on_init(environment: Environment, **_: Any) -> None:
    global _process
    process = _process = LoadProcess(environment, LoadPlan.from_environment())
    runner = environment.runner
    if not isinstance(runner, MasterRunner):
        process.open_client()
    if isinstance(runner, WorkerRunner):

        def report(client_id: str, data: dict[str, Any]) -> None:
            data[EXTRAS_KEY] = {**process.extras.take(), "stopped": process.users_stopped}

        environment.events.report_to_master.add_listener(report)
    if isinstance(runner, MasterRunner):

        def gather(client_id: str, data: dict[str, Any]) -> None:
            extras = data.get(EXTRAS_KEY)
            if extras is None:
                return
            process.workers_seen.add(client_id)
            process.extras.add(client_id, extras)
            if extras.get("stopped"):
                process.workers_done.add(client_id)

        environment.events.worker_report.add_listener(gather)


@events.test_start.add_listener
def _on_test_start(environment: Environment, **_: Any) -> None:
    process = _current()
    if isinstance(environment.runner, WorkerRunner) or process.started_at is not None:
        return
    process.started_at = time.monotonic()
    if process.plan.run_time_s is not None:
        gevent.spawn(process.keep_time)
    if process.plan.progress_interval_s > 0:
        process.progress = gevent.spawn(process.show_progress)


@events.test_stop.add_listener
def _on_test_stop(environment: Environment, **_: Any) -> None:
    _current().users_stopped = True


@events.quitting.add_listener
def _on_quitting(environment: Environment, **_: Any) -> None:
    process = _current()
    if not isinstance(environment.runner, WorkerRunner):
        process.write_summary()
    process.close_client()


class ScenarioUser(User):
    """A simulated user: plays the scripts' scenarios one after the other, as ``textbots-tui run`` does."""

    wait_time = constant(0)

    def on_start(self) -> None:
        """Pick this user's first scenario so that users start spread over the scenarios."""
        process = _current()
        weights = [loaded.scenario.weight for loaded in process.scenarios]
        self._picker = ScenarioPicker(weights, skip=next(process.user_numbers))

    @task
    def play(self) -> None:
        """Play the next scenario and report it to Locust as ``scenario: NAME``."""
        process = _current()
        assert process.bridge is not None and process.client is not None
        loaded = process.scenarios[self._picker.next()]
        result = process.bridge.run(run_scenario(loaded, process.client))
        self.environment.events.request.fire(
            request_type=SCENARIO_TYPE,
            name=SCENARIO_PREFIX + loaded.name,
            response_time=result.duration_s * 1000.0,
            response_length=0,
            exception=None if result.failure is None else failure_message(result.failure),
            context={},
        )
