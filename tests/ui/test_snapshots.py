"""Snapshots of the main screen and its dialogs (120 x 40, textual-dark).

What changes from run to run is pinned down before the picture is taken: the simulator is seeded (stable ids),
the chat hides latencies, the cursor does not blink, the countdown and the inspector's timings are frozen, and
ages are all "<1m".
Refresh with ``pytest tests/ui/test_snapshots.py --snapshot-update`` after checking the pictures.
A conversation and the open inspector are the README's pictures, compared by tests/ui/test_screenshots.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.pilot import Pilot

from .harness import FaultSwitch, main_screen, make_app, order_status, settle, type_text

SIZE = (120, 40)


async def _steady(pilot: Pilot[Any]) -> None:
    """Freeze what moves with time."""
    await settle(pilot)
    screen = main_screen(pilot)
    screen.chat.show_latency = False
    screen.input_bar.prompt.cursor_blink = False
    countdown = screen.countdown
    if countdown.running:
        countdown.clock = lambda: 0.0
        countdown.start(300_000)
    inspector = screen.inspector
    if inspector is not None:
        inspector.show_exchanges([replace(exchange, duration_ms=12.0) for exchange in inspector.exchanges])
    await pilot.pause()


def test_main_screen_empty(snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=_steady)


def test_help_screen(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _steady(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_error_modal(snap_compare: Any) -> None:
    faults = FaultSwitch()

    async def run_before(pilot: Pilot[Any]) -> None:
        await _steady(pilot)
        faults.status = 500
        await type_text(pilot, "where is my parcel")
        await pilot.press("enter")
        await _steady(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()

    assert snap_compare(
        make_app(start=order_status(), faults=faults), terminal_size=SIZE, run_before=run_before
    )


def test_rename_dialog(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _steady(pilot)
        await pilot.press("f2")
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#rename-input").cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(start=order_status()), terminal_size=SIZE, run_before=run_before)
