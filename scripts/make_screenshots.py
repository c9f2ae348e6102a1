#!/usr/bin/env python3
"""Refresh the SVG screenshots in ``screenshots/`` by driving the app against the built-in simulator.

    .venv/bin/python scripts/make_screenshots.py [--out screenshots]

Each picture is a real run: the app is started headless at 120 x 40 with the in-process simulator (seeded, so
ids are the same every time) and driven with keys as a user would. What changes with time is pinned down, so
a refresh changes a picture only when the app's look changed: latencies are hidden, the no-input countdown
and the inspector's timings are frozen, and the simulator's wall clock (the outcome dates of the exit
banner) reads a fixed time.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from unittest import mock

from textual import events
from textual.pilot import Pilot

from textbots_tui.core.connection import Connection
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.settings.connection import build_client
from textbots_tui.simulator import SAMPLE_FLOW_IDS, SimulatorSettings
from textbots_tui.ui.app import TextbotsApp

SIZE = (120, 40)
ORDER_STATUS = FlowLaunchParams(
    flow_id=SAMPLE_FLOW_IDS["Order Status"],
    flow_name="Order Status",
    language="en-us",
    input_variables={"Flow.CustomerName": "Alex"},
)
APPOINTMENTS = FlowLaunchParams(
    flow_id=SAMPLE_FLOW_IDS["Appointment Booking"], flow_name="Appointment Booking", language="en-us"
)

FIXED_WALL_CLOCK = "2025-05-06T09:30:00.000Z"
"""What the simulator's wall clock reads while the pictures are taken."""
WALL_CLOCK = "textbots_tui.simulator.sessions.wall_clock"
"""The simulator takes outcome and milestone dates from this function, not from ``SimulatorSettings.clock``
(that one is monotonic, for expiry): it is replaced for the duration of a run."""

Scene = Callable[[Pilot[Any]], Awaitable[None]]


def _app(start: FlowLaunchParams | None) -> TextbotsApp:
    connection = Connection.simulated()
    settings = SimulatorSettings(seed=1)
    return TextbotsApp(
        connection=connection,
        client_factory=lambda: build_client(connection, simulator_settings=settings),
        journal_dir=None,
        start=start,
        theme="textual-dark",
    )


async def _settle(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, TextbotsApp)
    for _ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The client opens after the first frame: until then there may be no worker yet to wait for.
        if app.controller is not None and not any(worker.is_running for worker in app.workers):
            return
    raise RuntimeError("the app did not settle in 20 rounds: the picture would catch it half-way")


async def _steady(pilot: Pilot[Any]) -> None:
    """Hide latencies and freeze the countdown, so pictures do not change from run to run."""
    await _settle(pilot)
    app = pilot.app
    assert isinstance(app, TextbotsApp)
    screen = app.main_screen
    screen.chat.show_latency = False
    screen.input_bar.prompt.cursor_blink = False
    if screen.countdown.running and screen.session is not None and screen.session.no_input_timeout_ms:
        screen.countdown.clock = lambda: 0.0
        screen.countdown.start(screen.session.no_input_timeout_ms)
    if screen.inspector is not None:
        # In-process round trips take a millisecond or two, differently every run: show a fixed figure.
        screen.inspector.show_exchanges(
            [replace(exchange, duration_ms=2.0) for exchange in screen.inspector.exchanges]
        )
    await pilot.pause()


async def _say(pilot: Pilot[Any], text: str) -> None:
    focused = pilot.app.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.press("enter")
    await _settle(pilot)


async def conversation(pilot: Pilot[Any]) -> None:
    """A quick reply picked by its number and Enter, a slot answered by typing: the flow offers its next
    choices."""
    await _settle(pilot)
    await pilot.press("1", "enter")
    await _settle(pilot)
    await _say(pilot, "12345")
    await _steady(pilot)


async def carousel(pilot: Pilot[Any]) -> None:
    """The appointment flow opens with a carousel of service cards."""
    await _steady(pilot)


async def inspector(pilot: Pilot[Any]) -> None:
    """The HTTP exchanges of the session, the last one open."""
    await conversation(pilot)
    await pilot.press("f3")
    await _steady(pilot)


async def launch_dialog(pilot: Pilot[Any]) -> None:
    """The launch dialog: the org's flows, filtered by part of a name typed in the Flow field, and the input
    variables the flow declares."""
    await _steady(pilot)
    await pilot.press("ctrl+n")
    await _settle(pilot)
    await pilot.press(*"order")
    await _settle(pilot)


async def exit_banner(pilot: Pilot[Any]) -> None:
    """The flow exits: reason, output variables and outcomes."""
    await conversation(pilot)
    await pilot.press("2", "enter")
    await _steady(pilot)


async def _no_wait(_seconds: float) -> None:
    return None


async def presenter(pilot: Pilot[Any]) -> None:
    """Presenter mode (alt+p) at the end of a conversation: projector theme, the plain-language banner."""
    app = pilot.app
    assert isinstance(app, TextbotsApp)
    app.main_screen.show.pacer.sleep = _no_wait  # the typing indicator's pauses
    await _settle(pilot)
    await pilot.press("alt+p")
    await conversation(pilot)
    await pilot.press("2", "enter")
    await _steady(pilot)


SCENES: dict[str, tuple[FlowLaunchParams | None, Scene]] = {
    "conversation": (ORDER_STATUS, conversation),
    "carousel": (APPOINTMENTS, carousel),
    "inspector": (ORDER_STATUS, inspector),
    "launch_dialog": (None, launch_dialog),
    "exit_banner": (ORDER_STATUS, exit_banner),
    "presenter": (ORDER_STATUS, presenter),
}


async def render(name: str) -> str:
    """Run one scene and return its screenshot, as SVG text (``tests/ui/test_screenshots.py`` compares it
    with the file in ``screenshots/``)."""
    start, scene = SCENES[name]
    app = _app(start)
    with mock.patch(WALL_CLOCK, lambda: FIXED_WALL_CLOCK):
        async with app.run_test(size=SIZE) as pilot:
            await scene(pilot)
            svg = app.export_screenshot()
    # The SVG's class prefix is a hash that changes from run to run: a fixed one keeps refreshes diff-free.
    return re.sub(r"terminal-\d+", f"terminal-{name.replace('_', '-')}", svg)


async def shoot(name: str, out: Path) -> Path:
    """Run one scene and save its screenshot as ``out/<name>.svg``."""
    path = out / f"{name}.svg"
    path.write_text(await render(name), encoding="utf-8")
    return path


async def main(out: Path) -> None:
    """Refresh every screenshot (``out`` exists)."""
    for name in SCENES:
        print(await shoot(name, out))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "screenshots")
    out_dir: Path = parser.parse_args().out
    out_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(main(out_dir))
