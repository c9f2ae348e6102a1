"""Start-up of ``textbots-tui run`` with one script, against a click hello world.

A one-script run in CI is mostly start-up: the scenarios themselves take a few milliseconds. Each round runs
``textbots-tui run examples/order-status.yaml --simulator`` to its exit, and a click command that prints a
line, alternating (the order flips every round) so load from elsewhere hits both alike. Wall time from spawn
to exit; medians and their ratio (target: within 5x). The run journals to a throwaway data directory and reads
no user config.

    .venv/bin/python benchmarks/bench_run.py [--runs 11] [--script examples/order-status.yaml]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLICK_HELLO = """
import click


@click.command()
@click.option("--name", default="world")
def hello(name):
    click.echo(f"Hello, {name}")


hello()
"""

ROOT = Path(__file__).resolve().parent.parent


def run_command(script: Path) -> list[str]:
    """The installed ``textbots-tui`` (else ``python -m textbots_tui``) running one script."""
    installed = Path(sys.executable).with_name("textbots-tui")
    base = [str(installed)] if installed.exists() else [sys.executable, "-m", "textbots_tui"]
    return [*base, "run", str(script), "--simulator"]


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to exit (a failing command stops the benchmark)."""
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--script", type=Path, default=ROOT / "examples" / "order-status.yaml")
    args = parser.parse_args()
    contenders = {"click hello world": [sys.executable, "-c", CLICK_HELLO], "run": run_command(args.script)}
    times: dict[str, list[float]] = {name: [] for name in contenders}
    with tempfile.TemporaryDirectory(prefix="bench-run-") as home:
        env = {
            **os.environ,
            "TEXTBOTS_TUI_CONFIG": str(Path(home, "config.toml")),
            "TEXTBOTS_TUI_DATA_DIR": str(Path(home, "data")),
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(Path(home, "pycache")),
        }
        for command in contenders.values():  # warm up: page cache and bytecode
            timed(command, env)
        names = list(contenders)
        for number in range(args.runs):
            for name in names if number % 2 == 0 else names[::-1]:
                times[name].append(timed(contenders[name], env))
    for name, values in times.items():
        print(f"{name}: n={len(values)} median={statistics.median(values) * 1000:.0f} ms")
    ratio = statistics.median(times["run"]) / statistics.median(times["click hello world"])
    print(f"ratio one-script run / click hello world: {ratio:.2f}x (target: within 5x)")


if __name__ == "__main__":
    main()
