"""Every offered theme reads at WCAG AA (4.5:1), computed from the theme's variables; the theme is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from textual.color import Color
from textual.widgets import OptionList, Static

from textbots_tui.core.params import SessionState
from textbots_tui.ui.contrast import AA_NORMAL_TEXT, UNOFFERED_THEMES, contrast_ratio, readable
from textbots_tui.ui.widgets.countdown import Countdown
from textbots_tui.ui.widgets.session_sidebar import STATE_STYLES

from .harness import main_screen, make_app, order_status, settle, type_text

CHAT_TEXT = (
    "meta",
    "user_label",
    "user_bubble",
    "bot_label",
    "bot_bubble",
    "title",
    "chip",
    "chip_number",
    "link",
    "error",
    "warning",
    "success",
    "notice",
)
"""The chat pane's text styles: bubbles, chips, labels, and the exit banner (success / warning)."""


def _rgb(style: Style, base: Style) -> tuple[Color, Color]:
    foreground = style.color or base.color
    background = style.bgcolor or base.bgcolor
    assert foreground is not None and background is not None
    return Color(*foreground.get_truecolor()), Color(*background.get_truecolor())


def test_contrast_ratio_and_readable() -> None:
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    orange, grey = Color.parse("#FEA62B"), Color.parse("#D8D8D8")
    assert contrast_ratio(orange, grey) < AA_NORMAL_TEXT, "the light theme's warning orange on its surface"
    fixed = readable(orange, [grey])
    assert contrast_ratio(fixed, grey) >= AA_NORMAL_TEXT
    assert fixed.r > fixed.b, "the hue is kept (still orange-ish, darker)"
    fine = Color.parse("#101010")
    assert readable(fine, [grey]) == fine, "a colour that passes is left alone"


async def test_every_offered_theme_passes_wcag_aa() -> None:
    app = make_app(start=order_status())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        themes = sorted(app.available_themes)
        assert "textual-light" in themes and "textual-dark" in themes
        assert not UNOFFERED_THEMES & set(themes), "themes with unknown terminal colours are not offered"
        screen = main_screen(pilot)
        countdown = screen.query_one(Countdown)
        countdown.add_class("-urgent")
        failures: list[str] = []
        for name in themes:
            app.theme = name
            await pilot.pause()
            chat = screen.chat
            chat._styles = None  # the pane caches its styles until the theme-change refresh
            styles = chat._get_styles()
            for field in CHAT_TEXT:
                foreground, background = _rgb(getattr(styles, field), styles.base)
                ratio = contrast_ratio(foreground, background)
                if ratio < AA_NORMAL_TEXT:
                    failures.append(f"{name}: chat {field} {ratio:.2f}")
            for widget in (*screen.query("ConnectionBar Static").results(Static), countdown):
                foreground, background = _rgb(widget.rich_style, widget.rich_style)
                ratio = contrast_ratio(foreground, background)
                if ratio < AA_NORMAL_TEXT:
                    failures.append(f"{name}: status line {widget.id or widget} {ratio:.2f}")
            sidebar_list = screen.query_one("#sidebar").query_one(OptionList)
            _, list_background = _rgb(sidebar_list.rich_style, sidebar_list.rich_style)
            for state, variable in STATE_STYLES.items():
                colour = Color.parse(app.theme_variables[variable.removeprefix("$")])
                ratio = contrast_ratio(colour, list_background)
                if ratio < AA_NORMAL_TEXT:
                    failures.append(f"{name}: sidebar {state.value} {ratio:.2f}")
        assert not failures, "\n".join(failures)
        assert SessionState.WAITING in STATE_STYLES


async def test_a_theme_picked_in_the_palette_is_remembered(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    app = make_app(journal_dir=journal, theme=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Theme")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "textual-light")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "textual-light"
    # The next start comes back with it, even though the config file names another theme.
    again = make_app(journal_dir=journal, theme="nord")
    async with again.run_test(size=(120, 40)) as pilot:
        assert again.theme == "textual-light"
