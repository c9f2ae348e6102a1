"""Errors: toasts for what is recoverable, the details dialog, the typed text restored, and no crash."""

from __future__ import annotations

from typing import Any

from textbots_tui.core.events import ErrorOccurred
from textbots_tui.ui.app import TextbotsApp
from textbots_tui.ui.resend import ResendModal
from textbots_tui.ui.screens.error_modal import ErrorModal

from .harness import FaultSwitch, main_screen, make_app, order_status, settle, type_text


def _spy_notifications(app: TextbotsApp) -> list[tuple[str, dict[str, Any]]]:
    """Record what the app shows as toasts (screens and widgets notify through the app)."""
    notes: list[tuple[str, dict[str, Any]]] = []

    def notify(message: str, **options: Any) -> None:
        notes.append((message, options))

    app.notify = notify  # type: ignore[method-assign]
    return notes


async def test_server_error_keeps_the_text_aside_and_shows_details() -> None:
    faults = FaultSwitch()
    app = make_app(start=order_status(), faults=faults)
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        faults.status = 500
        await type_text(pilot, "where is my parcel")
        await pilot.press("enter")
        await settle(pilot)
        assert faults.failed == 1, "a 500 on a turn is not retried: the server may have processed it"
        assert screen.input_bar.value == "", "not put back as if unsent: the server may have processed it"
        assert screen.session is not None
        errors = [event for event in screen.session.events if isinstance(event, ErrorOccurred)]
        assert errors and errors[-1].unsent_input == "where is my parcel"
        # The chat draws the error as a panel; a toast over it would hide what it describes.
        assert not any(options.get("severity") == "error" for _, options in notes)
        shown = "\n".join(screen.chat.render_line(y).text for y in range(screen.chat.size.height))
        assert "✖" in shown, "the error panel is in the chat"

        await pilot.press("ctrl+e")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ErrorModal)
        fields = dict(modal.fields)
        assert fields["status"] == "500"
        assert fields["code"] == "internal.server.error"
        assert fields["correlation id"] == "corr-fault-1"
        assert modal.body is not None and '"message": "Something broke"' in modal.body
        await pilot.press("escape")

        # Sending it again is an explicit choice: ctrl+e, "Send again…", then confirm.
        faults.status = None
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.click("#details-action")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ResendModal)
        await pilot.click("#resend-send")
        await settle(pilot)
        assert screen.session.turns[-1].text == "where is my parcel", "sent once the server is back"


async def test_retries_after_503_are_announced_as_warnings() -> None:
    faults = FaultSwitch(status=None, body={"status": 503, "code": "service.unavailable", "message": "busy"})
    app = make_app(start=order_status(), faults=faults)
    notes = _spy_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        faults.status = 503
        await pilot.press("1", "enter")
        await settle(pilot)
        assert faults.failed > 1, "a 503 is retried"
        warnings = [message for message, options in notes if options.get("severity") == "warning"]
        assert any("retrying" in message for message in warnings)
        assert main_screen(pilot).chat.current_choices, "the choices are still on offer after the failure"


async def test_a_client_that_cannot_open_is_shown_and_the_app_stays_up() -> None:
    app = make_app()

    def broken() -> Any:
        raise RuntimeError("no such transport")

    app._client_factory = broken
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, ErrorModal)
        assert dict(modal.fields)["message"] == "no such transport"
        await pilot.press("escape")
        assert pilot.app.screen is main_screen(pilot)
        assert pilot.app.is_running
