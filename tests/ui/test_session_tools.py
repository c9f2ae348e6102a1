"""Whole-session actions by keyboard: save as script and exports, the demo replay, and resume."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import yaml
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from textbots_tui.core.events import BotOutput, UserInputSent
from textbots_tui.core.params import SessionState
from textbots_tui.ui.app import TextbotsApp
from textbots_tui.ui.screens.save_modal import SaveModal
from textbots_tui.ui.widgets.input_bar import RESUME_PLACEHOLDER

from .harness import FaultSwitch, main_screen, make_app, order_status, settle, type_text

UNAVAILABLE = {"status": 503, "code": "service.unavailable", "message": "busy"}


def _spy_notifications(app: TextbotsApp) -> list[tuple[str, dict[str, Any]]]:
    notes: list[tuple[str, dict[str, Any]]] = []

    def notify(message: str, **options: Any) -> None:
        notes.append((message, options))

    app.notify = notify  # type: ignore[method-assign]
    return notes


async def _palette(pilot: Pilot[Any], title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, title)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def _accept_save(pilot: Pilot[Any]) -> None:
    """The save dialog opened with a fresh name: Enter takes it."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, SaveModal), pilot.app.screen
    await pilot.press("enter")
    await settle(pilot)


def _saved(notes: list[tuple[str, dict[str, Any]]]) -> Path:
    message = notes[-1][0]
    assert message.startswith("Saved "), notes
    return Path(message.removeprefix("Saved "))


async def test_save_as_script_and_exports_from_keys_and_the_palette(tmp_path: Path) -> None:
    app = make_app(start=order_status())
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.export_dir = tmp_path
        await pilot.press("1", "enter")
        await settle(pilot)

        await pilot.press("ctrl+o")
        await _accept_save(pilot)
        script = _saved(notes)
        assert script.parent == tmp_path and script.suffix == ".yaml"
        document = yaml.safe_load(script.read_text(encoding="utf-8"))
        assert document["steps"], "the script has the conversation's steps"
        await pilot.press("ctrl+o")
        await _accept_save(pilot)
        assert _saved(notes) != script and script.exists(), "a second save never overwrites the first"

        await _palette(pilot, "Export as Markdown")
        await _accept_save(pilot)
        markdown = _saved(notes)
        assert markdown.suffix == ".md" and "Track an order" in markdown.read_text(encoding="utf-8")
        await _palette(pilot, "Export as JSON")
        await _accept_save(pilot)
        exported = _saved(notes)
        assert exported.suffix == ".json" and json.loads(exported.read_text(encoding="utf-8"))
        await _palette(pilot, "Save session as script")
        await _accept_save(pilot)
        assert _saved(notes).suffix == ".yaml"


async def test_export_as_html_from_the_palette_names_the_outcomes(tmp_path: Path) -> None:
    app = make_app(start=order_status())
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main_screen(pilot).export_dir = tmp_path
        await pilot.press("1", "enter")  # Track an order
        await settle(pilot)
        await type_text(pilot, "12345")
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "no")
        await pilot.press("enter")
        await settle(pilot)
        await _palette(pilot, "Export as HTML")
        await _accept_save(pilot)
        page = _saved(notes)
    text = page.read_text(encoding="utf-8")
    assert page.suffix == ".html" and text.startswith("<!DOCTYPE html>")
    assert "Order tracked: <span" in text and "Order number captured, Order found" in text
    assert "f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13" not in text


