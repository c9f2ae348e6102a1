"""The main screen is built by composition: its parts are plain objects, and no module outgrows one job."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

import textbots_tui
from textbots_tui.ui.actions import KeyState
from textbots_tui.ui.screens.main_screen import MainScreen
from textbots_tui.ui.shown_state import shown_state

MAX_LINES = 400


def test_main_screen_is_a_plain_screen_with_parts() -> None:
    assert MainScreen.__bases__ == (Screen,), "the main screen's helpers are parts, not base classes"


def test_no_module_is_over_the_line_limit() -> None:
    root = Path(textbots_tui.__file__).parent
    long = {
        str(path.relative_to(root)): count
        for path in root.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_without_a_session_the_input_line_says_how_to_start_one() -> None:
    shown = shown_state(None, connected=True, has_error=False, choices=0, replaying=False)
    assert (
        shown.unavailable == "No session: ctrl+n launches a flow, ctrl+b starts a bot"
        and not shown.busy
        and not shown.resumable
    )
    assert shown.summary == ""
    assert shown.keys == KeyState(connected=True)
    assert shown.keys.allows("new_flow") and not shown.keys.allows("restart")
