"""A flow conversation driven from the keyboard: choices by number and by label, a slot, the exit banner."""

from __future__ import annotations

from textbots_tui.core.events import BotOutput, SessionEnded, UserInputSent
from textbots_tui.core.items import TextItem
from textbots_tui.core.params import SessionState
from textbots_tui.ui.screens.error_modal import VariablesModal

from .harness import main_screen, make_app, order_status, settle, type_text


def _sent(screen) -> list[UserInputSent]:  # type: ignore[no-untyped-def]
    return [event for event in screen.session.events if isinstance(event, UserInputSent)]


def _bot_text(screen) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        item.text
        for event in screen.session.events
        if isinstance(event, BotOutput)
        for item in event.items
        if isinstance(item, TextItem)
    )


async def test_number_key_picks_a_quick_reply_and_a_slot_leads_to_the_exit_banner() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.sidebar.session_ids == [screen.current_id]
        assert screen.session is not None and screen.session.state is SessionState.WAITING
        labels = [choice.label for choice in screen.chat.current_choices]
        assert labels == ["Track an order", "Return an item", "Talk to an agent"]
        assert screen.chat.message_count >= 2
        assert screen.input_bar.choice_count == 3

        await pilot.press("1")
        await settle(pilot)
        assert _sent(screen)[-1].choice is not None
        assert _sent(screen)[-1].text == "Track an order"
        assert "order number" in _bot_text(screen)

        await type_text(pilot, "12345")
        await pilot.press("enter")
        await settle(pilot)
        assert _sent(screen)[-1].text == "12345"
        assert "Order 12345 is shipped" in _bot_text(screen)

        await pilot.press("2")  # "No": nothing else
        await settle(pilot)
        session = screen.session
        assert session is not None and session.state is SessionState.EXITED
        ended = [event for event in session.events if isinstance(event, SessionEnded)]
        assert ended and ended[-1].reason == "TriggeredByFlow"
        assert ended[-1].output_variables["Flow.OrderStatus"] == "Shipped"
        assert "exited: TriggeredByFlow" in str(screen.sidebar.option_list.get_option_at_index(0).prompt)
        assert "restarts" in screen.input_bar.prompt.placeholder

        await type_text(pilot, "/vars")
        await pilot.press("enter")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, VariablesModal)
        assert modal.body is not None and '"Flow.OrderStatus": "Shipped"' in modal.body


async def test_typing_a_choice_label_picks_it() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await type_text(pilot, "return an item")
        await pilot.press("enter")
        await settle(pilot)
        sent = _sent(screen)[-1]
        assert sent.choice is not None and sent.choice.payload == "return_item"
        assert "30 days" in _bot_text(screen)


async def test_input_line_keys_alt_numbers_typed_numbers_and_busy() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("7")
        assert screen.input_bar.value == "7", "a number beyond the choices is typed"
        await pilot.press("alt+3")
        await settle(pilot)
        assert [event.text for event in _sent(screen)] == ["Talk to an agent"], "alt+N picks with text typed"
        assert screen.input_bar.value == "7"

    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.input_bar.busy = True
        await type_text(pilot, "hello")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.input_bar.value == "hello", "Enter while busy keeps the text"
        assert _sent(screen) == []
        assert "still answering" in str(screen.input_bar.query_one("#input-message").render())


async def test_input_history_with_up_and_down() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await type_text(pilot, "first")
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "second")
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "dra")
        await pilot.press("up")
        assert screen.input_bar.value == "second"
        await pilot.press("up")
        assert screen.input_bar.value == "first"
        await pilot.press("up")
        assert screen.input_bar.value == "first"
        await pilot.press("down")
        assert screen.input_bar.value == "second"
        await pilot.press("down")
        assert screen.input_bar.value == "dra"


async def test_without_a_session_text_is_kept_and_unknown_commands_are_refused_inline() -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        message = screen.input_bar.query_one("#input-message")
        assert "No session" in screen.input_bar.prompt.placeholder
        await type_text(pilot, "hello")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.input_bar.value == "hello"
        assert "Not sent: no session yet" in str(message.render())

        screen.input_bar.restore("/frobnicate now")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.input_bar.value == "/frobnicate now"
        assert "Unknown command /frobnicate" in str(message.render())
        await pilot.press("backspace")
        assert not screen.input_bar.has_class("-has-message"), "typing clears the message"