async def test_history_exports_and_an_empty_session_says_why_there_is_no_script(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    faults = FaultSwitch(status=503, body=UNAVAILABLE)
    async with make_app(start=order_status(), journal_dir=journal, faults=faults).run_test(
        size=(120, 40)
    ) as pilot:
        await settle(pilot)

    app = make_app(journal_dir=journal)
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.export_dir = tmp_path / "out"
        await pilot.press("ctrl+s", "enter")
        await settle(pilot)
        assert screen.session is not None and screen.session.read_only
        await pilot.press("ctrl+o")
        await _accept_save(pilot)
        message, options = notes[-1]
        assert "nothing happened in this session" in message and options.get("severity") == "warning"
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
        await _palette(pilot, "Export as JSON")
        await _accept_save(pilot)
        assert _saved(notes).parent == tmp_path / "out", "history exports too"


class Gate:
    """A replay's sleep that waits until the test lets it go: the replay is caught mid-way."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.opened = asyncio.Event()

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await self.opened.wait()


async def test_replay_plays_the_session_and_esc_stops_it() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        full = screen.chat.export_text()
        spoken = screen.chat.message_count

        gate = Gate()
        screen.replay.sleep = gate
        await pilot.press("alt+r")
        await pilot.pause()
        assert screen.replay.session_id == screen.current_id
        assert 0 < screen.chat.message_count < spoken, "the replay shows the start of the conversation"
        assert gate.delays and gate.delays[0] >= 0.2, "at human speed"
        assert "replaying… (esc stops)" in str(screen.input_bar.query_one("#input-message").render())
        assert screen.active_bindings["escape"].binding.action == "stop_replay", "the footer offers esc"
        await pilot.press(*"hello", "enter")
        await pilot.pause()
        assert screen.replay.session_id is None, "a new action stops the replay"
        assert screen.input_bar.value == "hello", "and what was typed is kept, not sent"
        assert [e.text for e in screen.session.events if isinstance(e, UserInputSent)] == [  # type: ignore[union-attr]
            "Track an order"
        ]
        assert screen.chat.export_text() == full

        await pilot.press("alt+r")
        await pilot.pause()
        assert screen.replay.session_id is not None
        await pilot.press("escape")
        await pilot.pause()
        assert screen.replay.session_id is None and screen.chat.export_text() == full
        assert "escape" not in screen.active_bindings, "nothing to stop any more"


async def test_a_fast_replay_ends_with_the_whole_transcript() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        full = screen.chat.export_text()
        screen.replay.speed = 1e6
        await _palette(pilot, "Replay session")
        assert screen.replay.session_id is None, "played to the end"
        assert screen.chat.export_text() == full
        assert not screen.input_bar.has_class("-has-message"), "the replaying note is gone"


async def test_resume_after_a_failed_start_by_key_and_by_enter() -> None:
    faults = FaultSwitch(status=503, body=UNAVAILABLE)
    app = make_app(start=order_status(), faults=faults)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        session = screen.session
        assert session is not None and session.pending_noop and session.state is SessionState.WAITING
        assert screen.input_bar.prompt.placeholder == RESUME_PLACEHOLDER

        await pilot.press("ctrl+g")  # still unavailable: the bot stays resumable
        await settle(pilot)
        assert session.pending_noop
        faults.status = None
        await pilot.press("enter")  # on an empty line
        await settle(pilot)
        assert not session.pending_noop
        assert [e for e in session.events if isinstance(e, BotOutput)], "the flow's greeting arrived"
        assert screen.input_bar.prompt.placeholder != RESUME_PLACEHOLDER

        await pilot.press("ctrl+g")  # nothing pending now: the refusal is shown
        await settle(pilot)
        message = str(screen.input_bar.query_one("#input-message").render())
        assert "nothing to resume" in message


async def test_resume_is_in_the_palette() -> None:
    faults = FaultSwitch(status=503, body=UNAVAILABLE)
    async with make_app(start=order_status(), faults=faults).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        faults.status = None
        await _palette(pilot, "Resume the bot")
        assert screen.session is not None and not screen.session.pending_noop
        assert screen.session.state is SessionState.WAITING


async def test_save_asks_for_the_path_and_the_scenario_name(tmp_path: Path) -> None:
    app = make_app(start=order_status())
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.export_dir = tmp_path
        await pilot.press("1", "enter")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, SaveModal)
        assert dialog.query_one("#save-path", Input).value.startswith(str(tmp_path / "order-status-"))
        assert dialog.query_one("#save-name", Input).value == "Order Status"
        target = tmp_path / "checks" / "tracking.yaml"
        await pilot.press("ctrl+u")
        await type_text(pilot, str(target))
        await pilot.press("tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "Tracking, happy path")
        await pilot.press("enter")
        await settle(pilot)
        assert _saved(notes) == target
        assert yaml.safe_load(target.read_text(encoding="utf-8"))["name"] == "Tracking, happy path"

        # The same path again: the dialog says it exists and stays; escape saves nothing.
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, SaveModal)
        assert "exists" in str(dialog.query_one("#save-error", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
    assert _yaml_files(tmp_path) == [target], "nothing else was written"


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yaml"))


async def test_a_saved_booking_uses_patterns_and_a_strict_save_pins_it(tmp_path: Path) -> None:
    from textbots_tui.core.params import FlowLaunchParams

    from .harness import APPOINTMENTS

    app = make_app(start=FlowLaunchParams(flow_id=APPOINTMENTS, flow_name="Booking"))
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main_screen(pilot).export_dir = tmp_path
        for answer in ("1", "2", "2", "1", "1"):  # eye test, the second day, 10:30, Covent Garden, yes
            await pilot.press(answer, "enter")
            await settle(pilot)
        await pilot.press("ctrl+o")
        await _accept_save(pilot)
        saved = _saved(notes).read_text(encoding="utf-8")
        assert "{like: '{date} 09:00 (8 hours)'}" in saved and "APT-{ref}" in saved
        assert "actionNumber" not in saved
        await _palette(pilot, "Save as strict script")
        await _accept_save(pilot)
        strict = _saved(notes).read_text(encoding="utf-8")
        assert "{like:" not in strict and "actionNumber" in strict and "milestones" in strict
