"""Time to first screen in a browser: ``textbots-tui serve`` against a Textual hello world served alike.

Both are served by textual-serve on loopback (each page load starts the app's own process, as for a user).
Headless Chromium (Debian's ``chromium``) opens the page; the clock starts just before the navigation and
stops when the terminal, rebuilt from the websocket's bytes with ``pyte`` (the canvas has no text), shows
the marker: for the app its footer's "palette", drawn last; for the hello world its greeting. So a figure is
page load, websocket, process start-up, imports and the first paint. The two alternate (the order flips every
round) so load from elsewhere on the machine hits both alike; medians and their ratio are printed.

    .venv/bin/python benchmarks/bench_serve_ttfs.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser.served import CHROMIUM, CHROMIUM_ARGS, Terminal, served

HELLO = """\
from textual.app import App
from textual.widgets import Static


class Hello(App[None]):
    def compose(self):
        yield Static("Hello, world")


Hello().run()
"""


def first_screen(page: Page, url: str, marker: str, timeout_s: float = 60) -> float:
    """Seconds from navigation to the marker on the terminal's screen."""
    terminal = Terminal()

    def hook(ws: object) -> None:
        ws.on("framesent", terminal.sent)  # type: ignore[attr-defined]
        ws.on("framereceived", terminal.received)  # type: ignore[attr-defined]

    page.on("websocket", hook)
    start = time.perf_counter()
    page.goto(url)
    end = start + timeout_s
    while marker not in terminal.text:
        if time.perf_counter() > end:
            raise TimeoutError(f"{marker!r} never showed at {url}")
        page.wait_for_timeout(10)
    elapsed = time.perf_counter() - start
    page.remove_listener("websocket", hook)
    page.goto("about:blank")  # closes the websocket: the server ends that app process
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if CHROMIUM is None:
        sys.exit("needs Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as home:
        os.environ["TEXTBOTS_TUI_CONFIG"] = str(Path(home, "config.toml"))
        os.environ["TEXTBOTS_TUI_DATA_DIR"] = str(Path(home, "data"))
        hello = Path(home, "hello.py")
        hello.write_text(HELLO, encoding="utf-8")
        serve_hello = [
            sys.executable,
            "-c",
            "import sys; from textual_serve.server import Server; "
            "Server(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2])).serve()",
            shlex.join([sys.executable, str(hello)]),
            "{port}",
        ]
        times: dict[str, list[float]] = {"textbots-tui": [], "hello world": []}
        with (
            served("--simulator") as app_url,
            served(command=serve_hello) as hello_url,
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            contenders = [("textbots-tui", app_url, "palette"), ("hello world", hello_url, "Hello, world")]
            for _name, url, marker in contenders:  # warm-up: bytecode caches, the browser's own start
                first_screen(page, url, marker)
            for round_ in range(args.runs):
                for name, url, marker in contenders if round_ % 2 == 0 else contenders[::-1]:
                    times[name].append(first_screen(page, url, marker))
            browser.close()
    app = statistics.median(times["textbots-tui"]) * 1000
    base = statistics.median(times["hello world"]) * 1000
    print(f"time to first screen in headless Chromium, median of {args.runs} (after a warm-up)")
    print(f"  textbots-tui --simulator  {app:7.0f} ms")
    print(f"  Textual hello world       {base:7.0f} ms")
    print(f"  ratio                     {app / base:7.2f}x")


if __name__ == "__main__":
    main()
