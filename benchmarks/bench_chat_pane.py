"""How the chat pane scales: appends, opening a long session, resize and memory, at 100 and 10,000 messages.

Each size runs in its own process (so its RSS is its own) with a headless app (``App.run_test``) holding one
``ChatPane``. A conversation of N messages (user and bot alternating; bot replies of one to four paragraphs,
every fifth with quick replies, every tenth with a card) is opened with ``show_events``, then WINDOW more
messages are appended one by one, each timed from ``add_event`` until the frame showing it has been
composed. The 100-message pane is the baseline the 10,000-message figures are compared with (target: an
append at 10,000 within 2x of one at 100). Then the terminal is narrowed (a reflow of every message) and the
time to the first correct frame is measured, and the time until every height is exact again (the rest is
refined between frames). Memory: RSS of the process, and tracemalloc's count of what the pane holds (in a
separate process, since tracing slows everything down). Each size is measured ``--repeats`` times (each in a
fresh process); the table shows medians.

The whole app's memory is measured too, as it grows in use: the real app (journal on, in-process simulator)
holds a session with the sample Store Assistant bot, and the controller sends it texts until the chat holds
``--app-messages`` messages (every event goes through the app's message loop and the chat pane as in use).
RSS before the session and at the end, in a process of its own.

    .venv/bin/python benchmarks/bench_chat_pane.py [--sizes 100,10000] [--window 60] [--repeats 3]
        [--app-messages 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.events import Resize
from textual.geometry import Size
from textual.message_pump import MessagePump
from textual.pilot import Pilot

from textbots_tui.core.events import BotOutput, Event, UserInputSent, WaitingForInput
from textbots_tui.core.items import BotItem, CardAction, CardItem, Choice, ChoicesItem, TextItem
from textbots_tui.ui.widgets.chat_pane import ChatPane

SIZE = (120, 40)
NARROW = (100, 40)
AT = datetime(2026, 1, 1, tzinfo=UTC)
VOCABULARY = (
    "the order of and to in is your parcel that it was for on are as with delivery they at be this have from "
    "or one had by tracking but not what all were we when can said there an each which do how their if will "
    "up other about out many then them these so some would make like into time has look two more"
)
WORDS = tuple(VOCABULARY.split())


def conversation(count: int, start: int = 0, seed: int = 7) -> list[Event]:
    """``count`` messages, deterministic: user questions and bot replies with occasional choices and cards."""
    rnd = random.Random(seed + start)
    events: list[Event] = []
    for n in range(start, start + count):
        if n % 2 == 0:
            text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 25))).capitalize() + "?"
            events.append(UserInputSent("s", text, "UserInput", at=AT))
            continue
        paragraphs = [
            " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(10, 60))).capitalize() + "."
            for _ in range(rnd.randint(1, 4))
        ]
        items: list[BotItem] = [TextItem("\n\n".join(paragraphs))]
        choices: tuple[Choice, ...] = ()
        if n % 5 == 1:
            choices = (
                Choice("Track an order", "track"),
                Choice("Talk to an agent", "agent"),
                Choice("Exit", "x"),
            )
            items.append(ChoicesItem(choices, title="What next?"))
        if n % 10 == 3:
            items.append(
                CardItem(
                    "Blue sneakers",
                    "Light running shoes, three colours.",
                    image="https://shop.example/blue.png",
                    actions=(
                        CardAction("Buy", "postback", payload="buy"),
                        CardAction("Web", "link", url="https://x"),
                    ),
                )
            )
        events.append(BotOutput("s", tuple(items), latency_ms=100.0 + n % 50, at=AT))
        events.append(WaitingForInput("s", str(n), choices, at=AT))
    return events


PRESENT = False
"""``--present``: measure the pane in presenter mode."""


class BenchApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ChatPane()


async def drain(pumps: Iterable[MessagePump]) -> None:
    """Wait until every given message pump has handled what is queued now."""
    waits = []
    for pump in pumps:
        done = asyncio.Event()
        if pump.call_later(done.set):
            waits.append(done)
    for done in waits:
        await done.wait()


async def frame(app: App[Any], pane: ChatPane) -> None:
    """Let the app, screen and pane handle their messages, then compose a frame (as Pilot.pause does,
    without its idle-wait sleeps, so it can be timed)."""
    for _ in range(3):
        await drain([app, app.screen, pane])
    app.screen._on_timer_update()
    await drain([app, app.screen, pane])


async def settled(app: App[Any], pane: ChatPane) -> None:
    """Wait until the pane's background refinement of estimated heights is done."""
    while not pane.layout_settled:
        await drain([pane])
    await frame(app, pane)


