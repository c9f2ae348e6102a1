"""Cheap height estimates of transcript entries, for the moments when laying everything out is too slow.

After a resize (or when a long session is opened) every entry needs a height before the scrollbar and the
line index make sense, but only the visible ones need an exact layout. An entry's *shape* (lines that never
wrap, plus the lengths of the paragraphs that do) is taken once from its event; estimating its height at a
width is then a handful of integer divisions.
"""

from __future__ import annotations

from typing import assert_never

from textbots_tui.core.events import BotOutput, ErrorOccurred, Event, Notice, SessionEnded, UserInputSent
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
from textbots_tui.ui.widgets.transcript.style import echo_text

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
    match item:
        case TextItem():
            paragraphs += _paragraphs(item.text or " ")
            return 0
        case ChoicesItem():
            paragraphs.append(sum(len(choice.label) + 7 for choice in item.choices))
            return 1 if item.title else 0
        case CardItem():
            return _card(item, paragraphs)
        case CarouselItem():
            return sum(_card(card, paragraphs) for card in item.cards) or 1
        case AttachmentItem():
            paragraphs += _paragraphs(item.text)
            return 1 + bool(item.url)
        case DatePickerItem():
            paragraphs.append(sum(30 for _ in item.available_times))
            return (
                2 + bool(item.subtitle) + bool(item.date_minimum or item.date_maximum) + bool(item.location)
            )
        case ListPickerItem():
            return bool(item.title) + sum(1 + len(section.entries) for section in item.sections)
        case LocationItem():
            return 1 + bool(item.address) + (item.latitude is not None) + bool(item.url)
        case UnknownItem():
            paragraphs.append(len(item.content_type) + 3 + 12 * len(item.raw))
            return 0
        case _:
            assert_never(item)


PLAIN_INPUT_TYPES = frozenset({"UserInput", "RichMediaInput", "Execute"})
"""Input types that are just "the user said this"; any other one is an event sent on the user's side (NoInput,
ClientSessionExpired...), drawn as a system line rather than a bubble."""


def is_said(event: UserInputSent) -> bool:
    """Whether the user said this (a bubble), rather than an event sent on their side (a system line)."""
    return event.input_type in PLAIN_INPUT_TYPES


def shape_of(event: Event) -> Shape:
    """The shape of the entry an event becomes (header and separator lines included)."""
    paragraphs: list[int] = []
    if isinstance(event, UserInputSent):
        if not is_said(event):
            return 1, (len(event.input_type) + len(echo_text(event.text)) + 12,)
        return 2, tuple(_paragraphs(echo_text(event.text)))
    if isinstance(event, BotOutput):
        fixed = 2 + max(0, len(event.items) - 1) + bool(event.bot_state or event.intent or event.slots)
        fixed += sum(_item(item, paragraphs) for item in event.items)
        return (fixed if event.items or fixed > 2 else 3), tuple(paragraphs)
    if isinstance(event, SessionEnded):
        # Facts and variables wrap beside their keys: count each as a paragraph of key and value.
        where = event.flow_location
        location = f"{where.action_name} {where.sequence_name} (action 00)" if where else None
        facts = [event.extended_info, event.active_intent, location]
        paragraphs += [len(fact) + 16 for fact in facts if fact]
        paragraphs += [len(name) + len(str(value)) + 4 for name, value in event.output_variables.items()]
        for outcome in event.outcomes:
            paragraphs.append(len(outcome.outcome_id or "") + len(outcome.value or "") + 40)
            paragraphs += [len(m.milestone_id) + 40 for m in outcome.milestones]
        return 2 + bool(event.output_variables) + bool(event.outcomes), tuple(paragraphs)
    if isinstance(event, ErrorOccurred):
        error = event.error
        texts: list[str | None] = [error.title + (error.code or "") + "HTTP 000", error.message, error.hint]
        texts += [
            f"correlation id  {error.correlation_id}" if error.correlation_id else None,
            event.unsent_input,
        ]
        return 1, tuple(length for text in texts for length in _paragraphs(text))
    if isinstance(event, Notice):
        return 1, tuple(_paragraphs(event.message))
    return 2, ()
