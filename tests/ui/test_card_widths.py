"""Cards and carousels use the room the chat pane gives them (up to a width that still reads well): titles and
descriptions wrap on words, URLs stay on one line cut with an ellipsis and stay clickable."""

from __future__ import annotations

from typing import Any

import pytest

from textbots_tui.core.items import CardAction, CardItem, CarouselItem
from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.transcript.items import CARD_GAP, CARD_MAX_WIDTH
from textbots_tui.ui.widgets.transcript.style import body_width

from .test_chat_pane import ChatApp, bot, find, screen_lines

LONG_URL = (
    "https://opticians.example.com/services/eye-tests/comprehensive-eye-examination-with-retinal-photography"
    "?utm_source=chat&utm_medium=bot&utm_campaign=winter"
)
EYE_TEST = CardItem(
    "Comprehensive eye examination with retinal photography and a full prescription check",
    "A thorough check of your eye health and your vision, including pressure tests and a photograph of the "
    "back of your eye, with an optometrist who explains every result.",
    image="https://opticians.example.com/img/eye-test-banner-wide-high-resolution.jpg",
    actions=(
        CardAction("Book an eye test", "postback", payload="book_eye_test"),
        CardAction("Read more about it", "link", url=LONG_URL),
    ),
)
LENSES = CardItem(
    "Contact lens fitting",
    "Find the lenses that suit your eyes and your day, with a free trial pair.",
    actions=(
        CardAction("Book a fitting", "postback", payload="book_lenses"),
        CardAction("Prices", "link", url="https://opticians.example.com/prices/contact-lenses-and-solutions"),
    ),
)
HEARING = CardItem(
    "Hearing check",
    "A quick, free check of your hearing in a quiet room.",
    actions=(CardAction("Book a hearing check", "postback", payload="book_hearing"),),
)
CAROUSEL = CarouselItem((EYE_TEST, LENSES, HEARING))

SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])


@SIZES
def test_card_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(ChatApp([bot(EYE_TEST)]), terminal_size=size)


@SIZES
def test_carousel_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(ChatApp([bot(CAROUSEL)]), terminal_size=size)


def box_widths(pane: ChatPane) -> list[int]:
    """The width of each card frame on the first row of frames (from its ╭ to its ╮)."""
    for line in screen_lines(pane):
        if "╭" in line:
            starts = [n for n, char in enumerate(line) if char == "╭"]
            ends = [n for n, char in enumerate(line) if char == "╮"]
            return [end - start + 1 for start, end in zip(starts, ends, strict=True)]
    raise AssertionError("no card frame on screen")


def room(pane: ChatPane) -> int:
    """The width bot content gets in the pane (what bubbles take)."""
    return body_width(pane.scrollable_content_region.width)


async def test_a_card_takes_the_pane_width_at_80_columns() -> None:
    app = ChatApp([bot(EYE_TEST)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        assert room(pane) < CARD_MAX_WIDTH
        assert box_widths(pane) == [room(pane)]


async def test_a_card_stops_at_a_reading_width_at_200_columns() -> None:
    app = ChatApp([bot(EYE_TEST)])
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        assert room(pane) > CARD_MAX_WIDTH
        assert box_widths(pane) == [CARD_MAX_WIDTH]


@pytest.mark.parametrize(("size", "per_row"), [((80, 24), 2), ((200, 50), 3)])
async def test_carousel_cards_share_the_pane_width(size: tuple[int, int], per_row: int) -> None:
    app = ChatApp([bot(CAROUSEL)])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        widths = box_widths(pane)
        assert len(widths) == per_row
        space = room(pane) - CARD_GAP * (per_row - 1)
        assert widths == [min(CARD_MAX_WIDTH, space // per_row)] * per_row
        assert sum(widths) > space - per_row  # nothing left over but rounding


def card_body(pane: ChatPane) -> list[str]:
    """The text lines inside the first card frame, without the frame."""
    lines = screen_lines(pane)
    top = next(n for n, line in enumerate(lines) if "╭" in line)
    bottom = next(n for n, line in enumerate(lines) if "╰" in line)
    return [line.split("│")[1].strip() for line in lines[top + 1 : bottom]]


def read_paragraph(body: list[str], text: str) -> int:
    """How many body lines, from the first, make up ``text`` when joined with spaces (words never cut)."""
    for count in range(1, len(body) + 1):
        if " ".join(body[:count]) == text:
            return count
    raise AssertionError(f"{text!r} is not word-wrapped at the top of:\n" + "\n".join(body))


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
async def test_titles_wrap_on_words_and_urls_stay_on_one_clickable_line(size: tuple[int, int]) -> None:
    app = ChatApp([bot(EYE_TEST)])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        pane = app.query_one(ChatPane)
        body = card_body(pane)
        title = read_paragraph(body, EYE_TEST.title)
        read_paragraph(body[title:], EYE_TEST.description or "")
        url_lines = [line for line in body if line.startswith("https://opticians.example.com/services")]
        assert len(url_lines) == 1 and url_lines[0].endswith("…")
        x, y = find(pane, "https://opticians.example.com/services")
        await pilot.click(ChatPane, offset=(x + 3, y))
        await pilot.pause()
        assert [m.url for m in app.posted] == [LONG_URL]  # type: ignore[attr-defined]
