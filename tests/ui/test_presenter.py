"""Presenter mode in the app: --present and alt+p, what it hides, the typing indicator, and its snapshots."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.pilot import Pilot

from textbots_tui.core.events import BotOutput
from textbots_tui.ui.presenter import PROJECTOR_THEME
from textbots_tui.ui.typing_pacer import TypingIndicator, typing_delay

from .harness import main_screen, make_app, order_status, settle, type_text

SIZE = (120, 40)


class Typing:
    """The pacer's sleep, held until the test lets it go: the typing indicator is caught showing."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.waiting = asyncio.Event()
        self.go = asyncio.Event()

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        self.waiting.set()
        await self.go.wait()


async def instant(_delay: float) -> None:
    return None


def label(pilot: Pilot[Any]) -> str:
    return str(main_screen(pilot).query_one("#connection-label").render())


async def test_present_from_the_start_and_alt_p_switches_it() -> None:
    app = make_app(start=order_status(), present=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        screen.show.pacer.sleep = instant
        await settle(pilot)
        assert app.theme == PROJECTOR_THEME.name
        assert screen.chat.present and screen.has_class("-present")
        assert "SIMULATOR" not in label(pilot)
        assert not screen.countdown.display or not screen.countdown.region.height, "no countdown"
        assert not screen.check_action("toggle_inspector", ()), "no inspector for the audience"
        await pilot.press("1", "enter")
        await settle(pilot)
        assert "payload" not in screen.chat.export_text()
        await pilot.press("alt+p")
        await settle(pilot)
        assert app.theme == "textual-dark", "the theme from before comes back"
        assert not screen.chat.present and "SIMULATOR" in label(pilot)
        assert "payload track_order" in screen.chat.export_text()
        await pilot.press("f3")
        await settle(pilot)
        assert screen.inspector is not None and screen.inspector.display
        await pilot.press("alt+p")
        await settle(pilot)
        assert screen.inspector.region.width == 0, "hidden again in presenter mode"


async def test_the_typing_indicator_paces_bot_messages_and_esc_skips_it() -> None:
    app = make_app(start=order_status(), present=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        typing = Typing()
        screen.show.pacer.sleep = typing
        await settle(pilot)
        await pilot.press("1", "enter")  # Track an order
        await typing.waiting.wait()
        await pilot.pause()
        indicator = screen.query_one(TypingIndicator)
        assert indicator.has_class("-typing") and indicator.region.height == 1
        assert "what is your order number?" not in screen.chat.export_text(), "not yet: the bot is typing"
        assert screen.check_action("show", ("skip",))
        await pilot.press("escape")
        await settle(pilot)
        assert "what is your order number?" in screen.chat.export_text()
        assert not indicator.has_class("-typing") and not screen.show.pacer.waiting
        assert not screen.check_action("show", ("skip",))
        assert typing.delays and 0.35 <= typing.delays[0] <= 1.6


async def test_sending_shows_what_waits_first() -> None:
    app = make_app(start=order_status(), present=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        typing = Typing()
        screen.show.pacer.sleep = typing
        await settle(pilot)
        await pilot.press("1", "enter")
        await typing.waiting.wait()  # the answer is being typed
        await type_text(pilot, "12345")
        await pilot.press("enter")
        typing.go.set()
        await settle(pilot)
        text = screen.chat.export_text()
        assert text.index("what is your order number?") < text.index("12345")


def test_typing_delay_grows_with_length_within_bounds() -> None:
    from textbots_tui.core.items import TextItem

    short = typing_delay(BotOutput("s", (TextItem("Hi"),)))
    longer = typing_delay(BotOutput("s", (TextItem("A much longer message " * 2),)))
    huge = typing_delay(BotOutput("s", (TextItem("x" * 10_000),)))
    assert 0.35 <= short < longer < huge == 1.6


async def _presented_conversation(pilot: Pilot[Any]) -> None:
    screen = main_screen(pilot)
    screen.show.pacer.sleep = instant
    await settle(pilot)
    for keys in (("1", "enter"), (*"12345", "enter")):
        await pilot.press(*keys)
        await settle(pilot)
    screen.input_bar.prompt.cursor_blink = False
    await pilot.pause()


def test_snapshot_presenter_mid_conversation(snap_compare: Any) -> None:
    app = make_app(start=order_status(), present=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_presented_conversation)


def test_snapshot_presenter_end_banner(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _presented_conversation(pilot)
        await pilot.press("2", "enter")  # No: the flow ends
        await settle(pilot)

    app = make_app(start=order_status(), present=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
