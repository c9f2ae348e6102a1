"""A flow conversation driven from the keyboard: choices by number and by label, a slot, the exit banner.

Digits always type in the input line; Enter on a number picks, alt+number picks from anywhere.
"""

from __future__ import annotations

from textual import events

from textbots_tui.core.events import BotOutput, SessionEnded, UserInputSent
from textbots_tui.core.items import TextItem
from textbots_tui.core.params import SessionState
from textbots_tui.ui.screens.variables_modal import VariablesModal
from textbots_tui.ui.widgets.chat_pane import ChatPane

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


async def test_a_number_and_enter_picks_a_quick_reply_and_a_slot_leads_to_the_exit_banner() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.sidebar.session_ids == [screen.current_id]
        assert screen.session is not None and screen.session.state is SessionState.WAITING
        labels = [choice.label for choice in screen.chat.current_choices]
        assert labels == ["Track an order", "Return an item", "Talk to an agent"]
        assert screen.chat.message_count >= 2
        assert screen.input_bar.choice_count == 3
        placeholder = screen.input_bar.prompt.placeholder
        assert placeholder.startswith("1-3 or a choice's label + Enter picks it") and "alt+1-3" in placeholder

        await pilot.press("1")
        assert screen.input_bar.value == "1", "a digit types, even with choices on offer"
        assert _sent(screen) == []
        await pilot.press("enter")
        await settle(pilot)
        assert _sent(screen)[-1].choice is not None
        assert _sent(screen)[-1].text == "Track an order"
        assert "order number" in _bot_text(screen)

        await pilot.press(*"12345", "enter")
        await settle(pilot)
        assert _sent(screen)[-1].text == "12345"
        assert "Order 12345 is shipped" in _bot_text(screen)

        await pilot.press("2", "enter")  # "No": nothing else
        await settle(pilot)
        session = screen.session
        assert session is not None and session.state is SessionState.EXITED
        ended = [event for event in session.events if isinstance(event, SessionEnded)]
        assert ended and ended[-1].reason == "TriggeredByFlow"
        assert ended[-1].output_variables["Flow.OrderStatus"] == "Shipped"
        assert "exited" in str(screen.sidebar.prompt(session.session_id))
        assert "exited: TriggeredByFlow" in str(screen.query_one("#session-summary").render())
        assert "restarts" in screen.input_bar.prompt.placeholder

        await type_text(pilot, "/vars")
        await pilot.press("enter")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, VariablesModal)
        assert modal.body is not None and '"Flow.OrderStatus": "Shipped"' in modal.body


async def test_digits_typed_while_choices_are_offered_are_sent_as_text() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert len(screen.chat.current_choices) == 3
        await pilot.press(*"12345")
        assert screen.input_bar.value == "12345"
        assert _sent(screen) == [], "no digit picked a choice"
        await pilot.press("enter")
        await settle(pilot)
        sent = _sent(screen)
        assert [(event.text, event.choice) for event in sent] == [("12345", None)]

        await pilot.press("0", "enter")  # no choice is numbered 0: text too
        await settle(pilot)
        assert (_sent(screen)[-1].text, _sent(screen)[-1].choice) == ("0", None)


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


async def test_alt_numbers_pick_from_anywhere_and_never_type() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        footer_keys = {binding.key for _, binding, enabled, _ in screen.active_bindings.values() if enabled}
        assert {"alt+1", "alt+2", "alt+3"} <= footer_keys and "alt+4" not in footer_keys
        await pilot.press("7")
        # A terminal sends alt+3 as the character "3" with a modifier: it must pick, not type.
        pilot.app.post_message(events.Key("alt+3", "3"))
        await settle(pilot)
        assert [event.text for event in _sent(screen)] == ["Talk to an agent"], "alt+N picks with text typed"
        assert screen.input_bar.value == "7", "the typed text is left as it was"


async def test_number_keys_pick_while_the_chat_pane_has_the_focus() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("shift+tab")
        assert pilot.app.focused is screen.chat
        await pilot.press("2")
        await settle(pilot)
        assert [event.text for event in _sent(screen)] == ["Return an item"]


async def test_no_pick_while_a_turn_is_in_flight_or_from_stale_choices() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        message = screen.input_bar.query_one("#input-message")
        track = screen.chat.current_choices[0]

        screen.input_bar.busy = True  # as between sending a turn and the bot's answer
        await type_text(pilot, "2")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.input_bar.value == "2", "Enter while busy keeps the text"
        assert "still answering" in str(message.render())
        await pilot.press("alt+1")
        await pilot.pause()
        assert "a turn is in flight" in str(message.render())
        assert _sent(screen) == []
        assert screen.input_bar.value == "2"

        screen.sync()
        await pilot.press("backspace", *"return an item", "enter")
        await settle(pilot)
        assert _sent(screen)[-1].text == "Return an item"
        assert track not in screen.chat.current_choices
        screen.chat.post_message(ChatPane.ChoicePicked(screen.chat, track))  # a click on an old chip
        await settle(pilot)
        assert len(_sent(screen)) == 1, "a choice that is no longer offered is not sent"
        assert "no longer offered" in str(message.render())


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
