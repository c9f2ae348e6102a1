"""Rich content as written in flow and bot files, and its wire form.

In YAML a rich item is a mapping with one key naming the content (``quickReplies``, ``quickReplyV2``,
``card``, ``carousel``, ``attachment``, ``location``, ``datePicker``, ``listPicker``) whose value uses the
wire field names of ``ConversationMessageContent`` leaves. ``rich_contents`` turns an item into
``ConversationMessageContent`` dicts once, at load time; ``rich_choices`` lists what a user can pick from it
(quick replies, card postbacks, list items, time slots).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator
from pydantic.alias_generators import to_camel


class Spec(BaseModel):
    """Base of every file-format model: camelCase keys, unknown keys are errors, values frozen."""

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=to_camel,
        populate_by_name=True,
        frozen=True,
        # YAML reads 12345 as a number; where a text is expected, take it as written.
        coerce_numbers_to_str=True,
    )


_RELATIVE = re.compile(r"^(today|\+(\d+)(d|wd))(?:\s+(\d{1,2}):(\d{2}))?$")


def check_date_time(value: str) -> str:
    """Accept an ISO date-time or a relative one (``+1d 09:30``, ``+2wd``, ``today 17:00``)."""
    if _RELATIVE.match(value.strip()):
        return value.strip()
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"'{value}' is neither an ISO date-time nor a relative one such as '+1d 09:30' or '+2wd'"
        ) from None
    return value


def resolve_date_time(value: str, today: date) -> str:
    """The wire date-time (UTC, milliseconds, ``Z``) for an absolute or relative spec."""
    match = _RELATIVE.match(value)
    if match is None:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC)
        return parsed.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    day = today
    if match.group(1) != "today":
        count, unit = int(match.group(2)), match.group(3)
        if unit == "d":
            day = today + timedelta(days=count)
        else:
            # Working days: skip Saturdays and Sundays.
            while count:
                day += timedelta(days=1)
                if day.weekday() < 5:
                    count -= 1
    hour, minute = int(match.group(4) or 0), int(match.group(5) or 0)
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00.000Z"


@dataclass(frozen=True, slots=True)
class ChoiceSpec:
    """Something a user can pick: matched by payload, or by label when the label is unambiguous."""

    payload: str
    label: str | None
    intent: str | None = None


class QuickReplySpec(Spec):
    """A quick reply chip. ``payload`` defaults to the label; ``intent``: the intent picking it expresses."""

    text: str = Field(min_length=1)
    payload: str | None = None
    image: str | None = None
    summary_text: str | None = None
    intent: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_label(cls, data: Any) -> Any:
        # A bare string is a chip whose label is also its payload.
        return {"text": data} if isinstance(data, str) else data

    def wire(self) -> dict[str, Any]:
        """The ``ConversationContentQuickReply`` dict."""
        out: dict[str, Any] = {"text": self.text, "payload": self.payload or self.text, "action": "Message"}
        if self.image:
            out["image"] = self.image
        if self.summary_text:
            out["summaryText"] = self.summary_text
        return out

    def choice(self) -> ChoiceSpec:
        """How this chip can be picked."""
        return ChoiceSpec(self.payload or self.text, self.text, self.intent)


class QuickReplyGroupSpec(Spec):
    """A titled group of quick replies (``QuickReplyV2``)."""

    title: str = Field(min_length=1)
    actions: list[QuickReplySpec] = Field(min_length=1)


class CardActionSpec(Spec):
    """A card button: ``Postback`` (``payload`` defaults to the label) or ``Link`` (needs ``url``)."""

    type: Literal["Postback", "Link"] = "Postback"
    text: str = Field(min_length=1)
    payload: str | None = None
    url: str | None = None
    intent: str | None = None

    @model_validator(mode="after")
    def _link_has_url(self) -> CardActionSpec:
        if self.type == "Link" and not self.url:
            raise ValueError("a Link button needs a url")
        return self

    def wire(self) -> dict[str, Any]:
        """The ``ConversationContentCardAction`` dict."""
        if self.type == "Link":
            return {"type": "Link", "text": self.text, "url": self.url}
        return {"type": "Postback", "text": self.text, "payload": self.payload or self.text}


class CardSpec(Spec):
    """A card with a title, optional description and media, and buttons."""

    title: str = Field(min_length=1)
    description: str | None = None
    image: str | None = None
    video: str | None = None
    default_action: CardActionSpec | None = None
    actions: list[CardActionSpec] = Field(default_factory=list)

    def wire(self) -> dict[str, Any]:
        """The ``ConversationContentCard`` dict."""
        out: dict[str, Any] = {"title": self.title}
        for key, value in (("description", self.description), ("image", self.image), ("video", self.video)):
            if value:
                out[key] = value
        if self.default_action is not None:
            out["defaultAction"] = self.default_action.wire()
        out["actions"] = [action.wire() for action in self.actions]
        return out

    def choices(self) -> list[ChoiceSpec]:
        """The postback buttons (links only open a page)."""
        buttons = [*self.actions, *([self.default_action] if self.default_action else [])]
        return [ChoiceSpec(a.payload or a.text, a.text, a.intent) for a in buttons if a.type == "Postback"]


class CarouselSpec(Spec):
    """Cards side by side."""

    cards: list[CardSpec] = Field(min_length=1)


class LocationSpec(Spec):
    """A place: address, coordinates and a map link, all optional."""

    url: str | None = None
    address: str | None = None
    text: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    def wire(self) -> dict[str, Any]:
        """The ``ConversationContentLocation`` dict."""
        return self.model_dump(by_alias=True, exclude_none=True)


class AttachmentSpec(Spec):
    """A file, image, video, audio clip or link."""

    media_type: Literal["Image", "Video", "Audio", "File", "Link"]
    id: str | None = None
    url: str | None = None
    mime: str | None = None
    text: str | None = None
    sha256: str | None = None
    filename: str | None = None
    content_size_bytes: int | None = Field(default=None, ge=0)

    def wire(self) -> dict[str, Any]:
        """The ``ConversationContentAttachment`` dict."""
        return self.model_dump(by_alias=True, exclude_none=True)


class AvailableTimeSpec(Spec):
    """A date picker time slot: an ISO or relative (``+1wd 09:30``) date-time, a duration in seconds."""

    date_time: str
    duration: int | None = Field(default=None, ge=0)

    @field_validator("date_time")
    @classmethod
    def _check(cls, value: str) -> str:
        return check_date_time(value)


class DatePickerSpec(Spec):
    """A date picker. Date-times may be relative to the day the flow loads (``+1d``, ``+2wd 09:30``)."""

    id: str | None = None
    title: str | None = None
    subtitle: str | None = None
    image_url: str | None = None
    date_minimum: str | None = None
    date_maximum: str | None = None
    location: LocationSpec | None = None
    available_times: list[AvailableTimeSpec] = Field(default_factory=list)
    date_display_format: Literal["dayMonthYear", "monthDayYear", "yearMonthDay"] | None = None

    @field_validator("date_minimum", "date_maximum")
    @classmethod
    def _check_bounds(cls, value: str | None) -> str | None:
        return None if value is None else check_date_time(value)

    def wire(self, today: date) -> dict[str, Any]:
        """The ``ConversationContentDatePicker`` dict, relative dates resolved against ``today``."""
        out: dict[str, Any] = {}
        for key, value in (
            ("id", self.id),
            ("title", self.title),
            ("subtitle", self.subtitle),
            ("imageUrl", self.image_url),
        ):
            if value:
                out[key] = value
        if self.date_minimum:
            out["dateMinimum"] = resolve_date_time(self.date_minimum, today)
        if self.date_maximum:
            out["dateMaximum"] = resolve_date_time(self.date_maximum, today)
        if self.location is not None:
            out["location"] = self.location.wire()
        if self.available_times:
            out["availableTimes"] = [
                {
                    "dateTime": resolve_date_time(t.date_time, today),
                    **({"duration": t.duration} if t.duration is not None else {}),
                }
                for t in self.available_times
            ]
        if self.date_display_format:
            out["dateDisplayFormat"] = self.date_display_format
        return out


class ListPickerItemSpec(Spec):
    """One entry of a list picker; picking it sends its ``id``."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    subtitle: str | None = None
    image_url: str | None = None
    intent: str | None = None


class ListPickerSectionSpec(Spec):
    """A titled section of a list picker."""

    title: str | None = None
    multiple_selection: bool = False
    items: list[ListPickerItemSpec] = Field(min_length=1)


class ReplyMessageSpec(Spec):
    """The bubble a list picker shows (``receivedMessage``) or after a pick (``replyMessage``)."""

    header: str | None = None
    title: str | None = None
    subtitle: str | None = None
    button_label: str | None = None
    image_url: str | None = None


class ListPickerSpec(Spec):
    """A list picker: sections of entries."""

    id: str | None = None
    sections: list[ListPickerSectionSpec] = Field(min_length=1)
    received_message: ReplyMessageSpec | None = None
    reply_message: ReplyMessageSpec | None = None

    def wire(self) -> dict[str, Any]:
        """The ``ConversationContentListPicker`` dict."""
        return self.model_dump(
            by_alias=True,
            exclude_none=True,
            exclude={"sections": {"__all__": {"items": {"__all__": {"intent"}}}}},
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
