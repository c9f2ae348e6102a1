"""Sessions: launch and bot dialogs by keyboard, switching, rename, close, and history from the journal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from textbots_tui.core.events import BotOutput
from textbots_tui.core.params import SessionState
from textbots_tui.ui.screens.bot_modal import BotModal
from textbots_tui.ui.screens.launch_modal import LaunchModal
from textbots_tui.ui.screens.rename_modal import RenameModal

from .harness import (
    HELP_CENTRE,
    ORDER_STATUS,
    STORE_BOT,
    main_screen,
    make_app,
    order_status,
    settle,
    type_text,
)


async def _tab_to(pilot: Pilot[Any], widget_id: str) -> None:
    """Press tab until the widget with this id has the focus, as a user would."""
    for _ in range(20):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}")


async def _launch_by_dialog(pilot: Pilot[Any], flow_id: str) -> None:
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LaunchModal)
    await _tab_to(pilot, "flow-id")
    await type_text(pilot, flow_id)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_new_flow_dialog_launches_a_session_and_sessions_switch_from_the_sidebar() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        first = screen.current_id
        await _launch_by_dialog(pilot, HELP_CENTRE)
        assert pilot.app.screen is screen, "the dialog closed"
        second = screen.current_id
        assert second != first and screen.sidebar.session_ids == [first, second]
        assert screen.session is not None and screen.session.params.flow_id == HELP_CENTRE  # type: ignore[union-attr]
        assert screen.session.state is SessionState.WAITING

        await pilot.press("ctrl+s")  # focus the session list
        await pilot.press("up", "enter")
        await settle(pilot)
        assert screen.current_id == first
        await pilot.press("f3")
        assert screen.inspector is not None and screen.inspector.exchanges == screen.session.exchanges
        labels = [choice.label for choice in screen.chat.current_choices]
        assert "Track an order" in labels
        assert pilot.app.focused is screen.input_bar.prompt, "after switching the input line has the focus"


async def test_new_bot_dialog_starts_a_bot_that_reports_intent_and_slots() -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BotModal)
        await _tab_to(pilot, "bot-id")
        await type_text(pilot, STORE_BOT)
        await _tab_to(pilot, "integration-id")
        await type_text(pilot, "sim-integration")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.session is not None and screen.session.kind == "bot"

        await type_text(pilot, "what are your opening hours")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("1", "enter")  # London, offered as a quick reply
        await settle(pilot)
        outputs = [event for event in screen.session.events if isinstance(event, BotOutput)]
        assert outputs[0].intent == "CheckStoreHours" and outputs[0].bot_state == "MoreData"
        assert outputs[-1].slots == {"city": "London"}
        assert outputs[-1].bot_state == "Complete"
        assert "f5" not in screen.active_bindings, "synthetic flow events are hidden for a bot"


async def test_rename_and_close() -> None:
    app = make_app(start=order_status())
    app.disconnect_on_close = "keep"  # close without telling the org (tests/ui/test_closing.py has the rest)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RenameModal)
        await type_text(pilot, "Happy path")  # the current name is selected: typing replaces it
        await pilot.press("enter")
        await settle(pilot)
        assert screen.session is not None and screen.session.name == "Happy path"
        assert "Happy path" in str(screen.sidebar.option_list.get_option_at_index(0).prompt)
        assert "Happy path" in str(screen.query_one("#session-summary").render())

        await pilot.press("ctrl+w")
        await settle(pilot)
        assert screen.session.state is SessionState.CLOSED
        assert "closed" in screen.input_bar.prompt.placeholder
        close_key = screen.active_bindings.get("ctrl+w")
        assert close_key is None or close_key.binding.action != "close_session", "close is gone once closed"


async def test_past_sessions_come_back_read_only_from_the_journal(tmp_path: Path) -> None:
    async with make_app(start=order_status(), journal_dir=tmp_path / "journal").run_test(
        size=(120, 40)
    ) as pilot:
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        spoken = main_screen(pilot).chat.message_count

    async with make_app(journal_dir=tmp_path / "journal").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert len(screen.sidebar.session_ids) == 1
        assert screen.current_id is None, "history is listed, not opened"
        (past,) = screen.sidebar.session_ids
        labels = [str(option.prompt).strip() for option in screen.sidebar.option_list.options]
        assert labels[0].startswith("History"), "history is listed under its own label"
        assert str(screen.sidebar.prompt(past)).startswith("⟲ Order Status")
        await pilot.press("ctrl+s", "enter")
        await settle(pilot)
        assert screen.session is not None and screen.session.read_only
        assert screen.session.params.flow_id == ORDER_STATUS  # type: ignore[union-attr]
        assert screen.chat.message_count == spoken
        assert "read-only" in screen.input_bar.prompt.placeholder
        assert "f2" not in screen.active_bindings


async def test_a_session_started_from_the_session_list_takes_the_focus_to_the_input_line() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        prompt = screen.input_bar.prompt

        await pilot.press("ctrl+s")
        assert pilot.app.focused is not prompt
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BotModal)
        await _tab_to(pilot, "bot-id")
        await type_text(pilot, STORE_BOT)
        await _tab_to(pilot, "integration-id")
        await type_text(pilot, "sim-integration")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.session is not None and screen.session.kind == "bot"
        assert pilot.app.focused is prompt, "a bot started from the dialog"

        await pilot.press("ctrl+s")
        await _launch_by_dialog(pilot, HELP_CENTRE)
        assert screen.session.kind == "flow"  # type: ignore[union-attr]
        assert pilot.app.focused is prompt, "a flow launched from the dialog"

        await pilot.press("ctrl+s")
        before = screen.current_id
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.current_id != before
        assert pilot.app.focused is prompt, "a restarted session"
        await pilot.press(*"hi")
        assert screen.input_bar.value == "hi", "typing goes to the new session's input line"
