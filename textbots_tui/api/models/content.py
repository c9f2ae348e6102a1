"""The rich content leaves a chat client renders (§4.2): text, quick replies, cards, pickers, locations.

These models travel both ways (turn prompts, rich-media turn input, ``execute`` messages). Fields the
reference marks required are still optional here (``None`` when absent): a server that leaves one out must
not cost the whole turn, and the client shows what is present. Enum fields also accept any string.
"""

from __future__ import annotations

from typing import Annotated

from textbots_tui.api.enums import (
    ButtonResponseType,
    CardActionType,
    DateDisplayFormat,
    MediaType,
    QuickReplyAction,
)
from textbots_tui.api.models._base import OPEN_ENUM, WireModel


class ConversationContentText(WireModel):
    """A plain text message."""

    type: str | None = None
    """Deprecated; ``Text`` when present."""
    body: str | None = None
    """The text to show (required by the reference)."""


class ConversationContentQuickReply(WireModel):
    """One quick-reply chip: a label and the payload a click returns."""

    text: str | None = None
    """Label shown; also the reply text when clicked (required by the reference)."""
    payload: str | None = None
    """Value returned on click (required by the reference)."""
    image: str | None = None
    action: Annotated[QuickReplyAction | str | None, OPEN_ENUM] = None
    summary_text: str | None = None


class ConversationContentQuickReplyV2(WireModel):
    """A titled group of quick replies."""

    title: str | None = None
    actions: list[ConversationContentQuickReply] | None = None


class ConversationContentButtonResponse(WireModel):
    """The user's click on a button, quick reply or picker, sent back to the bot."""

    originating_message_id: str | None = None
    type: Annotated[ButtonResponseType | str | None, OPEN_ENUM] = None
    text: str | None = None
    """Text of the clicked button (required by the reference)."""
    payload: str | None = None
    """Payload of the clicked button (required by the reference)."""


class ConversationContentCardAction(WireModel):
    """A button on a card: a link to open or a postback to send."""

    type: Annotated[CardActionType | str | None, OPEN_ENUM] = None
    text: str | None = None
    payload: str | None = None
    url: str | None = None


class ConversationContentCard(WireModel):
    """A card with a title, optional media and buttons."""

    title: str | None = None
    description: str | None = None
    image: str | None = None
    video: str | None = None
    default_action: ConversationContentCardAction | None = None
    actions: list[ConversationContentCardAction] | None = None


class ConversationContentCarousel(WireModel):
    """Cards shown side by side."""

    cards: list[ConversationContentCard] | None = None


class ConversationContentAttachment(WireModel):
    """An image, video, audio clip, file or link."""

    id: str | None = None
    media_type: Annotated[MediaType | str | None, OPEN_ENUM] = None
    url: str | None = None
    mime: str | None = None
    text: str | None = None
    sha256: str | None = None
    filename: str | None = None
    content_size_bytes: int | None = None


class ConversationContentReceivedReplyMessage(WireModel):
    """The bubble shown before (received) or after (reply) a picker or form."""

    header: str | None = None
    title: str | None = None
    subtitle: str | None = None
    button_label: str | None = None
    image_url: str | None = None


class ConversationContentListPickerItem(WireModel):
    """One selectable item of a list picker section."""

    id: str | None = None
    title: str | None = None
    subtitle: str | None = None
    image_url: str | None = None


class ConversationContentListPickerSection(WireModel):
    """A titled section of a list picker."""

    title: str | None = None
    multiple_selection: bool | None = None
    items: list[ConversationContentListPickerItem] | None = None


class ConversationContentListPicker(WireModel):
    """A list of sections to pick from."""

    id: str | None = None
    sections: list[ConversationContentListPickerSection] | None = None
    reply_message: ConversationContentReceivedReplyMessage | None = None
    received_message: ConversationContentReceivedReplyMessage | None = None


class ConversationContentLocation(WireModel):
    """A place: address, coordinates, link."""

    url: str | None = None
    address: str | None = None
    text: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class ConversationContentDatePickerAvailableTime(WireModel):
    """An offered time slot. ``date_time`` is kept as the ISO-8601 string the server sent."""

    duration: int | None = None
    """Length in seconds."""
    date_time: str | None = None


class ConversationContentDatePicker(WireModel):
    """A date (and time slot) picker. Dates stay ISO-8601 strings so they re-serialise unchanged."""

    id: str | None = None
    title: str | None = None
    subtitle: str | None = None
    image_url: str | None = None
    date_minimum: str | None = None
    date_maximum: str | None = None
    location: ConversationContentLocation | None = None
    available_times: list[ConversationContentDatePickerAvailableTime] | None = None
    date_display_format: Annotated[DateDisplayFormat | str | None, OPEN_ENUM] = None
