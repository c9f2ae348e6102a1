"""History from the journal: listed from each file's ends, opened on demand, damage reported, not hidden."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textbots_tui.core.connection import Connection
from textbots_tui.core.events import BotOutput, Notice
from textbots_tui.core.items import TextItem
from textbots_tui.core.journal import Journal
from textbots_tui.ui.app import TextbotsApp
from textbots_tui.ui.widgets.session_sidebar import HISTORY_LABEL_ID

from .harness import main_screen, make_app, order_status, settle

CREATED = datetime(2026, 5, 20, 14, 3, 11, tzinfo=UTC)


def _spy_notifications(app: TextbotsApp) -> list[tuple[str, dict[str, Any]]]:
    notes: list[tuple[str, dict[str, Any]]] = []

    def notify(message: str, **options: Any) -> None:
        notes.append((message, options))

    app.notify = notify  # type: ignore[method-assign]
    return notes


SIMULATOR = Connection.simulated().target()
"""The target the test app talks to: history journalled against it is listed by default."""


def write_history(
    directory: Path, count: int, target: dict[str, str] | None = SIMULATOR, prefix: str = "past"
) -> list[str]:
    """``count`` short past sessions of ``target`` (``None``: a journal from before targets were recorded),
    oldest first; returns their ids."""
    journal = Journal(directory, target=target)
    ids = []
    for number in range(count):
        session_id, name = f"{prefix}{number:04d}", f"{prefix.capitalize()} {number}"
        created = CREATED + timedelta(minutes=number)
        journal.start_session(session_id, "flow", order_status(flow_name=name), created)
        said = BotOutput(session_id, (TextItem(f"Hello number {number}"),), turn_id="t1")
        state = {"name": name, "state": "exited", "turns": 2, "end_reason": "Done"}
        journal.append_step(session_id, (said,), (), state)
        journal.close_session(session_id)
        ids.append(session_id)
    return ids


async def test_damaged_files_are_counted_and_the_rest_is_listed(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    write_history(journal_dir, 2)
    (journal_dir / "20260520T150000.000Z-bad.jsonl").write_text('{"line":"session","kind":"flow"}\n')
    (journal_dir / "20260520T150001.000Z-deep.jsonl").write_text("[" * 100_000 + "\n")
    app = make_app(journal_dir=journal_dir)
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.sidebar.session_ids == ["past0001", "past0000"]
        assert "Past 1" in str(screen.sidebar.prompt("past0001"))
        assert "exited · 2 turns" in str(screen.sidebar.prompt("past0001"))
    assert any("2 damaged journal files skipped" in message for message, _ in notes)


async def test_a_history_session_is_read_when_opened_and_its_damaged_lines_are_reported(
    tmp_path: Path,
) -> None:
    journal_dir = tmp_path / "journal"
    (first, second) = write_history(journal_dir, 2)
    journal = Journal(journal_dir)
    (path,) = journal_dir.glob(f"*-{first}.jsonl")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"line":"step","events":' + "[" * 50_000 + "\n")
    journal.adopt(first, path)
    journal.append_event(Notice(first, "still here after the damage"))
    journal.close()
    app = make_app(journal_dir=journal_dir)
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert app.controller is not None
        assert app.controller.history_pending(first), "listed, not read"
        await pilot.press("ctrl+s")  # the session list; the newest history entry is highlighted first
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.current_id == first
        assert not app.controller.history_pending(first)
        assert app.controller.history_pending(second)
        assert screen.chat.message_count >= 1
        assert screen.session is not None and screen.session.read_only
    assert any("1 damaged line skipped" in message for message, _ in notes)


async def test_the_session_list_says_while_the_journal_is_read(tmp_path: Path) -> None:
    async with make_app(journal_dir=tmp_path / "journal").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = main_screen(pilot).sidebar
        assert sidebar.option_list.option_count == 0
        sidebar.history_loading = True
        await pilot.pause()
        label = sidebar.option_list.get_option(HISTORY_LABEL_ID)
        assert "reading the journal" in str(label.prompt)
        sidebar.history_loading = False
        await pilot.pause()
        assert sidebar.option_list.option_count == 0


async def test_six_hundred_past_sessions_are_all_listed(tmp_path: Path) -> None:
    journal_dir = tmp_path / "journal"
    ids = write_history(journal_dir, 600)
    async with make_app(journal_dir=journal_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.sidebar.session_ids == ids[::-1]
        assert screen.sidebar.option_list.option_count == 601  # and the History label
        assert app_sessions_in_memory(pilot.app) == 0


def app_sessions_in_memory(app: Any) -> int:
    """History sessions whose events were read (none until one is opened)."""
    controller = app.controller
    return sum(1 for session in controller.sessions.values() if session.read_only and session.events)
