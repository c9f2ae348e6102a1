"""From session parameters and user input to wire requests. The controller's only place that builds them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textbots_tui.api.models import (
    ButtonResponseType,
    ContentType,
    ConversationContentButtonResponse,
    ConversationMessageContent,
    PostTextMessageType,
    TextBotChannel,
    TextBotFlow,
    TextBotFlowLaunchRequest,
    TextBotFlowTurnRequest,
    TextBotInputOutputData,
    TextBotUserAgent,
)
from textbots_tui.core.items import Choice, ChoiceKind
from textbots_tui.core.params import BotParams, FlowLaunchParams

if TYPE_CHECKING:
    from textbots_tui.api.models.execute import PostTextRequest

BUTTON_TYPES: dict[ChoiceKind, ButtonResponseType] = {
    "quick_reply": ButtonResponseType.QUICK_REPLY,
    "postback": ButtonResponseType.BUTTON,
    "list_item": ButtonResponseType.LIST_PICKER,
    "date_time": ButtonResponseType.DATE_PICKER,
}
"""The ``ButtonResponse.type`` each kind of choice is answered with in rich-media mode."""


def launch_request(params: FlowLaunchParams) -> TextBotFlowLaunchRequest:
    """The launch request for a bot flow session."""
    return TextBotFlowLaunchRequest(
        flow=TextBotFlow(id=params.flow_id),
        external_session_id=params.external_session_id,
        conversation_id=params.conversation_id or None,
        # Public clients always send the variables object, empty or not; the server expects it.
        input_data=TextBotInputOutputData(variables=dict(params.input_variables)),
        channel=TextBotChannel(name=params.channel_name, user_agent=TextBotUserAgent(name=params.user_agent)),
        language=params.language,
    )


def choice_turn(choice: Choice, rich_media: bool, previous_turn_id: str | None) -> TextBotFlowTurnRequest:
    """The turn answering a choice: its payload as text, or a ``ButtonResponse`` in rich-media mode."""
    if not rich_media:
        return TextBotFlowTurnRequest.user_input(choice.payload, previous_turn_id)
    return TextBotFlowTurnRequest.button_response(
        choice.label,
        choice.payload,
        previous_turn_id,
        type_=BUTTON_TYPES[choice.kind],
        originating_message_id=choice.origin_id,
    )


def execute_request(
    params: BotParams,
    bot_session_id: str,
    text: str,
    *,
    correlation_id: str,
    choice: Choice | None = None,
) -> PostTextRequest:
    """The ``execute`` request carrying one message to a bot.

    A picked choice goes as its payload in the text; in rich-media mode the message is ``Structured`` and also
    carries the ``ButtonResponse``, so a bot that reads either finds it.
    """
    # The execute models are built on first use: a session of a bot flow never needs them.
    from textbots_tui.api.models.execute import (
        AmazonLexRequest,
        GenesysBotConnector,
        GoogleDialogflowCustomSettings,
        NuanceMixDlgSettings,
        PostTextMessage,
        PostTextRequest,
    )

    message = PostTextMessage(type=PostTextMessageType.TEXT, text=text)
    if choice is not None and params.choice_mode == "rich_media":
        message = PostTextMessage(
            type=PostTextMessageType.STRUCTURED,
            text=text,
            content=[
                ConversationMessageContent(
                    content_type=ContentType.BUTTON_RESPONSE,
                    button_response=ConversationContentButtonResponse(
                        type=BUTTON_TYPES[choice.kind],
                        text=choice.label,
                        payload=choice.payload,
                        originating_message_id=choice.origin_id,
                    ),
                )
            ],
        )
    return PostTextRequest(
        bot_id=params.bot_id,
        bot_alias=params.bot_alias or None,
        integration_id=params.integration_id,
        bot_session_id=bot_session_id,
        post_text_message=message,
        language_code=params.language or None,
        bot_session_timeout_minutes=params.session_timeout_minutes,
        bot_channels=list(params.bot_channels) or None,
        bot_correlation_id=correlation_id,
        messaging_platform_type=params.messaging_platform_type or None,
        amazon_lex_request=AmazonLexRequest.model_validate(params.amazon_lex) if params.amazon_lex else None,
        google_dialogflow=(
            GoogleDialogflowCustomSettings.model_validate(params.google_dialogflow)
            if params.google_dialogflow
            else None
        ),
        genesys_bot_connector=(
            GenesysBotConnector.model_validate(params.genesys_bot_connector)
            if params.genesys_bot_connector
            else None
        ),
        nuance_mix_dlg=NuanceMixDlgSettings.model_validate(params.nuance_mix_dlg)
        if params.nuance_mix_dlg
        else None,
    )
