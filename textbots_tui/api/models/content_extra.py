"""The less common content leaves (§4.2, "in brief") and the message events of rich-media input (§4.3).

Nothing in a text test tool renders these in detail, so the deeper parts (template headers, payment line
items, form pages) stay loose JSON objects. They are still parsed and re-serialised unchanged.
"""

from __future__ import annotations

from typing import Annotated, Any

from textbots_tui.api.enums import (
    MessageEventType,
    OfferingType,
    PaymentStatus,
    PresenceType,
    StoryType,
)
from textbots_tui.api.models._base import OPEN_ENUM, WireModel
from textbots_tui.api.models.content import (
    ConversationContentButtonResponse,
    ConversationContentReceivedReplyMessage,
)


class ConversationContentNotificationTemplate(WireModel):
    """A messaging-platform template (WhatsApp style); header, body, buttons and footer kept as JSON."""

    id: str | None = None
    language: str | None = None
    header: dict[str, Any] | None = None
    body: dict[str, Any] | None = None
    buttons: list[dict[str, Any]] | None = None
    footer: dict[str, Any] | None = None


class ConversationContentStory(WireModel):
    """A story mention or reply."""

    type: Annotated[StoryType | str | None, OPEN_ENUM] = None
    url: str | None = None
    reply_to_id: str | None = None


class ConversationContentReaction(WireModel):
    """A reaction and how many times it was given."""

    reaction_type: str | None = None
    count: int | None = None


class ConversationContentInteractiveApplication(WireModel):
    """An embedded application to open."""

    name: str | None = None
    url: str | None = None
    received_message: ConversationContentReceivedReplyMessage | None = None
    reply_message: ConversationContentReceivedReplyMessage | None = None


class ConversationContentPaymentRequest(WireModel):
    """An Apple Pay request; the line items and contact fields stay JSON."""

    payment_platform: str | None = None
    country_code: str | None = None
    currency_code: str | None = None
    order_total: float | None = None
    line_items: list[dict[str, Any]] | None = None
    shipping_options: list[dict[str, Any]] | None = None
    required_contact_fields: list[dict[str, Any]] | None = None
    received_message: ConversationContentReceivedReplyMessage | None = None
    reply_message: ConversationContentReceivedReplyMessage | None = None


class ConversationContentPaymentResponse(WireModel):
    """The result of a payment request."""

    originating_message_id: str | None = None
    payment_status: Annotated[PaymentStatus | str | None, OPEN_ENUM] = None
    failure_reason: str | None = None


class ConversationContentPush(WireModel):
    """A push notification registration; the nested parts stay JSON."""

    device_type: str | None = None
    device_token_id: str | None = None
    device_token: str | None = None
    failed_messages: list[dict[str, Any]] | None = None
    notification_message: dict[str, Any] | None = None
    push_provider_integration: dict[str, Any] | None = None
    expiration: int | None = None


class ConversationFormResponseContent(WireModel):
    """One answered form component: a ``ButtonResponse``."""

    content_type: str | None = None
    button_response: ConversationContentButtonResponse | None = None


class ConversationFormResponseComponent(WireModel):
    """A form answer: which component, and the response to it."""

    id: str | None = None
    component: ConversationFormResponseContent | None = None


class ConversationContentForm(WireModel):
    """A form (pages of pickers and inputs); the answers come back in ``response``."""

    canned_response_id: str | None = None
    introduction: dict[str, Any] | None = None
    form_pages: list[dict[str, Any]] | None = None
    received_message: ConversationContentReceivedReplyMessage | None = None
    reply_message: ConversationContentReceivedReplyMessage | None = None
    show_summary: bool | None = None
    response: list[ConversationFormResponseComponent] | None = None
    originating_message_id: str | None = None


class ConversationContentNotificationResponse(WireModel):
    """The user's answer to a notification (accepted or declined)."""

    originating_message_id: str | None = None
    reference_id: str | None = None
    notification_status: str | None = None
    notification_text: str | None = None


class ConversationEventTyping(WireModel):
    """A typing indicator."""

    type: str | None = None
    duration: int | None = None
    """Milliseconds."""


class ConversationEventPresence(WireModel):
    """A presence event (join, disconnect, sign-in...)."""

    type: Annotated[PresenceType | str | None, OPEN_ENUM] = None
    received_message: ConversationContentReceivedReplyMessage | None = None
    reply_message: ConversationContentReceivedReplyMessage | None = None


class ConversationEventCoBrowse(WireModel):
    """A co-browse offering and its state."""

    type: Annotated[OfferingType | str | None, OPEN_ENUM] = None
    session_id: str | None = None
    session_join_token: str | None = None


class ConversationEventVideo(WireModel):
    """A video offering and its state."""

    type: Annotated[OfferingType | str | None, OPEN_ENUM] = None
    offering_id: str | None = None
    jwt: str | None = None


class ConversationMessageEvent(WireModel):
    """A message event (typing, presence, co-browse, video), as sent in ``inputEventRichMedia.messages``."""

    event_type: Annotated[MessageEventType | str, OPEN_ENUM]
    co_browse: ConversationEventCoBrowse | None = None
    typing: ConversationEventTyping | None = None
    presence: ConversationEventPresence | None = None
    video: ConversationEventVideo | None = None