def rss_mb() -> float:
    resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


async def measure(count: int, window: int, trace: bool) -> dict[str, float]:
    result: dict[str, float] = {"n": count}
    events = conversation(count)
    app = BenchApp()
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(ChatPane)
        pane.present = PRESENT  # --present: presenter mode's layout (no details, plain banners, more space)
        await frame(app, pane)
        gc.collect()
        result["rss_empty_mb"] = rss_mb()
        if trace:
            tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0] if trace else 0
        start = time.perf_counter()
        pane.show_events(events)
        await frame(app, pane)
        result["open_first_frame_ms"] = (time.perf_counter() - start) * 1000
        await settled(app, pane)
        result["open_settled_ms"] = (time.perf_counter() - start) * 1000
        gc.collect()
        if trace:
            result["pane_traced_mb"] = (tracemalloc.get_traced_memory()[0] - before) / 2**20
            tracemalloc.stop()
            return result
        result["rss_mb"] = rss_mb()
        result.update(await appends(app, pane, count, window))
        result.update(await resize(app, pilot, pane))
    return result


async def appends(app: App[Any], pane: ChatPane, count: int, window: int) -> dict[str, float]:
    extra = [e for e in conversation(window * 2, start=count, seed=11) if not isinstance(e, WaitingForInput)]
    times = []
    for event in extra[:window]:
        start = time.perf_counter()
        pane.add_event(event)
        await frame(app, pane)
        times.append(time.perf_counter() - start)
    assert pane.is_vertical_scroll_end, "the pane stopped following new output"
    return {
        "append_median_ms": median_ms(times),
        "append_p90_ms": sorted(times)[int(0.9 * len(times))] * 1000,
    }


async def resize(app: App[Any], pilot: Pilot[Any], pane: ChatPane) -> dict[str, float]:
    start = time.perf_counter()
    size = Size(*NARROW)
    app._driver._size = size  # type: ignore[union-attr]  # the headless driver's size, as Pilot does it
    app.post_message(Resize(size, size))
    await drain([app])
    app._check_resize()  # skip the app's 1/120 s resize debounce
    await frame(app, pane)
    await frame(app, pane)
    first = (time.perf_counter() - start) * 1000
    assert pane.size.width == NARROW[0]
    await settled(app, pane)
    return {"resize_first_frame_ms": first, "resize_settled_ms": (time.perf_counter() - start) * 1000}


async def app_memory(messages: int) -> dict[str, float]:
    """RSS of the real app before a session and once its chat holds ``messages`` messages."""
    import tempfile

    from textbots_tui.core.connection import Connection
    from textbots_tui.core.params import BotParams
    from textbots_tui.settings.connection import build_client
    from textbots_tui.simulator import SAMPLE_BOT_IDS
    from textbots_tui.ui.app import TextbotsApp

    connection = Connection.simulated()
    bot = BotParams(bot_id=SAMPLE_BOT_IDS["Store Assistant"], integration_id="bench")
    with tempfile.TemporaryDirectory() as data:
        app = TextbotsApp(
            connection=connection,
            client_factory=lambda: build_client(connection),
            journal_dir=Path(data, "journal"),
        )
        async with app.run_test(size=SIZE) as pilot:
            while app.controller is None:
                await pilot.pause(0.01)
            controller = app.controller
            gc.collect()
            before = rss_mb()
            session_id = await controller.start_bot(bot)
            chat = app.main_screen.chat
            sent = 0
            while chat.message_count < messages:
                await controller.send_text(session_id, f"opening hours {sent}")
                sent += 1
                if sent % 25 == 0:
                    await pilot.pause()  # let the app's message loop draw what came
            await pilot.pause()
            gc.collect()
            return {"app_rss_before_mb": before, "app_rss_mb": rss_mb(), "app_messages": chat.message_count}


