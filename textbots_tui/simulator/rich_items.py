"""Rich items of prompts and replies: the YAML mapping that names one kind of content, and its wire form.

``rich_contents`` turns an item into ``ConversationMessageContent`` dicts once, at load time; ``rich_choices``
lists what a user can pick from it (quick replies, card postbacks, list items, time slots).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from .content_spec import (
    AttachmentSpec,
    CardSpec,
    CarouselSpec,
    ChoiceSpec,
    DatePickerSpec,
    ListPickerSpec,
    LocationSpec,
    QuickReplyGroupSpec,
    QuickReplySpec,
    Spec,
    TextSpec,
)


class QuickRepliesItem(Spec):
    """``quickReplies: [...]``: a row of chips (one ``QuickReply`` content each, in one segment)."""

    quick_replies: list[QuickReplySpec] = Field(min_length=1)


class QuickReplyV2Item(Spec):
    """``quickReplyV2: {title, actions}``: a titled group of chips."""

    quick_reply_v2: QuickReplyGroupSpec


class CardItem(Spec):
    """``card: {...}``: one card."""

    card: CardSpec


class CarouselItem(Spec):
    """``carousel: {cards: [...]}``: several cards."""

    carousel: CarouselSpec


class AttachmentItem(Spec):
    """``attachment: {...}``: a file, image, video, audio clip or link."""

    attachment: AttachmentSpec


class TextItem(Spec):
    """``text: {body}``: a ``Text`` content."""

    text: TextSpec


class LocationItem(Spec):
    """``location: {...}``: a place."""

    location: LocationSpec


class DatePickerItem(Spec):
    """``datePicker: {...}``: a date picker."""

    date_picker: DatePickerSpec


class ListPickerItem(Spec):
    """``listPicker: {...}``: a list picker."""

    list_picker: ListPickerSpec


RICH_KEYS = {
    "quickReplies": "<quickReplies>",
    "quickReplyV2": "<quickReplyV2>",
    "card": "<card>",
    "carousel": "<carousel>",
    "attachment": "<attachment>",
    "location": "<location>",
    "text": "<textContent>",
    "datePicker": "<datePicker>",
    "listPicker": "<listPicker>",
}
"""The keys that name a rich item, and the tags pydantic puts in error locations for them."""


def _rich_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "<text>"
    if isinstance(value, dict):
        keys = [RICH_KEYS[k] for k in value if k in RICH_KEYS]
        return keys[0] if len(keys) == 1 else None
    return None


RichItem = (
    QuickRepliesItem
    | QuickReplyV2Item
    | CardItem
    | CarouselItem
    | AttachmentItem
    | LocationItem
    | DatePickerItem
    | ListPickerItem
    | TextItem
)
"""Any rich item."""

PromptItem = Annotated[
    Annotated[str, Tag("<text>")]
    | Annotated[QuickRepliesItem, Tag("<quickReplies>")]
    | Annotated[QuickReplyV2Item, Tag("<quickReplyV2>")]
    | Annotated[CardItem, Tag("<card>")]
    | Annotated[CarouselItem, Tag("<carousel>")]
    | Annotated[AttachmentItem, Tag("<attachment>")]
    | Annotated[LocationItem, Tag("<location>")]
    | Annotated[TextItem, Tag("<textContent>")]
    | Annotated[DatePickerItem, Tag("<datePicker>")]
    | Annotated[ListPickerItem, Tag("<listPicker>")],
    Discriminator(
        _rich_tag,
        custom_error_type="prompt_item",
        custom_error_message="a prompt item is a text or a mapping with exactly one of: "
        + ", ".join(RICH_KEYS),
    ),
]
"""One item of a prompt: a text (a Text segment) or a rich item (a RichMedia segment)."""


def rich_contents(item: RichItem, today: date) -> list[dict[str, Any]]:
    """The ``ConversationMessageContent`` dicts of one rich item (several for a row of quick replies)."""
    match item:
        case QuickRepliesItem():
            return [{"contentType": "QuickReply", "quickReply": q.wire()} for q in item.quick_replies]
        case QuickReplyV2Item():
            group = item.quick_reply_v2
            return [
                {
                    "contentType": "QuickReplyV2",
                    "quickReplyV2": {"title": group.title, "actions": [a.wire() for a in group.actions]},
                }
            ]
        case CardItem():
            return [{"contentType": "Card", "card": item.card.wire()}]
        case CarouselItem():
            return [
                {"contentType": "Carousel", "carousel": {"cards": [c.wire() for c in item.carousel.cards]}}
            ]
        case AttachmentItem():
            return [{"contentType": "Attachment", "attachment": item.attachment.wire()}]
        case LocationItem():
            return [{"contentType": "Location", "location": item.location.wire()}]
        case TextItem():
            return [{"contentType": "Text", "text": {"body": item.text.body}}]
        case DatePickerItem():
            return [{"contentType": "DatePicker", "datePicker": item.date_picker.wire(today)}]
        case ListPickerItem():
            return [{"contentType": "ListPicker", "listPicker": item.list_picker.wire()}]
    raise AssertionError(item)  # pragma: no cover


def rich_choices(item: RichItem, today: date) -> list[ChoiceSpec]:
    """What the user can pick from one rich item."""
    match item:
        case QuickRepliesItem():
            return [q.choice() for q in item.quick_replies]
        case QuickReplyV2Item():
            return [q.choice() for q in item.quick_reply_v2.actions]
        case CardItem():
            return item.card.choices()
        case CarouselItem():
            return [c for card in item.carousel.cards for c in card.choices()]
        case DatePickerItem():
            times = item.date_picker.wire(today).get("availableTimes", [])
            return [ChoiceSpec(t["dateTime"], None) for t in times]
        case ListPickerItem():
            return [
                ChoiceSpec(i.id, i.title, i.intent)
                for section in item.list_picker.sections
                for i in section.items
            ]
    return []
