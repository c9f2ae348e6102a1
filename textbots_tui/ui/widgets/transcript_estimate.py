"""Cheap height estimates of transcript entries, for the moments when laying everything out is too slow.

After a resize (or when a long session is opened) every entry needs a height before the scrollbar and the
line index make sense, but only the visible ones need an exact layout. An entry's *shape* (lines that never
wrap, plus the lengths of the paragraphs that do) is taken once from its event; estimating its height at a
width is then a handful of integer divisions.
"""

from __future__ import annotations

from textbots_tui.core.events import BotOutput, ErrorOccurred, Event, SessionEnded, UserInputSent
from textbots_tui.core.items import (
    AttachmentItem,
    BotItem,
    CardItem,
    CarouselItem,
    ChoicesItem,
    DatePickerItem,
    ListPickerItem,
    LocationItem,
    TextItem,
    UnknownItem,
)

Shape = tuple[int, tuple[int, ...]]
"""Lines that never wrap, and the character lengths of the paragraphs that do."""


def _paragraphs(text: str | None) -> list[int]:
    return [len(part) for part in text.split("\n")] if text else []


def _card(card: CardItem, paragraphs: list[int]) -> int:
    paragraphs += _paragraphs(card.title or " ")
    paragraphs += _paragraphs(card.description)
    return 2 + bool(card.image) + bool(card.video) + 2 * len(card.actions) + (card.default_action is not None)


def _item(item: BotItem, paragraphs: list[int]) -> int:
    """Add the item's wrapping paragraphs to ``paragraphs``; return its fixed line count."""
    if isinstance(item, TextItem):
        paragraphs += _paragraphs(item.text or " ")
        return 0
    if isinstance(item, ChoicesItem):
        paragraphs.append(sum(len(choice.label) + 7 for choice in item.choices))
        return 1 if item.title else 0
    if isinstance(item, CardItem):
        return _card(item, paragraphs)
    if isinstance(item, CarouselItem):
        return sum(_card(card, paragraphs) for card in item.cards) or 1
    if isinstance(item, AttachmentItem):
        paragraphs += _paragraphs(item.text)
        return 1 + bool(item.url)
    if isinstance(item, DatePickerItem):
        paragraphs.append(sum(30 for _ in item.available_times))
        return 2 + bool(item.subtitle) + bool(item.date_minimum or item.date_maximum) + bool(item.location)
    if isinstance(item, ListPickerItem):
        return bool(item.title) + sum(1 + len(section.entries) for section in item.sections)
    if isinstance(item, LocationItem):
        return 1 + bool(item.address) + (item.latitude is not None) + bool(item.url)
    if isinstance(item, UnknownItem):
        paragraphs.append(len(item.content_type) + 3 + 12 * len(item.raw))
        return 0
    return 1


def shape_of(event: Event) -> Shape:
    """The shape of the entry an event becomes (header and separator lines included)."""
    paragraphs: list[int] = []
    if isinstance(event, UserInputSent):
        return 2, tuple(_paragraphs(event.text or " "))
    if isinstance(event, BotOutput):
        fixed = 2 + max(0, len(event.items) - 1) + bool(event.bot_state or event.intent or event.slots)
        fixed += sum(_item(item, paragraphs) for item in event.items)
        return (fixed if event.items or fixed > 2 else 3), tuple(paragraphs)
    if isinstance(event, SessionEnded):
        fixed = 2 + bool(event.extended_info) + (event.flow_location is not None) + bool(event.active_intent)
        fixed += (1 + len(event.output_variables)) if event.output_variables else 0
        fixed += (1 + sum(1 + len(o.milestones) for o in event.outcomes)) if event.outcomes else 0
        return fixed, ()
    if isinstance(event, ErrorOccurred):
        error = event.error
        fixed = 2 + bool(error.correlation_id) + bool(event.unsent_input) + bool(error.hint)
        return fixed, tuple(_paragraphs(error.message))
    return 2, ()
