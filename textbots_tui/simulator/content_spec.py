"""Rich content leaves as written in flow and bot files (quick replies, cards, pickers), and their wire form.

Each model uses the wire field names of its ``ConversationMessageContent`` leaf and builds that leaf's dict
with ``wire()``. The mapping that names a kind of content in a prompt (``quickReplies: [...]``,
``card: {...}``) is in ``rich_items``. Also here: the model base of the file formats and relative date-times
(``+1wd 09:30``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
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


class TextSpec(Spec):
    """A ``Text`` content (``ConversationContentText``): text as rich media rather than a Text segment."""

    body: str = Field(min_length=1)


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