def child(args: argparse.Namespace) -> None:
    if args.app_child:
        print(json.dumps(asyncio.run(app_memory(args.child))))
        return
    global PRESENT
    PRESENT = args.present
    result = asyncio.run(measure(args.child, args.window, args.trace))
    print(json.dumps(result))


def run_child(count: int, window: int, trace: bool, app: bool = False) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(count), "--window", str(window)]
    if trace:
        command.append("--trace")
    if app:
        command.append("--app-child")
    if PRESENT:
        command.append("--present")
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,10000", help="message counts; the first is the baseline")
    parser.add_argument("--window", type=int, default=60, help="appends timed at each size")
    parser.add_argument("--repeats", type=int, default=3, help="fresh processes per size (medians shown)")
    parser.add_argument("--app-messages", type=int, default=10_000, help="messages in the whole-app run")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--app-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--present", action="store_true", help="the pane in presenter mode (--present)")
    args = parser.parse_args()
    if args.child is not None:
        child(args)
        return
    global PRESENT
    PRESENT = args.present
    sizes = [int(size) for size in args.sizes.split(",")]
    results = []
    for count in sizes:
        runs = [run_child(count, args.window, trace=False) for _ in range(args.repeats)]
        results.append({key: statistics.median(run[key] for run in runs) for key in runs[0]})
    traced = run_child(sizes[-1], args.window, trace=True)
    whole = run_child(args.app_messages, args.window, trace=False, app=True)
    base = results[0]
    print(
        f"chat pane, {SIZE[0]}x{SIZE[1]} headless, {args.window} appends per size, "
        f"medians of {args.repeats} processes per size"
    )
    print(
        f"{'messages':>9} {'append ms':>10} {'p90 ms':>7} {'ratio':>6} {'open ms':>8} {'settled ms':>11} "
        f"{'resize ms':>10} {'settled ms':>11} {'RSS MB':>7}"
    )
    for r in results:
        ratio = r["append_median_ms"] / base["append_median_ms"]
        print(
            f"{int(r['n']):>9} {r['append_median_ms']:>10.2f} {r['append_p90_ms']:>7.2f} {ratio:>5.2f}x "
            f"{r['open_first_frame_ms']:>8.1f} {r['open_settled_ms']:>11.1f} "
            f"{r['resize_first_frame_ms']:>10.1f} {r['resize_settled_ms']:>11.1f} {r['rss_mb']:>7.1f}"
        )
    last = results[-1]
    ratio = last["append_median_ms"] / base["append_median_ms"]
    print(
        f"append at {int(last['n'])} vs {int(base['n'])}: {ratio:.2f}x (target <= 2x); "
        f"RSS empty pane {last['rss_empty_mb']:.1f} MB, "
        f"with {int(last['n'])} messages {last['rss_mb']:.1f} MB; "
        f"pane allocations (tracemalloc) {traced['pane_traced_mb']:.1f} MB"
    )
    print(
        f"whole app (journal on, Store Assistant bot): RSS {whole['app_rss_before_mb']:.1f} MB before the "
        f"session, {whole['app_rss_mb']:.1f} MB with {int(whole['app_messages'])} messages"
    )


if __name__ == "__main__":
    main()
