"""Turns per second a load run reaches against the simulator over loopback, with the load generator in one
process and in two worker processes, beside the simulator's in-process ceiling measured in the same run.

    .venv/bin/python benchmarks/bench_load.py [--users 20] [--run-time 10] [--script examples/faq.yaml]

Each load run is ``textbots-tui load`` itself (the simulator started as its own process on a loopback port);
its figures come from Locust's own CSV report. Per-turn p50/p95 are Locust's, for user turns and NoOp turns.
While it runs, the CPU used by the simulator process and by the Locust processes is sampled, to tell which
side limits the rate: CPU milliseconds per turn on each side hold on a busy machine, where rates do not.
The ceiling is the simulator driven in-process through ``httpx.ASGITransport`` (bare
httpx, and through the api client), as ``bench_simulator.py`` measures it.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import psutil  # comes with Locust (the load extra)
from bench_simulator import in_process

ROOT = Path(__file__).resolve().parent.parent


def sample_cpu(root: psutil.Process, stop: threading.Event, seen: dict[str, list[float]]) -> None:
    """Every second, the CPU percent of the simulator and of the Locust processes under ``root``."""
    known: dict[int, psutil.Process] = {}
    while not stop.wait(1.0):
        try:
            children = root.children(recursive=True)
        except psutil.NoSuchProcess:
            return
        totals = {"simulator": 0.0, "locust": 0.0}
        for child in children:
            process = known.setdefault(child.pid, child)
            try:
                line = " ".join(process.cmdline())
                percent = process.cpu_percent(None)
            except psutil.NoSuchProcess:
                continue
            side = "simulator" if " simulator " in line + " " else "locust" if "locust" in line else None
            if side is not None:
                totals[side] += percent
        for side, value in totals.items():
            seen.setdefault(side, []).append(value)


def load_run(script: str, users: int, run_time: int, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "run"
        args = [sys.executable, "-m", "textbots_tui", "load", script, "--users", str(users)]
        args += ["--spawn-rate", str(users), "--run-time", f"{run_time}s", "--csv", str(prefix)]
        if workers:
            args += ["--workers", str(workers)]
        process = subprocess.Popen(
            args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        stop, cpu = threading.Event(), {}
        sampler = threading.Thread(target=sample_cpu, args=(psutil.Process(process.pid), stop, cpu))
        sampler.start()
        output, _ = process.communicate(timeout=run_time + 300)
        stop.set()
        sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"the load run failed ({process.returncode}):\n{output}")
        with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as handle:
            rows = {row["Name"]: row for row in csv.DictReader(handle)}
    turns = sum(int(rows[name]["Request Count"]) for name in ("turn", "turn NoOp") if name in rows)

    # The busy part of the run: the ticks where the load generator used at least half its peak CPU (start-up
    # and the stop leave the simulator idle and would drag its figure down).
    ticks = list(zip(cpu.get("simulator", [0.0]), cpu.get("locust", [0.0]), strict=False))
    peak = max(locust for _, locust in ticks)
    busy_ticks = [tick for tick in ticks if tick[1] >= peak / 2] or ticks

    def busy(side: str) -> float:
        index = 0 if side == "simulator" else 1
        return sum(tick[index] for tick in busy_ticks) / len(busy_ticks)

    rate = turns / run_time
    return {
        "turns_per_s": rate,
        # CPU time per turn from the steady CPU share: robust to other jobs on the machine, unlike rates.
        "simulator_ms": busy("simulator") / 100 * 1000 / rate,
        "locust_ms": busy("locust") / 100 * 1000 / rate,
        "turn_p50": float(rows["turn"]["50%"]),
        "turn_p95": float(rows["turn"]["95%"]),
        "noop_p50": float(rows["turn NoOp"]["50%"]),
        "noop_p95": float(rows["turn NoOp"]["95%"]),
        "simulator_cpu": busy("simulator"),
        "locust_cpu": busy("locust"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--run-time", type=int, default=10)
    parser.add_argument("--script", default=str(ROOT / "examples" / "faq.yaml"))
    options = parser.parse_args()
    ceiling = asyncio.run(in_process(rounds=3, turns=400))
    print(
        f"in-process ceiling: {ceiling['raw']:,.0f} turns/s bare httpx, "
        f"{ceiling['client']:,.0f} via the client"
    )
    for workers in (0, 2):
        figures = load_run(options.script, options.users, options.run_time, workers)
        where = "one process" if workers == 0 else f"{workers} workers"
        print(
            f"load, {options.users} users, {where}: {figures['turns_per_s']:,.0f} turns/s "
            f"({figures['turns_per_s'] / ceiling['raw']:.0%} of the ceiling); "
            f"turn p50 {figures['turn_p50']:.0f} ms p95 {figures['turn_p95']:.0f} ms, "
            f"NoOp p50 {figures['noop_p50']:.0f} ms p95 {figures['noop_p95']:.0f} ms; "
            f"CPU simulator {figures['simulator_cpu']:.0f}% ({figures['simulator_ms']:.2f} ms/turn), "
            f"Locust {figures['locust_cpu']:.0f}% ({figures['locust_ms']:.2f} ms/turn)"
        )


if __name__ == "__main__":
    main()
