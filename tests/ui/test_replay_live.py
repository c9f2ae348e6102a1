"""Replay against live from the TUI: a history entry is played again on the current target as a new session,
and each step that differs from the recording is noted in its transcript."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot

from textbots_tui.core.events import Notice
from textbots_tui.simulator import SimulatorSettings
from textbots_tui.simulator.catalog import SAMPLES_DIR

from .harness import main_screen, make_app, order_status, settle, type_text


def reworded(tmp_path: Path) -> SimulatorSettings:
    """The samples with Order Status's goodbye reworded: what the replay must find."""
    folder = tmp_path / "flows"
    shutil.copytree(SAMPLES_DIR, folder)
    flow = folder / "order_status.yaml"
    text = flow.read_text(encoding="utf-8").replace("Thanks for contacting Acme. Goodbye!", "Bye for now.")
    flow.write_text(text, encoding="utf-8")
    return SimulatorSettings(flows_dir=folder, include_samples=False, seed=7)


async def _palette(pilot: Pilot[Any], title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, title)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_history_entry_replayed_against_live_shows_the_differences_inline(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    async with make_app(start=order_status(), journal_dir=journal).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for answer in ("1", "12345", "2"):  # Track an order, the number, "No"
            await type_text(pilot, answer)
            await pilot.press("enter")
            await settle(pilot)

    app = make_app(journal_dir=journal, settings=reworded(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+s", "enter")
        await settle(pilot)
        recorded = screen.session
        assert recorded is not None and recorded.read_only
        await _palette(pilot, "Replay against live")
        replayed = screen.session
        assert replayed is not None and replayed is not recorded and not replayed.read_only
        assert replayed.name == f"{recorded.name} (replayed)"
        notes = [e.message for e in replayed.events if isinstance(e, Notice)]
        assert notes == [
            'Differs from the recording: step 3 (choose "No" (payload no)): text: expected a message equal '
            'to "Thanks for contacting Acme. Goodbye!", got no such message among: "Bye for now."',
            "Replay against live: 1 of 4 steps differs",
        ]
        shown = screen.chat.export_text()
        assert "Differs from the recording: step 3" in shown and "Bye for now." in shown
