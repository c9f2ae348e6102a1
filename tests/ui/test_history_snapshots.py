"""Snapshots of the history per target: the hidden count, the labelled list of every target, and the delete
dialogs, at 80 x 24 (the sidebar shown with alt+s) and 200 x 50.

Ages are frozen (the list's clock), the simulator is seeded, and the journals are written with fixed times.
Refresh with ``pytest tests/ui/test_history_snapshots.py --snapshot-update`` after checking the pictures.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from .harness import main_screen, make_app, settle
from .test_history_journal import CREATED
from .test_history_targets import write_targets

SIZES = {"80x24": (80, 24), "200x50": (200, 50)}


async def _steady(pilot: Pilot[Any], *keys: str) -> None:
    await settle(pilot)
    screen = main_screen(pilot)
    screen.sidebar.clock = lambda: CREATED + timedelta(hours=3)
    screen.sidebar.refresh_ages()
    screen.input_bar.prompt.cursor_blink = False
    if pilot.app.size.width < 100:
        await pilot.press("alt+s")  # the sidebar hides by itself below 100 columns
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    pilot.app.clear_notifications()  # the toast of alt+h would cover the list
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_history_of_other_targets_hidden(snap_compare: Any, tmp_path: Path, size: str) -> None:
    write_targets(tmp_path / "journal")

    async def run_before(pilot: Pilot[Any]) -> None:
        await _steady(pilot)

    app = make_app(journal_dir=tmp_path / "journal")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_history_of_all_targets_labelled(snap_compare: Any, tmp_path: Path, size: str) -> None:
    write_targets(tmp_path / "journal")

    async def run_before(pilot: Pilot[Any]) -> None:
        await _steady(pilot, "alt+h")

    app = make_app(journal_dir=tmp_path / "journal")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


def test_delete_dialog(snap_compare: Any, tmp_path: Path) -> None:
    write_targets(tmp_path / "journal")

    async def run_before(pilot: Pilot[Any]) -> None:
        await _steady(pilot, "ctrl+s", "delete")

    app = make_app(journal_dir=tmp_path / "journal")
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_clear_history_dialog_at_80_columns(snap_compare: Any, tmp_path: Path) -> None:
    write_targets(tmp_path / "journal")

    async def run_before(pilot: Pilot[Any]) -> None:
        await _steady(pilot)
        main_screen(pilot).action_history("clear")
        await settle(pilot)

    app = make_app(journal_dir=tmp_path / "journal")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
