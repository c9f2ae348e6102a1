"""History at start-up: how long until the session list shows 600 past sessions, and what memory it takes.

Two journals of 600 sessions each are written first: ordinary ones (a few turns, as the TUI writes them) and
long ones (ten times as many turns, each with a large bot answer). For each, the app is started headless
(Textual's ``run_test``) in a fresh Python process and timed from the process's start until the session list
holds every past session (imports included, as a user waits for them); the scan of the journal alone is timed
too, and its peak memory (tracemalloc) is measured. Targets: History visible within 1 s with
600 sessions, and memory independent of the journal's size.

    .venv/bin/python benchmarks/bench_history.py [--sessions 600] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textbots_tui.core.connection import Connection
from textbots_tui.core.events import BotOutput, UserInputSent
from textbots_tui.core.items import TextItem
from textbots_tui.core.journal import Journal
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.sessions import Turn

ORDER_STATUS = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"


def write_journal(directory: Path, sessions: int, turns: int, answer_bytes: int) -> int:
    """Write ``sessions`` past sessions of ``turns`` turns each; returns the journal's size in bytes."""
    # Journalled against the simulator, the target the app opens on: another target's history is hidden.
    journal = Journal(directory, max_open_files=4, target={"api_url": "simulator"})
    start = datetime(2026, 1, 1, tzinfo=UTC)
    answer = ("All good. " * (answer_bytes // 10 + 1))[:answer_bytes]
    for number in range(sessions):
        session_id = f"bench{number:05d}"
        created = start + timedelta(minutes=number)
        params = FlowLaunchParams(flow_id=ORDER_STATUS, flow_name=f"Order {number}")
        journal.start_session(session_id, "flow", params, created)
        for turn in range(1, turns + 1):
            said = UserInputSent(session_id, "track my order", "UserInput")
            output = BotOutput(session_id, (TextItem(answer),), turn_id=f"t{turn}")
            state = {"name": f"Order {number}", "state": "waiting", "turns": turn}
            journal.append_step(session_id, (said, output), (Turn(turn, "UserInput", created, 80.0),), state)
        journal.close_session(session_id)
    return sum(path.stat().st_size for path in directory.glob("*.jsonl"))


def scan_cost(directory: Path) -> tuple[float, float]:
    """Seconds and peak MB of reading what the session list needs."""
    tracemalloc.start()
    started = time.perf_counter()
    scan = Journal(directory).scan()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not scan.skipped_files
    return elapsed, peak / 1e6


def time_to_history(directory: Path, sessions: int) -> float:
    """Seconds from starting a Python process to a session list with every past session in it."""
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(directory), "--sessions", str(sessions)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert child.stdout.strip() == "shown", child.stdout + child.stderr
    return time.perf_counter() - started


async def show_history(directory: Path, sessions: int) -> None:
    """Start the app and return once its session list holds every past session."""
    from textbots_tui.settings.connection import build_client
    from textbots_tui.ui.app import HistoryOptions, TextbotsApp

    connection = Connection.simulated()
    app = TextbotsApp(
        connection=connection,
        client_factory=lambda: build_client(connection),
        journal_dir=directory,
        # Retention off: the long journal is past the default size limit, and its files must all stay listed.
        history=HistoryOptions(keep_days=0, keep_mb=0),
    )
    async with app.run_test(size=(120, 40)):
        for _ in range(12_000):  # a minute at most: a list that never fills is a failure, not a hang
            # The list holds them all (a header line each way: "Sessions" and "History"); then wait for the
            # frame that draws it. Not pilot.pause(): it waits until the process is idle, that is until the
            # backend's imports in their thread are over, which the user does not wait for.
            if app.main_screen.sidebar.option_list.option_count > sessions:
                drawn = asyncio.get_running_loop().create_future()
                app.call_after_refresh(drawn.set_result, None)
                await drawn
                print("shown", flush=True)
                return
            await asyncio.sleep(0.005)
        print(f"only {len(app.main_screen.sidebar.session_ids)} of {sessions} sessions listed", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        asyncio.run(show_history(args.child, args.sessions))
        return
    with tempfile.TemporaryDirectory() as root:
        journals = {
            "ordinary": (Path(root) / "ordinary", 4, 500),
            "long": (Path(root) / "long", 40, 20_000),
        }
        print(f"{args.sessions} past sessions per journal, median of {args.runs} runs")
        print(f"{'journal':<10}{'size MB':>9}{'scan ms':>9}{'scan peak MB':>14}{'app: History shown ms':>24}")
        for name, (directory, turns, answer) in journals.items():
            size = write_journal(directory, args.sessions, turns, answer)
            scans = [scan_cost(directory) for _ in range(args.runs)]
            shown = [time_to_history(directory, args.sessions) for _ in range(args.runs)]
            scan_ms = statistics.median(s for s, _ in scans) * 1000
            peak = statistics.median(p for _, p in scans)
            shown_ms = statistics.median(shown) * 1000
            print(f"{name:<10}{size / 1e6:>9.1f}{scan_ms:>9.0f}{peak:>14.1f}{shown_ms:>24.0f}")
        print("target: History shown within 1000 ms; scan memory the same for both journals")


if __name__ == "__main__":
    main()
