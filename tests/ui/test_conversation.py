"""A flow conversation driven from the keyboard: choices by number and by label, a slot, the exit banner.

Digits always type in the input line; Enter on a number picks, alt+number picks while the line is empty.
"""

from __future__ import annotations

from textual import events
from textual._xterm_parser import XTermParser  # turns terminal bytes into key events, as the driver does

from textbots_tui.core.events import BotOutput, SessionEnded, UserInputSent
from textbots_tui.core.items import TextItem
from textbots_tui.core.params import SessionState
from textbots_tui.ui.screens.main_screen import MainScreen
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


def _terminal_keys(data: str) -> list[events.Key]:
    """The key events Textual makes of ``data`` as a terminal sends it (ESC+digit for alt+digit in tmux)."""
    return [event for event in XTermParser().feed(data) if isinstance(event, events.Key)]


def _footer_keys(screen: MainScreen) -> set[str]:
    active = screen.active_bindings.values()
    return {binding.key for _, binding, enabled, _ in active if enabled and binding.show}


async def test_alt_numbers_pick_while_the_input_is_empty_and_never_type() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert {"alt+1", "alt+2", "alt+3"} <= _footer_keys(screen) and "alt+4" not in _footer_keys(screen)
        await pilot.press("7")
        assert "alt+1" not in _footer_keys(screen), "with text typed, alt+N is not advertised"
        # A terminal that reports modifiers sends alt+3 as "3" with alt: it must not type, nor pick now.
        pilot.app.post_message(events.Key("alt+3", "3"))
        await settle(pilot)
        assert _sent(screen) == [] and screen.input_bar.value == "7", "the typed text is left as it was"
        await pilot.press("backspace")
        assert "alt+3" in _footer_keys(screen)
        pilot.app.post_message(events.Key("alt+3", "3"))
        await settle(pilot)
        assert [event.text for event in _sent(screen)] == ["Talk to an agent"]
        assert screen.input_bar.value == ""


async def test_esc_digit_from_tmux_and_xterm_picks_instead_of_typing_a_symbol() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert pilot.app.focused is screen.input_bar.prompt
        (alt_2,) = _terminal_keys("\x1b2")  # what tmux, screen, GNOME Terminal... send for alt+2
        assert alt_2.character == "™"
        pilot.app.post_message(alt_2)
        await settle(pilot)
        assert [event.text for event in _sent(screen)] == ["Return an item"], "alt+2 picked choice 2"
        assert screen.input_bar.value == "", "and typed nothing"

        # No choice 9 on offer: the key types what it is (a Mac user's Option+9 is "ª").
        pilot.app.post_message(_terminal_keys("\x1b9")[0])
        await settle(pilot)
        assert screen.input_bar.value == "ª" and len(_sent(screen)) == 1
        await pilot.press("backspace")

        # With text in the line, the symbol is text: "£5" is a price, not choice 3 and a 5.
        count = len(_sent(screen))
        choices = len(screen.chat.current_choices)
        assert choices >= 1
        await type_text(pilot, "about")
        pilot.app.post_message(_terminal_keys("\x1b1")[0])
        await settle(pilot)
        assert screen.input_bar.value == "about¡" and len(_sent(screen)) == count


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
        pending = str(screen.input_bar.query_one("#input-pending").render())
        assert screen.input_bar.value == "" and "“2”" in pending, "Enter while busy keeps it, visibly"
        await pilot.press("alt+1")
        await pilot.pause()
        assert "a turn is in flight" in str(message.render())
        assert _sent(screen) == []

        screen.sync()  # the bot waits: what was kept goes now, on its own
        await settle(pilot)
        assert _sent(screen)[-1].text == "Return an item"
        assert screen.input_bar.pending == ()
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
        assert "Not sent: no session: ctrl+n launches a flow" in str(message.render())

        screen.input_bar.restore("/frobnicate now")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.input_bar.value == "/frobnicate now"
        assert "Unknown command /frobnicate" in str(message.render())
        await pilot.press("backspace")
        assert not screen.input_bar.has_class("-has-message"), "typing clears the message"


async def test_messages_typed_while_the_bot_answers_are_sent_one_by_one_not_glued() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.input_bar.busy = True
        for text in ("first thing", "second thing"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await type_text(pilot, "still typing")
        await pilot.pause()
        assert screen.input_bar.pending == ("first thing", "second thing")
        assert screen.input_bar.value == "still typing", "the next message is not glued to them"
        screen.sync()
        await settle(pilot)
        assert [event.text for event in _sent(screen)] == ["first thing", "second thing"]
        assert screen.input_bar.value == "still typing"
