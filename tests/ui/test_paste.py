"""A multi-line paste is kept whole and sent as one message with its line breaks."""

from __future__ import annotations

from textbots_tui.core.events import UserInputSent

from .harness import main_screen, make_app, order_status, settle, type_text


async def test_a_multi_line_paste_goes_as_one_message_with_its_line_breaks() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await type_text(pilot, "my order:\r\n12345\nplease")
        await pilot.pause()
        assert screen.input_bar.value == "my order:⏎12345⏎please", "no line is dropped"
        message = str(screen.input_bar.query_one("#input-message").render())
        assert "Pasted 3 lines" in message
        await pilot.press("enter")
        await settle(pilot)
        assert screen.session is not None
        sent = [event for event in screen.session.events if isinstance(event, UserInputSent)]
        assert [event.text for event in sent] == ["my order:\n12345\nplease"]


async def test_a_one_line_paste_is_typed_as_it_is() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await type_text(pilot, "12345\n")
        assert screen.input_bar.value == "12345"
        assert not screen.input_bar.has_class("-has-message")
