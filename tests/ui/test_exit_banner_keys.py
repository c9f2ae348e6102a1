"""The exit banner's output variables stay tellable apart in a narrow chat pane (the inspector open)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.style import Style

from textbots_tui.ui.widgets.transcript.style import (
    LayoutContext,
    TranscriptStyles,
    key_values,
    middle_ellipsis,
)

from .harness import main_screen, make_app, order_status, settle


async def test_output_variable_names_are_whole_beside_the_inspector() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        await pilot.press(*"12345", "enter")
        await settle(pilot)
        await pilot.press("2", "enter")
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.inspector is not None and screen.inspector.display
        assert screen.chat.size.width < 70, "the inspector leaves the chat pane narrow"
        shown = screen.chat.export_text()
        rows = [line.strip() for line in shown.splitlines() if line.strip().startswith("Flow.")]
        keys = [row.split()[0] for row in rows]
        assert "Flow.OrderNumber" in keys and "Flow.OrderStatus" in keys
        assert len(set(keys)) == len(keys), "every variable keeps a name of its own"
        cut = [key for key in keys if "…" in key]
        assert all(key.startswith("Flow.") and key.endswith("Reason") for key in cut), "both ends show"


def _context(width: int) -> LayoutContext:
    console = Console(file=io.StringIO(), width=300, color_system=None)
    styles = TranscriptStyles.from_lookup(Style(), lambda _name: Style())
    return LayoutContext(console, width, styles)


def test_values_wrap_so_that_keys_stay_whole() -> None:
    pairs = [("Flow.OrderNumber", "12345"), ("Flow.OrderStatus", "Shipped on Monday " * 3)]
    lines = [line.plain for line in key_values(pairs, 36, _context(36))]
    assert lines[0].startswith("Flow.OrderNumber  12345")
    assert lines[1].startswith("Flow.OrderStatus  Shipped")
    assert len(lines) > 2 and lines[2].startswith(" " * 18), "the long value wraps under itself"
    assert all(len(line) <= 36 for line in lines)


def test_only_keys_longer_than_half_the_width_are_cut_in_the_middle() -> None:
    value = "a value long enough to need the room " * 2
    pairs = [("Flow.CustomerPreferredContactNumber", value), ("Flow.CustomerPreferredContactEmail", value)]
    lines = [line.plain for line in key_values(pairs, 40, _context(40))]
    keys = [line.split()[0] for line in lines if line.startswith("Flow")]
    assert len(set(keys)) == 2, keys
    assert all(len(key) == 20 and "…" in key for key in keys), keys
    assert keys[0].endswith("Number") and keys[1].endswith("Email")


def test_middle_ellipsis_keeps_both_ends() -> None:
    assert middle_ellipsis("Flow.OrderNumber", 9) == "Flow…mber"
    assert middle_ellipsis("Flow.OrderStatus", 9) == "Flow…atus"
    assert middle_ellipsis("short", 9) == "short"
    assert middle_ellipsis("東京大阪名古屋", 7) == "東…屋", "wide characters count two cells"
