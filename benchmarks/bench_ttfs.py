"""Time to first screen, to the first key answered and to the first bot message, against a hello world.

Each run starts a program in a detached tmux session of a fixed size (on a private tmux server, so the user's
own sessions are never touched) and polls ``tmux capture-pane`` until what it waits for is on the screen. The
clock starts just before the session is spawned, so a figure includes pane start-up, Python start-up, imports
and painting. Three measures of ``textbots-tui --simulator``, each a ratio to the hello world's first frame:

- **first screen**: the header and the footer (drawn last) are up. Target: within 1.3x.
- **usable**: the first key is answered. ctrl+n is pressed once the first screen is up (and again every 50 ms
  while nothing answers, as an impatient user would) until the launch dialog shows. Target: within 2.0x.
- **--flow to first bot message**: ``textbots-tui --simulator --flow ID`` until the flow's greeting shows.
  Target: within 2.5x.

Beside them, a plain Textual app with the built-in widgets of the app's first screen and no code of its own
(:data:`PLAIN_SOURCE`): how far the first screen is from what those widgets cost by themselves.

The contenders alternate (the order rotates every round) so load from elsewhere hits them alike.
``--load busy`` runs a CPU-bound process beside the benchmark for the whole measurement (the other core busy,
as on a developer machine running a build); ``--load both`` measures quiet, then busy.

    .venv/bin/python benchmarks/bench_ttfs.py [--runs 7] [--load quiet|busy|both]

``--command`` replaces the measured program of the first-screen measure (for example to check the script with
hello world against itself: ``--command "$(.venv/bin/python benchmarks/bench_ttfs.py --print-hello)" --marker
"Hello, world"``). The app runs with a throwaway config and data directory, so it reads and writes nothing of
the user's. The private tmux server is killed and its socket file removed at the end.

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


PLAIN_SOURCE = """
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.scroll_view import ScrollView
from textual.widgets import Footer, Input, OptionList, Static


class Plain(App[None]):
    BINDINGS = [
        Binding("ctrl+n", "bell", "New flow"),
        Binding("ctrl+b", "bell", "New bot"),
        Binding("f3", "bell", "Inspector"),
        Binding("f1", "bell", "Help"),
    ]
    CSS = '''
    #bar { height: 1; background: $primary; }
    #sidebar { width: 29; border-right: vkey $panel; }
    #chat { height: 1fr; }
    .hidden { display: none; }
    '''

    def compose(self) -> ComposeResult:
        with Horizontal(id="bar"):
            yield Static("textbots-tui   SIMULATOR  simulator - demo org")
            yield Static("")
        with Horizontal():
            with Vertical(id="sidebar"):
                yield Static("Sessions")
                yield OptionList("History", "Appointment Booking", "Order Status")
            with Vertical():
                yield ScrollView(id="chat")
                yield Static("", classes="hidden")
                yield Static("", classes="hidden")
                with Vertical():
                    yield Input(placeholder="No session: ctrl+n launches a flow, ctrl+b starts a bot")
                    yield Static("", classes="hidden")
                    yield Static("", classes="hidden")
        yield Footer()


Plain().run()
"""
"""A plain Textual app with the built-in widgets of the app's first screen (the same count and nesting, no
code of its own): the floor of the first screen, given those widgets."""


@dataclass
class Contender:
    """A program to time and the text that says its first screen is up."""

    label: str
    command: list[str]
    markers: tuple[str, ...]
    key: str | None = None
    """A key to press once the markers show; then the run waits for ``answer``."""
    answer: str | None = None
    target: float | None = None
    """The ratio to the hello world's first frame that this measure must stay within."""
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
    """Milliseconds until every marker shows (and the key is answered), or None on timeout (the screen is
    then printed to stderr)."""
    spawn = ["new-session", "-d", "-s", name, "-x", str(args.cols), "-y", str(args.rows)]
    for key, value in env.items():
        spawn += ["-e", f"{key}={value}"]
    spawn.append(shlex.join(contender.command))
    start = time.perf_counter()
    tmux(*spawn)
    deadline = start + args.timeout
    screen = ""
    up = False
    last_press = 0.0
    try:
        while True:
            screen = tmux("capture-pane", "-p", "-t", name, capture=True).stdout
            if not up and all(marker in screen for marker in contender.markers):
                if contender.key is None:
                    return (time.perf_counter() - start) * 1000
                up = True
            if up and contender.answer is not None and contender.answer in screen:
                return (time.perf_counter() - start) * 1000
            now = time.perf_counter()
            if up and contender.key is not None and now - last_press >= 0.05:
                tmux("send-keys", "-t", name, contender.key)
                last_press = now
            if now > deadline:
                waited = (*contender.markers, contender.answer) if up else contender.markers
                sys.stderr.write(f"--- {contender.label}: not all of {waited} after {args.timeout} s ---\n")
                sys.stderr.write(screen + "\n")
                return None
            time.sleep(args.poll_ms / 1000)
    finally:
        tmux("kill-session", "-t", name)


