"""Messages up: what the widgets post and what the screen makes of it; and the theme argument."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.message import Message

from textbots_tui.core.events import UserInputSent
from textbots_tui.ui.bridge import ControllerEventReceived
from textbots_tui.ui.screens.main_screen import MainScreen
from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.input_bar import InputBar

from .harness import main_screen, make_app, order_status, settle


async def test_a_number_is_submitted_as_text_and_a_click_picks_through_the_controller() -> None:
    posted: dict[int, Message] = {}  # a bubbling message reaches the hook once per node: keep it once

    def record(message: Message) -> None:
        posted[id(message)] = message

    app = make_app(start=order_status())
    async with app.run_test(size=(120, 40), message_hook=record) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("2", "enter")
        await settle(pilot)
        submitted = [m for m in posted.values() if isinstance(m, InputBar.PromptSubmitted)]
        assert [message.text for message in submitted] == ["2"], "the input line sends the text it holds"
        sent = [
            message.event
            for message in posted.values()
            if isinstance(message, ControllerEventReceived) and isinstance(message.event, UserInputSent)
        ]
        assert [event.text for event in sent] == ["Return an item"], "the screen makes the number a pick"

        await pilot.press("1", "enter")  # "Yes": more help, the menu comes back
        await settle(pilot)
        track = next(choice for choice in screen.chat.current_choices if choice.label == "Track an order")
        screen.chat.post_message(ChatPane.ChoicePicked(screen.chat, track))  # as a click on the chip does
        await settle(pilot)
        assert screen.session is not None
        last = [event for event in screen.session.events if isinstance(event, UserInputSent)][-1]
        assert last.choice is not None and last.choice.payload == "track_order"


async def test_theme_argument_and_fallback() -> None:
    async with make_app(theme="nord").run_test(size=(120, 40)) as pilot:
        assert pilot.app.theme == "nord"
    async with make_app(theme="no-such-theme").run_test(size=(120, 40)) as pilot:
        assert pilot.app.theme == "textual-dark"
    async with make_app(theme=None).run_test(size=(120, 40)) as pilot:
        assert pilot.app.theme == "textual-dark"


async def test_the_main_screen_is_composed_in_the_configured_theme_and_styled_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The main screen is the default screen: the theme is set before it is composed, so the start-up never
    # restyles the whole screen for it (which, right after the first frame, held up the first key).
    themes_at_compose: list[str] = []
    restyles_after_compose: list[str] = []
    compose = MainScreen.compose
    refresh_css = App.refresh_css

    def composing(self: MainScreen) -> ComposeResult:
        themes_at_compose.append(self.app.theme)
        return compose(self)

    def restyling(self: App[object], animate: bool = True) -> None:
        if themes_at_compose:
            restyles_after_compose.append(self.theme)
        refresh_css(self, animate)

    monkeypatch.setattr(MainScreen, "compose", composing)
    monkeypatch.setattr(App, "refresh_css", restyling)
    app = make_app(theme="nord")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen is main_screen(pilot) and len(app.screen_stack) == 1
    assert themes_at_compose == ["nord"]
    assert restyles_after_compose == []
