"""Time to first screen of ``textbots-tui --simulator`` in a real terminal, against a Textual hello world.

Each run starts the program in a detached tmux session of a fixed size (on a private tmux server, so the
user's own sessions are never touched) and polls ``tmux capture-pane`` until every marker string is on
the screen: for the app, its header and the footer, which is drawn last, so that a partly drawn screen does
not count. The clock starts just before the session is spawned, so a figure includes pane start-up, Python
start-up, imports and the first paint. The app and the hello world alternate (the order flips every round)
so load from elsewhere on the machine hits both alike; medians and the ratio (target: within 1.5x) are
printed at the end.

    .venv/bin/python benchmarks/bench_ttfs.py [--runs 7] [--marker TEXT ...] [--command "..."]

``--command`` replaces the measured program (for example to check the script with hello world against
itself: ``--command "$(.venv/bin/python benchmarks/bench_ttfs.py --print-hello)" --marker "Hello, world"``).
The app runs with a throwaway config and data directory, so it reads and writes nothing of the user's.

Both programs run with bytecode caching on, into a throwaway ``PYTHONPYCACHEPREFIX`` that the warm-up runs
fill: an installed program starts from its ``.pyc`` files, and a ``PYTHONDONTWRITEBYTECODE`` left in the
environment would otherwise make every run of ours compile its sources (while Textual's ship compiled).
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CONF = Path(__file__).with_name("ttfs.tmux.conf")
SERVER = f"bench-ttfs-{os.getpid()}"
"""The private tmux server (its socket name): every session this script makes lives there."""

APP_MARKERS = ("textbots-tui", "palette")
"""The header's title, and Textual's own command palette key at the right end of the footer."""
HELLO_MARKER = "Hello, world"
HELLO_SOURCE = """
from textual.app import App, ComposeResult
from textual.widgets import Static


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello, world")


Hello().run()
"""


@dataclass
class Contender:
    """A program to time and the text that says its first screen is up."""

    label: str
    command: list[str]
    markers: tuple[str, ...]
    times_ms: list[float] = field(default_factory=list)
    timeouts: int = 0


def tmux(*args: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a tmux command against the private server."""
    return subprocess.run(
        ["tmux", "-L", SERVER, "-f", str(CONF), *args],
        check=False,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )


def one_run(contender: Contender, args: argparse.Namespace, env: dict[str, str], name: str) -> float | None:
    """Milliseconds until every marker shows, or None on timeout (the screen is then printed to stderr)."""
    spawn = ["new-session", "-d", "-s", name, "-x", str(args.cols), "-y", str(args.rows)]
    for key, value in env.items():
        spawn += ["-e", f"{key}={value}"]
    spawn.append(shlex.join(contender.command))
    start = time.perf_counter()
    tmux(*spawn)
    deadline = start + args.timeout
    screen = ""
    try:
        while True:
            screen = tmux("capture-pane", "-p", "-t", name, capture=True).stdout
            if all(marker in screen for marker in contender.markers):
                return (time.perf_counter() - start) * 1000
            if time.perf_counter() > deadline:
                sys.stderr.write(
                    f"--- {contender.label}: not all of {contender.markers} after {args.timeout} s ---\n"
                )
                sys.stderr.write(screen + "\n")
                return None
            time.sleep(args.poll_ms / 1000)
    finally:
        tmux("kill-session", "-t", name)


def app_command() -> list[str]:
    """The installed ``textbots-tui`` script beside this interpreter, else ``python -m textbots_tui``."""
    script = Path(sys.executable).with_name("textbots-tui")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "textbots_tui"]
    return [*base, "--simulator"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each program")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs of each first (page cache, .pyc)")
    parser.add_argument(
        "--marker",
        action="append",
        help="text on the program's first screen; repeat it for several (default: the app's header, "
        "and the command palette key that ends its footer)",
    )
    parser.add_argument("--command", help="the program to measure instead of textbots-tui --simulator")
    parser.add_argument("--label", help="its name in the report")
    parser.add_argument("--cols", type=int, default=120)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--poll-ms", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--print-hello", action="store_true", help="print the hello world command and exit")
    args = parser.parse_args()

    hello = Contender("textual hello world", [sys.executable, "-c", HELLO_SOURCE], (HELLO_MARKER,))
    if args.print_hello:
        print(shlex.join(hello.command))
        return
    command = shlex.split(args.command) if args.command else app_command()
    label = args.label or (args.command if args.command else "textbots-tui --simulator")
    app = Contender(label, command, tuple(args.marker or APP_MARKERS))

    with tempfile.TemporaryDirectory(prefix="bench-ttfs-") as home:
        env = {
            "COLORTERM": "truecolor",
            "TEXTBOTS_TUI_CONFIG": str(Path(home, "config.toml")),
            "TEXTBOTS_TUI_DATA_DIR": str(Path(home, "data")),
            # Empty counts as unset for Python: the warm-up runs write the bytecode the timed runs read.
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(Path(home, "pycache")),
        }
        # A holder session keeps the private server up between runs, so its start-up is never measured.
        tmux("new-session", "-d", "-s", "holder", "-x", str(args.cols), "-y", str(args.rows), "sleep 3600")
        try:
            measure(hello, app, args, env)
        finally:
            tmux("kill-server")
    report(hello, app)
    if hello.timeouts or app.timeouts:
        sys.exit(1)


def measure(hello: Contender, app: Contender, args: argparse.Namespace, env: dict[str, str]) -> None:
    """Warm both up, then alternate them, flipping the order every round."""
    for n in range(args.warmup):
        for contender in (hello, app):
            one_run(contender, args, env, f"warmup-{n}")
    for n in range(args.runs):
        for contender in (hello, app) if n % 2 == 0 else (app, hello):
            elapsed = one_run(contender, args, env, f"run-{n}")
            if elapsed is None:
                contender.timeouts += 1
            else:
                contender.times_ms.append(elapsed)
            time.sleep(0.2)  # let the killed program's exit settle before the next start
        print(
            f"round {n + 1}: "
            + ", ".join(f"{c.label} {c.times_ms[-1]:.0f} ms" for c in (hello, app) if c.times_ms),
            flush=True,
        )


def report(hello: Contender, app: Contender) -> None:
    """Print min / median / max of both and the ratio of the medians."""
    for contender in (hello, app):
        times = contender.times_ms
        if times:
            print(
                f"{contender.label}: n={len(times)} min={min(times):.0f} "
                f"median={statistics.median(times):.0f} max={max(times):.0f} ms"
                + (f" timeouts={contender.timeouts}" if contender.timeouts else "")
            )
    if hello.times_ms and app.times_ms:
        ratio = statistics.median(app.times_ms) / statistics.median(hello.times_ms)
        print(f"ratio {app.label} / {hello.label}: {ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
