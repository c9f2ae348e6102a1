"""Any terminal width: the sidebar follows the width and hides by key or by itself under 100 columns, the
inspector widens or takes the whole width, and the launch dialog scrolls at 80 x 24."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Button

from textbots_tui.ui.screens.launch_modal import LaunchModal

from .harness import main_screen, make_app, order_status, settle
from .test_snapshots import _steady


async def test_the_sidebar_hides_by_itself_when_narrow_and_by_key() -> None:
    async with make_app(start=order_status()).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert not screen.sidebar.display, "under 100 columns the chat gets the room"
        assert screen.chat.size.width >= 70
        await pilot.press("alt+s")
        await pilot.pause()
        assert screen.sidebar.display, "the key shows it anyway"
        await pilot.press("alt+s")
        await pilot.pause()
        assert not screen.sidebar.display

    async with make_app(start=order_status()).run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.sidebar.display and screen.sidebar.size.width >= 40, "its width follows the terminal"
        await pilot.press("alt+s")
        await pilot.pause()
        assert not screen.sidebar.display and screen.chat.size.width >= 190


async def test_the_inspector_widens_then_takes_the_whole_width() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("alt+w")  # opens it first
        await pilot.pause()
        inspector = screen.inspector
        assert inspector is not None and inspector.display
        normal = inspector.size.width
        await pilot.press("alt+w")
        await pilot.pause()
        assert inspector.size.width > normal
        await pilot.press("alt+w")
        await pilot.pause()
        assert inspector.size.width == 120 and not screen.query_one("#conversation").display
        await pilot.press("f3")  # closing it at full width brings the conversation back
        await pilot.pause()
        assert screen.query_one("#conversation").display and not inspector.display
        await pilot.press("f3")
        await pilot.pause()
        assert inspector.size.width == normal


async def test_the_launch_dialog_scrolls_at_80_by_24() -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, LaunchModal)
        title = modal.query_one("#more-section CollapsibleTitle")
        for _ in range(12):  # by keyboard: tab to "More options", enter unfolds it
            if pilot.app.focused is title:
                break
            await pilot.press("tab")
        await pilot.press("enter")
        await settle(pilot)
        form = modal.query_one("#form", VerticalScroll)
        assert form.max_scroll_y > 0, "the form is taller than the room: it scrolls"
        for button in modal.query(Button):
            region = button.region
            assert region.bottom <= 24 and region.right <= 80, "the buttons stay on screen"


async def _conversation(pilot: Pilot[Any]) -> None:
    await _steady(pilot)
    await pilot.press("1", "enter")
    await _steady(pilot)


def test_main_screen_at_80_by_24(snap_compare: Any) -> None:
    assert snap_compare(make_app(start=order_status()), terminal_size=(80, 24), run_before=_conversation)


def test_main_screen_at_200_by_50_with_the_inspector(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _conversation(pilot)
        await pilot.press("f3")
        await _steady(pilot)

    assert snap_compare(make_app(start=order_status()), terminal_size=(200, 50), run_before=run_before)
