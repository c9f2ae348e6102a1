"""What each bot item offers: the one home of choices (label, payload, kind, group) and of time slot labels.

The controller records these choices as what the session takes now, the chat pane draws these same choices
as chips, and exports and saved scripts use these same labels, so typing a label exactly as it is shown
picks that choice. A time slot reads the same everywhere: ``Tue 08 Dec 2026 09:00 (8 hours)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import assert_never

from textbots_tui.core.items import (
    AttachmentItem,
    BotItem,
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    ListPickerEntry,
    ListPickerItem,
    ListPickerSection,
    LocationItem,
    TextItem,
    TimeSlot,
    UnknownItem,
)


def item_choices(item: BotItem) -> tuple[Choice, ...]:
    """Every choice ``item`` offers, in the order it shows them."""
    match item:
        case ChoicesItem():
            return item.choices
        case CardItem():
            return card_choices(item)
        case CarouselItem():
            return tuple(choice for card in item.cards for choice in card_choices(card))
        case ListPickerItem():
            return tuple(
                entry_choice(item, section, entry) for section in item.sections for entry in section.entries
            )
        case DatePickerItem():
            return tuple(slot_choice(item, slot) for slot in item.available_times)
        case TextItem() | AttachmentItem() | LocationItem() | UnknownItem():
            return ()
        case _:
            assert_never(item)


def choices_in(items: Iterable[BotItem]) -> list[Choice]:
    """Every choice the items offer, in order: quick replies, card postbacks, list entries, time slots."""
    return [choice for item in items for choice in item_choices(item)]


def card_choices(card: CardItem) -> tuple[Choice, ...]:
    """The choices a card's postback buttons offer (its link buttons are shown, never sent)."""
    return tuple(
        Choice(
            label=action.label,
            payload=action.payload if action.payload is not None else action.label,
            kind="postback",
            group=card.title or None,
            image=card.image,
        )
        for action in card.actions
        if action.kind == "postback"
    )


def entry_choice(item: ListPickerItem, section: ListPickerSection, entry: ListPickerEntry) -> Choice:
    """The choice a list picker's entry offers (grouped under its section's title, else the picker's)."""
    return Choice(
        label=entry.title,
        payload=entry.entry_id,
        kind="list_item",
        group=section.title or item.title,
        image=entry.image_url,
        origin_id=item.picker_id,
    )


def slot_choice(item: DatePickerItem, slot: TimeSlot) -> Choice:
    """The choice a date picker's time slot offers: its label is :func:`slot_label`, its payload the time."""
    return Choice(
        label=slot_label(slot),
        payload=slot.date_time,
        kind="date_time",
        group=item.title,
        origin_id=item.picker_id,
    )


def links_in(items: Iterable[BotItem]) -> list[CardAction]:
    """Every card link button the items offer (links are shown, never sent)."""
    found: list[CardAction] = []
    for item in items:
        match item:
            case CardItem():
                cards: tuple[CardItem, ...] = (item,)
            case CarouselItem():
                cards = item.cards
            case (
                TextItem()
                | ChoicesItem()
                | AttachmentItem()
                | DatePickerItem()
                | ListPickerItem()
                | LocationItem()
                | UnknownItem()
            ):
                cards = ()
            case _:
                assert_never(item)
        for card in cards:
            found.extend(action for action in card.actions if action.kind == "link")
    return found


def slot_label(slot: TimeSlot) -> str:
    """A time slot as people read it: weekday, date, time and length, ``Tue 08 Dec 2026 09:00 (8 hours)``.

    The time is the one the bot sent, in the bot's own zone; a time that cannot be read is shown as sent.
    """
    try:
        when = f"{datetime.fromisoformat(slot.date_time):%a %d %b %Y %H:%M}"
    except ValueError:
        when = slot.date_time
    return f"{when} ({duration_text(slot.duration_s)})" if slot.duration_s else when


def duration_text(seconds: int) -> str:
    """A length spelled out: ``8 hours``, ``1 hour 30 minutes``, ``2 days``, ``20 seconds``."""
    if seconds < 60:
        return _count(seconds, "second")
    days, rest = divmod(seconds // 60, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [_count(n, unit) for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")) if n]
    return " ".join(parts)


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"
