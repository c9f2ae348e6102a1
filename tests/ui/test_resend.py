"""After a failure the server may have processed, the input is never offered as unsent: the chat says "may
have been processed", the input line stays empty, and sending it again takes an explicit, confirmed choice."""

from __future__ import annotations

from textbots_tui.core.events import ErrorOccurred, UserInputSent
from textbots_tui.ui.resend import ResendModal
from textbots_tui.ui.screens.error_modal import ErrorModal

from .harness import FaultSwitch, main_screen, make_app, order_status, settle, type_text


def user_turns(screen: object) -> list[str]:
    session = screen.session  # type: ignore[attr-defined]
    return [e.text for e in session.events if isinstance(e, UserInputSent) and e.input_type == "UserInput"]


async def test_a_500_keeps_the_text_aside_and_keep_it_sends_nothing() -> None:
    faults = FaultSwitch()
    async with make_app(start=order_status(), faults=faults).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        faults.status = 502
        await type_text(pilot, "where is my parcel")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.input_bar.value == ""
        (error,) = [e for e in screen.session.events if isinstance(e, ErrorOccurred)]  # type: ignore[union-attr]
        assert error.input_label == "may have been processed"
        shown = screen.chat.export_text()
        assert "may have been processed" in shown and "not sent" not in shown

        faults.status = None
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.click("#details-action")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ResendModal)
        await pilot.press("enter")  # the focus is on "Keep it": Enter never re-sends by accident
        await settle(pilot)
        assert pilot.app.screen is screen
        assert user_turns(screen) == []


async def test_an_unprocessed_failure_puts_the_text_back_and_offers_no_resend() -> None:
    faults = FaultSwitch(body={"status": 409, "code": "conflict", "message": "stale"})
    async with make_app(start=order_status(), faults=faults).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        faults.status = 409
        await type_text(pilot, "where is my parcel")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.input_bar.value == "where is my parcel"
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ErrorModal)
        assert not pilot.app.screen.query("#details-action")
