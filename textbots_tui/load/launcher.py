"""The parent side of ``textbots-tui load``: start what the run needs, wait for it, print the verdict.

With no credentials the target is the built-in simulator, served by its own process on a free loopback port
for the duration of the run; afterwards what Locust reported is checked against what that server received.
``--workers K`` starts a local Locust master and K workers; ``--master`` and ``--worker`` run one side of a
run spread over machines. This process never imports Locust (its gevent patching stays in the processes it
drives).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from textbots_tui.core.connection import Connection
from textbots_tui.load.plan import LoadPlan
from textbots_tui.load.processes import Child, ProcessError, SimulatorProcess, child_environment, free_port
from textbots_tui.load.processes import locust_args as locust
from textbots_tui.load.report import count_mismatches, final_table, verdict

Role = Literal["local", "master", "worker"]
_EXTRA_WAIT_S = 120.0
"""Beyond the run time and the stop timeout: start-up, workers connecting, final reports."""


@dataclass(frozen=True)
class LoadOptions:
    """A load run as the command line gave it (already checked)."""

    scripts: tuple[str, ...]
    users: int = 1
    spawn_rate: float = 1.0
    run_time_s: float = 60.0
    role: Role = "local"
    workers: int = 0
    """Local worker processes (``--workers``); 0: users run in the Locust process itself."""
    expect_workers: int = 1
    master_host: str | None = None
    master_port: int = 5557
    csv_prefix: str | None = None
    html: str | None = None
    fail_ratio: float = 0.0
    fail_p95_ms: float | None = None
    max_rps: float | None = None
    stop_timeout_s: float = 30.0
    progress_interval_s: float = 2.0


class _Output:
    """Thread-safe line writers (the children's output comes in on threads)."""

    def __init__(self, out: Callable[[str], None], err: Callable[[str], None]) -> None:
        self._lock = threading.Lock()
        self._out, self._err = out, err

    def out(self, line: str) -> None:
        with self._lock:
            self._out(line)

    def err(self, line: str) -> None:
        with self._lock:
            self._err(line)


def run_load(
    options: LoadOptions, target: Connection, *, out: Callable[[str], None], err: Callable[[str], None]
) -> int:
    """Run the load test and print its final table; the exit code: 0 passed, 1 failed (or did not finish)."""
    io = _Output(out, err)
    simulator: SimulatorProcess | None = None
    try:
        if target.simulator:
            simulator = SimulatorProcess(io.err)
            assert simulator.url is not None
            io.out(f"Simulator: serving on {simulator.url} for this run")
            target = replace(target, api_url=simulator.url, login_url=simulator.url)
        with tempfile.TemporaryDirectory(prefix="textbots-load-") as folder:
            summary_path = Path(folder) / "summary.json"
            code = _run_locust(options, target, summary_path, io)
            if options.role == "worker":
                return 0 if code == 0 else 1
            if not summary_path.exists():
                io.err(f"the load run did not finish (Locust exited with {code}): no summary")
                return 1
            summary: dict[str, Any] = json.loads(summary_path.read_text(encoding="utf-8"))
        server = simulator.stats() if simulator is not None else None
    except ProcessError as exc:
        io.err(str(exc))
        return 1
    finally:
        if simulator is not None:
            simulator.stop()
    return _conclude(options, summary, server, io)


def _conclude(
    options: LoadOptions, summary: dict[str, Any], server: dict[str, Any] | None, io: _Output
) -> int:
    for line in final_table(summary):
        io.out(line)
    reasons = verdict(summary, fail_ratio=options.fail_ratio, fail_p95_ms=options.fail_p95_ms)
    if server is not None:
        mismatches = count_mismatches(summary, server)
        stale = int(server.get("staleTurnConflicts", 0))
        received = ", ".join(f"{kind} {count:,}" for kind, count in sorted(server["requests"].items()))
        io.out(f"Simulator received: {received or 'nothing'}; stale-turn conflicts {stale}")
        if mismatches:
            reasons.append("Locust's counts differ from the simulator's: " + "; ".join(mismatches))
        if stale:
            reasons.append(f"{stale} turns were sent twice (stale-turn conflicts)")
    if reasons:
        io.out("FAILED: " + "; ".join(reasons))
        return 1
    io.out("PASSED")
    return 0


def _plan(options: LoadOptions, target: Connection, summary_path: Path, *, share: int) -> LoadPlan:
    return LoadPlan(
        scripts=options.scripts,
        api_url=target.api_url,
        login_url=target.login_url,
        client_id=target.client_id,
        client_secret=target.client_secret,
        access_token=target.access_token,
        run_time_s=options.run_time_s,
        stop_timeout_s=options.stop_timeout_s,
        max_rps=None if options.max_rps is None else options.max_rps / share,
        summary_path=str(summary_path),
        csv_prefix=options.csv_prefix,
        progress_interval_s=options.progress_interval_s,
    )


def _master_args(options: LoadOptions) -> list[str]:
    args = ["--headless", "--users", str(options.users), "--spawn-rate", str(options.spawn_rate)]
    args += ["--stop-timeout", f"{options.stop_timeout_s:.0f}s", "--only-summary"]
    if options.csv_prefix:
        args += ["--csv", options.csv_prefix]
    if options.html:
        args += ["--html", options.html]
    return args


def _run_locust(options: LoadOptions, target: Connection, summary_path: Path, io: _Output) -> int:
    """Start Locust's processes for this role and wait for the one that keeps the time."""
    budget = options.run_time_s + options.stop_timeout_s + _EXTRA_WAIT_S
    workers: list[Child] = []
    if options.role == "worker":
        plan = _plan(options, target, summary_path, share=1)
        args = locust("--worker", "--master-host", str(options.master_host))
        args += ["--master-port", str(options.master_port)]
        main = Child(args, env=child_environment(plan.to_environment()), out=io.out, err=io.err)
        return _wait(main, workers, None, io)
    if options.role == "master":
        plan = _plan(options, target, summary_path, share=1)
        args = locust("--master", "--expect-workers", str(options.expect_workers), *_master_args(options))
        args += ["--master-bind-port", str(options.master_port)]
        main = Child(args, env=child_environment(plan.to_environment()), out=io.out, err=io.err)
        return _wait(main, workers, None, io)
    plan = _plan(options, target, summary_path, share=max(options.workers, 1))
    env = child_environment(plan.to_environment())
    if options.workers == 0:
        main = Child(locust(*_master_args(options)), env=env, out=io.out, err=io.err)
        return _wait(main, workers, budget, io)
    port = str(free_port())
    args = locust("--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", port)
    args += ["--expect-workers", str(options.workers), "--expect-workers-max-wait", "60"]
    main = Child([*args, *_master_args(options)], env=env, out=io.out, err=io.err)
    for _ in range(options.workers):
        args = locust("--worker", "--master-host", "127.0.0.1", "--master-port", port)
        workers.append(Child(args, env=env, out=io.out, err=io.err))
    return _wait(main, workers, budget, io)


def _wait(main: Child, workers: list[Child], budget: float | None, io: _Output) -> int:
    """Wait for ``main`` (then the workers); ctrl+c or an overrun stops it the way Locust still reports."""
    try:
        try:
            code = main.wait(budget)
        except subprocess.TimeoutExpired:
            io.err(f"the load run took longer than {budget:.0f} s: stopping it")
            main.interrupt()
            code = main.wait(60)
        except KeyboardInterrupt:
            main.interrupt()
            code = main.wait(60)
        # The master has the workers' last reports: they have nothing more to say, and without it they would
        # wait for its heartbeat to time out.
        for worker in workers:
            worker.interrupt()
        for worker in workers:
            try:
                worker.wait(15)
            except subprocess.TimeoutExpired:
                worker.stop()
        return code
    finally:
        main.stop()
        for worker in workers:
            worker.stop()
