"""Closing and quitting tell the org the user left (UserDisconnect), as the setting says or the user answers;
keys that do nothing say why."""

from __future__ import annotations

from pathlib import Path

from textbots_tui.core.events import UserInputSent
from textbots_tui.core.params import SessionState
from textbots_tui.ui.screens.disconnect_modal import DisconnectModal

from .harness import main_screen, make_app, order_status, settle


def _notes(app: object) -> list[str]:
    return [note.message for note in app._notifications]  # type: ignore[attr-defined]


async def test_closing_a_live_flow_session_offers_user_disconnect() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DisconnectModal)
        await pilot.press("enter")  # "Send UserDisconnect" has the focus
        await settle(pilot)
        session = screen.session
        assert session is not None and session.state is SessionState.DISCONNECTED
        assert session.exchanges[-1].request_body["inputEventType"] == "UserDisconnect"


async def test_the_setting_can_close_without_asking_or_sending() -> None:
    app = make_app(start=order_status())
    app.disconnect_on_close = "keep"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert pilot.app.screen is screen, "no question asked"
        session = screen.session
        assert session is not None and session.state is SessionState.CLOSED
        assert all(e.input_type != "UserDisconnect" for e in session.events if isinstance(e, UserInputSent))


async def test_quitting_with_a_live_flow_session_asks_and_disconnects() -> None:
    app = make_app(start=order_status())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        session = screen.session
        assert session is not None
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DisconnectModal)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen and app.is_running, "cancel stays"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert session.state is SessionState.DISCONNECTED, "the org was told before the app quit"


async def test_ctrl_w_on_history_and_ctrl_e_without_an_error_say_why(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    async with make_app(start=order_status(), journal_dir=journal).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    app = make_app(journal_dir=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any(note.startswith("No error so far") for note in _notes(app))
        await pilot.press("ctrl+s", "enter")
        await settle(pilot)
        assert screen.session is not None and screen.session.read_only
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert any("history" in note and "nothing to close" in note for note in _notes(app))


async def test_no_history_opens_without_past_sessions_and_journals_record_the_target(tmp_path: Path) -> None:
    import json

    from textbots_tui.ui.app import HistoryOptions

    journal = tmp_path / "journal"
    async with make_app(start=order_status(), journal_dir=journal).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    [path] = sorted(journal.glob("*.jsonl"))
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert header["target"] == {"api_url": "simulator"} and header["origin"] == "manual"
    assert "secret" not in json.dumps(header["target"])

    app = make_app(journal_dir=journal)
    app.history = HistoryOptions(show=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert main_screen(pilot).sidebar.session_ids == [], "a consultant's demo shows no past session"
    app = make_app(journal_dir=journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(main_screen(pilot).sidebar.session_ids) == 1, "without the option the history is listed"
