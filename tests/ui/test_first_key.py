"""The first key before the client is open: ctrl+n and ctrl+b open working dialogs at once.

The app opens its client in the background after the first frame. Here that takes as long as the test says
(the client factory waits for a gate), so the dialogs are driven while there is no controller yet.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Label, OptionList

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.connection import Connection
from textbots_tui.core.journal import Journal
from textbots_tui.core.params import SessionState
from textbots_tui.ui.app import TextbotsApp
from textbots_tui.ui.screens.bot_modal import BotModal
from textbots_tui.ui.screens.launch_modal import LaunchModal

from .harness import HELP_CENTRE, main_screen, make_app, order_status, settle, type_text


def gated(app: TextbotsApp) -> threading.Event:
    """Make opening ``app``'s client wait until the returned gate is set (a slow backend)."""
    gate = threading.Event()
    build = app._client_factory

    def slow_factory() -> TextbotsClient:
        # Runs in a worker thread: the event loop stays free meanwhile, as in the real start.
        assert gate.wait(10), "the test never opened the gate"
        return build()

    app._client_factory = slow_factory
    return gate


async def open_backend(pilot: Pilot[Any], gate: threading.Event) -> None:
    """Let the client open, and wait until the controller is attached and everything settled."""
    gate.set()
    await settle(pilot)


def picker_prompt(pilot: Pilot[Any]) -> str:
    """The status line of the dialog's flow or bot list."""
    return str(pilot.app.screen.query_one(".target-picker .picker-status", Label).render())


async def test_ctrl_n_before_the_client_is_open_shows_a_dialog_whose_list_fills_when_ready() -> None:
    app = make_app()
    gate = gated(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.controller is None
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, LaunchModal), "ctrl+n answered before the client is open"
        assert picker_prompt(pilot) == "Loading flows…"
        assert app.screen.query_one(".target-picker OptionList", OptionList).disabled

        await open_backend(pilot, gate)
        assert isinstance(app.screen, LaunchModal)
        assert picker_prompt(pilot) == "3 flows: type to filter by name or id, ↓ to pick"
        assert not app.screen.query_one(".target-picker OptionList", OptionList).disabled


async def test_a_flow_launched_before_the_client_is_open_starts_once_it_is() -> None:
    app = make_app()
    gate = gated(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, LaunchModal)
        await type_text(pilot, HELP_CENTRE)  # the flow id field has the focus
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = main_screen(pilot)
        assert app.screen is screen, "the dialog closed with a valid form"
        assert app.controller is None and screen.sidebar.session_ids == []

        await open_backend(pilot, gate)
        session = screen.session
        assert session is not None, "the launch went out once the client was open"
        assert session.target_id == HELP_CENTRE and session.state is SessionState.WAITING


async def test_ctrl_b_before_the_client_is_open_shows_the_bot_dialog() -> None:
    app = make_app()
    gate = gated(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BotModal)
        assert picker_prompt(pilot) == "Loading bots…"
        await open_backend(pilot, gate)
        assert picker_prompt(pilot) == "1 bot: type to filter by name or id, ↓ to pick"


async def test_a_client_that_fails_to_open_fails_the_waiting_list_and_launch() -> None:
    app = make_app()
    gate = threading.Event()

    def failing_factory() -> TextbotsClient:
        assert gate.wait(10)
        raise RuntimeError("no route to the org")

    app._client_factory = failing_factory
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, LaunchModal)
        gate.set()
        screen = main_screen(pilot)
        for _ in range(100):  # the worker fails in its thread; give the loop turns until the app says so
            if screen.last_error is not None:
                break
            await pilot.pause()
        await pilot.pause()
        assert isinstance(screen.last_error, RuntimeError)
        # The error dialog went on top of the launch dialog; the list under it says it could not load.
        status = modal.query_one(".target-picker .picker-status", Label)
        assert str(status.render()) == "No list of flows: type the id"


def write_past_sessions(directory: Path, count: int) -> list[str]:
    """Journal ``count`` finished sessions of the sample Order Status flow; returns their ids."""
    journal = Journal(directory, target=Connection.simulated().target(), origin="manual")
    created = datetime.now(UTC) - timedelta(hours=1)
    ids = []
    for number in range(count):
        session_id = f"past{number}"
        journal.start_session(session_id, "flow", order_status(), created + timedelta(minutes=number))
        journal.close_session(session_id)
        ids.append(session_id)
    return ids


async def test_history_is_listed_before_the_client_is_open(tmp_path: Path) -> None:
    ids = write_past_sessions(tmp_path / "journal", 3)
    app = make_app(journal_dir=tmp_path / "journal")
    gate = gated(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(pilot)
        for _ in range(200):  # the scan runs in a thread after the first frame
            if screen.sidebar.session_ids:
                break
            await pilot.pause()
        assert app.controller is None, "listed without waiting for the backend"
        assert sorted(screen.sidebar.session_ids) == ids

        await open_backend(pilot, gate)
        assert sorted(screen.sidebar.session_ids) == ids, "the controller's announcements add no duplicates"
        assert app.controller is not None and all(app.controller.history_pending(sid) for sid in ids)
        await pilot.press("ctrl+s", "enter")  # focus the list, open the highlighted session
        await settle(pilot)
        assert screen.current_id in ids and screen.session is not None and screen.session.read_only


async def test_the_app_says_it_has_started_once_its_backend_is_open() -> None:
    attached: list[bool] = []
    app = make_app(on_started=lambda: attached.append(app.controller is not None))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert attached == [True]  # once, with the controller in place (the command resumes its collector then)
