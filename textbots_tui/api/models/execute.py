"""``POST /api/v2/textbots/bots/execute`` (§5): text to a bot integration, and the bot's reply."""

from __future__ import annotations

from typing import Annotated, Any

from textbots_tui.api.enums import BotChannel, BotState, PostTextMessageType, UserAgentName
from textbots_tui.api.models._base import OPEN_ENUM, ResponseModel, WireModel
from textbots_tui.api.models.message import ConversationMessageContent


class PostTextMessage(WireModel):
    """A message to or from the bot: text, optionally with rich content."""

    type: Annotated[PostTextMessageType | str, OPEN_ENUM] = PostTextMessageType.TEXT
    text: str | None = None
    """The text; for ``Structured`` messages, the fallback for clients that cannot render ``content``."""
    content: list[ConversationMessageContent] | None = None


class AmazonLexRequest(WireModel):
    """Amazon Lex attributes for ``execute``."""

    request_attributes: dict[str, str] | None = None
    session_attributes: dict[str, str] | None = None


class GoogleDialogflowCustomSettings(WireModel):
    """Dialogflow settings for ``execute``."""

    environment: str | None = None
    event_name: str | None = None
    webhook_query_parameters: dict[str, str] | None = None
    event_input_parameters: dict[str, str] | None = None


class GenesysBotConnector(WireModel):
    """Bot Connector settings for ``execute``."""

    query_parameters: dict[str, str] | None = None


class NuanceMixDlgSettings(WireModel):
    """Nuance Mix dialog settings for ``execute``."""

    channel_id: str | None = None
    input_parameters: dict[str, Any] | None = None


class PostTextRequest(WireModel):
    """Body of ``POST /api/v2/textbots/bots/execute``. Reuse ``bot_session_id`` to continue a conversation."""

    bot_id: str
    bot_alias: str | None = None
    integration_id: str
    bot_session_id: str
    post_text_message: PostTextMessage
    language_code: str | None = None
    bot_session_timeout_minutes: int | None = None
    bot_channels: list[Annotated[BotChannel | str, OPEN_ENUM]] | None = None
    bot_correlation_id: str | None = None
    messaging_platform_type: Annotated[UserAgentName | str | None, OPEN_ENUM] = None
    amazon_lex_request: AmazonLexRequest | None = None
    google_dialogflow: GoogleDialogflowCustomSettings | None = None
    genesys_bot_connector: GenesysBotConnector | None = None
    nuance_mix_dlg: NuanceMixDlgSettings | None = None


class PostTextResponse(ResponseModel):
    """The bot's reply. ``MoreData``: it wants more input; ``Complete`` / ``Failed``: the dialog ended."""

    bot_state: Annotated[BotState | str, OPEN_ENUM]
    reply_messages: list[PostTextMessage] | None = None
    intent_name: str | None = None
    slots: dict[str, Any] | None = None
    bot_correlation_id: str | None = None
    amazon_lex: dict[str, Any] | None = None
    google_dialog_flow: dict[str, Any] | None = None
    """Note the capital F, unlike ``googleDialogflow`` in the request."""
    genesys_dialog_engine: dict[str, Any] | None = None
    genesys_bot_connector: dict[str, Any] | None = None
    nuance_mix_dlg: dict[str, Any] | None = None
