"""``ConversationMessageContent``: one rich content item, tagged by ``contentType``."""

from __future__ import annotations

from typing import Annotated

from textbots_tui.api.enums import ContentType
from textbots_tui.api.models._base import OPEN_ENUM, WireModel
from textbots_tui.api.models.content import (
    ConversationContentAttachment,
    ConversationContentButtonResponse,
    ConversationContentCard,
    ConversationContentCarousel,
    ConversationContentDatePicker,
    ConversationContentListPicker,
    ConversationContentLocation,
    ConversationContentQuickReply,
    ConversationContentQuickReplyV2,
    ConversationContentText,
)
from textbots_tui.api.models.content_extra import (
    ConversationContentForm,
    ConversationContentInteractiveApplication,
    ConversationContentNotificationResponse,
    ConversationContentNotificationTemplate,
    ConversationContentPaymentRequest,
    ConversationContentPaymentResponse,
    ConversationContentPush,
    ConversationContentReaction,
    ConversationContentStory,
)


class ConversationMessageContent(WireModel):
    """One rich content item. By convention the property matching ``content_type`` is set.

    An unknown ``contentType`` stays a plain string, and its payload (under whatever key the server used)
    is kept in ``model_extra``.
    """

    content_type: Annotated[ContentType | str, OPEN_ENUM]
    location: ConversationContentLocation | None = None
    attachment: ConversationContentAttachment | None = None
    quick_reply: ConversationContentQuickReply | None = None
    button_response: ConversationContentButtonResponse | None = None
    template: ConversationContentNotificationTemplate | None = None
    story: ConversationContentStory | None = None
    card: ConversationContentCard | None = None
    carousel: ConversationContentCarousel | None = None
    text: ConversationContentText | None = None
    quick_reply_v2: ConversationContentQuickReplyV2 | None = None
    reactions: list[ConversationContentReaction] | None = None
    date_picker: ConversationContentDatePicker | None = None
    interactive_application: ConversationContentInteractiveApplication | None = None
    list_picker: ConversationContentListPicker | None = None
    payment_request: ConversationContentPaymentRequest | None = None
    payment_response: ConversationContentPaymentResponse | None = None
    push: ConversationContentPush | None = None
    form: ConversationContentForm | None = None
    notification_response: ConversationContentNotificationResponse | None = None