def app_command(*extra: str) -> list[str]:
    """The installed ``textbots-tui`` script beside this interpreter, else ``python -m textbots_tui``."""
    script = Path(sys.executable).with_name("textbots-tui")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "textbots_tui"]
    return [*base, "--simulator", *extra]


ORDER_STATUS = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
GREETING = "welcome to Acme Support"
"""The Order Status flow's first bot message."""
LAUNCH_DIALOG = "Launch a bot flow"


def contenders(args: argparse.Namespace) -> list[Contender]:
    """The hello world first, then the measures of the app."""
    hello = Contender("textual hello world", [sys.executable, "-c", HELLO_SOURCE], (HELLO_MARKER,))
    command = shlex.split(args.command) if args.command else app_command()
    label = args.label or (args.command if args.command else "first screen")
    # The 1.3x target is the app's: another program (posting, elia) is measured for comparison only.
    target = None if args.command else 1.3
    measures = [hello, Contender(label, command, tuple(args.marker or APP_MARKERS), target=target)]
    if not args.command:
        measures += [
            Contender("plain Textual app, same widgets", [sys.executable, "-c", PLAIN_SOURCE], APP_MARKERS),
            Contender(
                "usable (ctrl+n answered)",
                app_command(),
                APP_MARKERS,
                key="C-n",
                answer=LAUNCH_DIALOG,
                target=2.0,
            ),
            Contender(
                "--flow to first bot message", app_command("--flow", ORDER_STATUS), (GREETING,), target=2.5
            ),
        ]
    return measures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each program")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs of each first (page cache, .pyc)")
    parser.add_argument(
        "--load",
        choices=("quiet", "busy", "both"),
        default="quiet",
        help="busy: a CPU-bound process runs beside the benchmark; both: quiet, then busy",
    )
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

    if args.print_hello:
        print(shlex.join([sys.executable, "-c", HELLO_SOURCE]))
        return
    failed = False
    for load in ("quiet", "busy") if args.load == "both" else (args.load,):
        measures = contenders(args)
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
            tmux(
                "new-session", "-d", "-s", "holder", "-x", str(args.cols), "-y", str(args.rows), "sleep 3600"
            )
            hog = busy_core() if load == "busy" else None
            try:
                measure(measures, args, env)
            finally:
                if hog is not None:
                    hog.kill()
                    hog.wait()
                stop_server()
        print(f"--- {load} machine ({os.cpu_count()} cores{', one kept busy' if hog else ''}) ---")
        report(measures)
        failed = failed or any(m.timeouts for m in measures)
    if failed:
        sys.exit(1)


def busy_core() -> subprocess.Popen[bytes]:
    """A CPU-bound process that keeps one core busy until killed."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def stop_server() -> None:
    """Kill the private tmux server and remove the socket file it leaves behind."""
    socket = tmux("display-message", "-p", "#{socket_path}", capture=True).stdout.strip()
    tmux("kill-server")
    if not socket:
        socket = str(Path(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", SERVER))
    Path(socket).unlink(missing_ok=True)


def measure(measures: list[Contender], args: argparse.Namespace, env: dict[str, str]) -> None:
    """Warm every contender up, then run them in turn, rotating the order every round."""
    for n in range(args.warmup):
        for contender in measures:
            one_run(contender, args, env, f"warmup-{n}")
    for n in range(args.runs):
        shift = n % len(measures)
        for contender in measures[shift:] + measures[:shift]:
            elapsed = one_run(contender, args, env, f"run-{n}")
            if elapsed is None:
                contender.timeouts += 1
            else:
                contender.times_ms.append(elapsed)
            time.sleep(0.2)  # let the killed program's exit settle before the next start
        print(
            f"round {n + 1}: "
            + ", ".join(f"{c.label} {c.times_ms[-1]:.0f} ms" for c in measures if c.times_ms),
            flush=True,
        )


def report(measures: list[Contender]) -> None:
    """Print min / median / max of each, and each measure's ratio to the hello world's first frame."""
    hello, *app = measures
    for contender in measures:
        times = contender.times_ms
        if times:
            print(
                f"{contender.label}: n={len(times)} min={min(times):.0f} "
                f"median={statistics.median(times):.0f} max={max(times):.0f} ms"
                + (f" timeouts={contender.timeouts}" if contender.timeouts else "")
            )
    if not hello.times_ms:
        return
    base = statistics.median(hello.times_ms)
    for contender in app:
        if contender.times_ms:
            ratio = statistics.median(contender.times_ms) / base
            verdict = "met" if contender.target is None or ratio <= contender.target else "NOT met"
            target = f" (target <= {contender.target}x: {verdict})" if contender.target is not None else ""
            print(f"ratio {contender.label} / hello world first frame: {ratio:.2f}x{target}")
    plain = next((c for c in app if c.label.startswith("plain") and c.times_ms), None)
    if plain is not None and app[0].times_ms:
        ratio = statistics.median(app[0].times_ms) / statistics.median(plain.times_ms)
        print(f"ratio {app[0].label} / plain Textual app with the same widgets: {ratio:.2f}x")


if __name__ == "__main__":
    main()
