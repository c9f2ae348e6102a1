"""Synthetic turn events from keys and slash commands, and the slash commands that do something else."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from textbots_tui.core.events import SessionEnded, UserInputSent
from textbots_tui.core.params import SessionState
from textbots_tui.ui.screens.help_screen import HelpScreen
from textbots_tui.ui.screens.main_screen import MainScreen

from .harness import HELP_CENTRE, main_screen, make_app, order_status, settle, type_text


def _input_types(screen: MainScreen) -> list[str]:
    assert screen.session is not None
    return [event.input_type for event in screen.session.events if isinstance(event, UserInputSent)]


def _ending(screen: MainScreen) -> SessionEnded:
    assert screen.session is not None and screen.session.ended is not None
    return screen.session.ended


async def _submit(pilot: Pilot[Any], text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_noinput_nomatch_keys_and_the_error_command_send_their_turns() -> None:
    # A bot flow: it reprompts on no input (a digital bot flow would end the chat at once).
    help_centre = order_status(flow_id=HELP_CENTRE, flow_name="Help Centre FAQ")
    async with make_app(start=help_centre).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("f7")
        assert screen.input_bar.value == "/error ", "f7 starts the command for the user to complete"
        await _submit(pilot, 'E42 "the widget broke"')
        assert _input_types(screen) == ["NoInput", "NoMatch", "Error"]
        assert screen.session is not None
        error_turn = screen.session.exchanges[-1].request_body
        assert error_turn["inputEventType"] == "Error"
        assert error_turn["inputEventError"] == {"code": "E42", "message": "the widget broke"}
        assert _ending(screen).reason == "Error"


async def test_disconnect_and_expire_by_key_and_by_command_each_end_the_session() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        seen: list[tuple[str, str, str]] = []
        for how in ("f8", "/expire", "/disconnect", "f9"):
            first = screen.current_id
            if how.startswith("/"):
                await _submit(pilot, how)
            else:
                await pilot.press(how)
                await settle(pilot)
            assert screen.session is not None and screen.session.state is SessionState.DISCONNECTED
            seen.append((how, _input_types(screen)[-1], _ending(screen).reason))
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert screen.current_id != first, "restart opens a new session and shows it"
            assert screen.session is not None and screen.session.state is SessionState.WAITING
        assert seen == [
            ("f8", "UserDisconnect", "TriggeredByUser"),
            ("/expire", "ClientSessionExpired", "SessionExpired"),
            ("/disconnect", "UserDisconnect", "TriggeredByUser"),
            ("f9", "ClientSessionExpired", "SessionExpired"),
        ]
        assert len(screen.sidebar.session_ids) == 5


async def test_help_command_opens_the_help_and_restart_command_restarts() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        first = screen.current_id
        await _submit(pilot, "/help")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await _submit(pilot, "/restart")
        assert screen.current_id != first
        assert len(screen.sidebar.session_ids) == 2
        assert screen.controller is not None
        assert screen.controller.session(first).state is SessionState.CLOSED


async def test_a_closed_session_keeps_no_numbered_choices_nor_pick_keys() -> None:
    app = make_app(start=order_status())
    app.disconnect_on_close = "keep"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.chat.current_choices
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert screen.session is not None and not screen.session.state.is_open
        assert screen.chat.current_choices == (), "nothing can be picked in a closed session"
        assert "[1]" not in screen.chat.export_text()
        keys = {binding.key for _, binding, enabled, _ in screen.active_bindings.values() if enabled}
        assert "alt+1" not in keys, "no Pick keys in the footer"


async def test_synthetic_events_show_as_system_lines_in_the_chat() -> None:
    help_centre = order_status(flow_id=HELP_CENTRE, flow_name="Help Centre FAQ")
    async with make_app(start=help_centre).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("f5")
        await settle(pilot)
        text = screen.chat.export_text()
        assert "⚑ NoInput sent" in text and "event NoInput" not in text
