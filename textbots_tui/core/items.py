"""What a bot said, parsed into renderable items.

The UI and the script runner never look at wire models: the controller turns every prompt segment and every
``PostTextMessage`` into these plain, frozen values. Anything the parser does not know becomes an
:class:`UnknownItem` that keeps the raw JSON, so nothing the server sends is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ChoiceKind = Literal["quick_reply", "postback", "list_item", "date_time"]
"""How a choice was offered, which decides how choosing it is sent back."""


@dataclass(frozen=True, slots=True)
class Choice:
    """Something the user can pick: a quick reply, a card postback, a list-picker entry or a time slot."""

    label: str
    payload: str
    kind: ChoiceKind = "quick_reply"
    group: str | None = None
    """The title of the quick reply v2 group or the card the choice belongs to."""
    image: str | None = None
    origin_id: str | None = None
    """The id of the list or date picker that offered it, sent back as the ``originatingMessageId``."""


@dataclass(frozen=True, slots=True)
class TextItem:
    """Plain bot text. It is data, never markup."""

    text: str


@dataclass(frozen=True, slots=True)
class ChoicesItem:
    """A row of quick replies, optionally titled (a quick reply v2 group)."""

    choices: tuple[Choice, ...]
    title: str | None = None


@dataclass(frozen=True, slots=True)
class CardAction:
    """A card button: a postback that is sent back, or a link that is only shown."""

    label: str
    kind: Literal["postback", "link", "unknown"]
    payload: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CardItem:
    """A card: title, description, media and buttons."""

    title: str
    description: str | None = None
    image: str | None = None
    video: str | None = None
    actions: tuple[CardAction, ...] = ()
    default_action: CardAction | None = None


@dataclass(frozen=True, slots=True)
class CarouselItem:
    """Several cards side by side."""

    cards: tuple[CardItem, ...]


@dataclass(frozen=True, slots=True)
class AttachmentItem:
    """An image, video, audio clip, file or link the bot sent."""

    media_type: str
    url: str | None = None
    filename: str | None = None
    mime: str | None = None
    text: str | None = None
    size_bytes: int | None = None


@dataclass(frozen=True, slots=True)
class TimeSlot:
    """One time offered by a date picker (ISO-8601 start and a duration in seconds)."""

    date_time: str
    duration_s: int | None = None


@dataclass(frozen=True, slots=True)
class DatePickerItem:
    """A date picker: answerable by typing a date, or by picking one of the offered time slots."""

    title: str | None = None
    subtitle: str | None = None
    date_minimum: str | None = None
    date_maximum: str | None = None
    available_times: tuple[TimeSlot, ...] = ()
    location: str | None = None
    picker_id: str | None = None


@dataclass(frozen=True, slots=True)
class ListPickerEntry:
    """One entry of a list picker section."""

    entry_id: str
    title: str
    subtitle: str | None = None
    image_url: str | None = None


@dataclass(frozen=True, slots=True)
class ListPickerSection:
    """A titled section of a list picker."""

    title: str | None
    entries: tuple[ListPickerEntry, ...]
    multiple_selection: bool = False


@dataclass(frozen=True, slots=True)
class ListPickerItem:
    """A list picker: sections of entries, answerable by typing an entry's title."""

    sections: tuple[ListPickerSection, ...]
    title: str | None = None
    picker_id: str | None = None


@dataclass(frozen=True, slots=True)
class LocationItem:
    """A place the bot pointed at."""

    text: str | None = None
    address: str | None = None
    url: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class UnknownItem:
    """Content the client cannot render (an unknown content or segment type): shown as compact raw JSON."""

    content_type: str
    raw: dict[str, Any] = field(default_factory=dict)


def is_typing_indicator(item: UnknownItem) -> bool:
    """A ``MessageEvent`` that only says the bot is typing: nothing to read, so not worth raw JSON."""
    events = item.raw.get("events")
    if not isinstance(events, list) or not events:
        return False
    return all(isinstance(event, dict) and event.get("eventType") == "Typing" for event in events)


BotItem = (
    TextItem
    | ChoicesItem
    | CardItem
    | CarouselItem
    | AttachmentItem
    | DatePickerItem
    | ListPickerItem
    | LocationItem
    | UnknownItem
)
"""Every renderable piece of bot output."""
