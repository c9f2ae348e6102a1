"""Bot-flow sessions (§2, §3): the launch and turn requests and responses.

Request-only models require what the reference requires. Models that come back from the server require only
what the client cannot work without (ids, the next action type, an exit or disconnect reason); the rest is
``None`` when absent, so a server that leaves out a documented field costs a detail, not the turn. Date-times
stay the ISO-8601 strings the server sent, so a parsed payload re-serialises to the same JSON.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from textbots_tui.api.enums import (
    ButtonResponseType,
    ChannelName,
    ContentType,
    DisconnectReason,
    ExitReason,
    FormatFlag,
    InputEventType,
    NextActionType,
    OutcomeValue,
    SegmentType,
    TextMode,
    UserAgentName,
)
from textbots_tui.api.models._base import OPEN_ENUM, ResponseModel, WireModel
from textbots_tui.api.models.content import ConversationContentButtonResponse
from textbots_tui.api.models.content_extra import ConversationMessageEvent
from textbots_tui.api.models.message import ConversationMessageContent

# --- launch


class TextBotFlow(WireModel):
    """Which bot flow to run."""

    id: str
    """The Architect flow id."""


class TextBotInputOutputData(WireModel):
    """Flow variables: launch input, or the output of an exit."""

    variables: dict[str, Any] = {}


class TextBotUserAgent(WireModel):
    """The end user's agent (web widget, WhatsApp, ...)."""

    name: Annotated[UserAgentName | str, OPEN_ENUM] = UserAgentName.GENESYS_WEB_WIDGET


def _text_only() -> list[TextMode | str]:
    return [TextMode.TEXT]


class TextBotChannel(WireModel):
    """The channel of a session. The defaults are what public clients send (Messaging, Text, web widget)."""

    name: Annotated[ChannelName | str, OPEN_ENUM] = ChannelName.MESSAGING
    input_modes: list[Annotated[TextMode | str, OPEN_ENUM]] = Field(default_factory=_text_only)
    output_modes: list[Annotated[TextMode | str, OPEN_ENUM]] = Field(default_factory=_text_only)
    user_agent: TextBotUserAgent = Field(default_factory=TextBotUserAgent)


class TextBotFlowLaunchRequest(WireModel):
    """Body of ``POST /api/v2/textbots/botflows/sessions``."""

    flow: TextBotFlow
    external_session_id: str = ""
    """Your own id for the session; public clients send an empty string."""
    conversation_id: str | None = None
    input_data: TextBotInputOutputData | None = None
    channel: TextBotChannel = Field(default_factory=TextBotChannel)
    language: str | None = None


class TextBotFlowLaunchResponse(ResponseModel):
    """The new session."""

    id: str
    """The session id, used in the turns path."""


# --- turn request


class TextBotTurnReference(WireModel):
    """A reference to a turn by id."""

    id: str


class TextBotTranscript(WireModel):
    """What the user said (typed)."""

    text: str
    confidence: float | None = None


class TextBotUserInputAlternative(WireModel):
    """One recognition alternative; typed text has exactly one."""

    transcript: TextBotTranscript


class TextBotUserInputEvent(WireModel):
    """Payload of a ``UserInput`` turn."""

    mode: Annotated[TextMode | str, OPEN_ENUM] = TextMode.TEXT
    alternatives: list[TextBotUserInputAlternative]


class TextBotsRichMediaInputEvent(WireModel):
    """Payload of a ``RichMediaInput`` turn: structured replies and message events."""

    inputs: list[ConversationMessageContent] | None = None
    messages: list[ConversationMessageEvent] | None = None


class TextBotErrorInputEvent(WireModel):
    """Payload of an ``Error`` turn: the client reports a problem to the flow."""

    code: str
    message: str


class TextBotFlowTurnRequest(WireModel):
    """Body of ``POST /api/v2/textbots/botflows/sessions/{sessionId}/turns``. Set at most one payload."""

    previous_turn: TextBotTurnReference | None = None
    input_event_type: Annotated[InputEventType | str, OPEN_ENUM]
    input_event_user_input: TextBotUserInputEvent | None = None
    input_event_rich_media: TextBotsRichMediaInputEvent | None = None
    input_event_error: TextBotErrorInputEvent | None = None

    @staticmethod
    def _ref(previous_turn_id: str | None) -> TextBotTurnReference | None:
        return TextBotTurnReference(id=previous_turn_id) if previous_turn_id else None

    @classmethod
    def no_op(cls, previous_turn_id: str | None = None) -> TextBotFlowTurnRequest:
        """A ``NoOp`` turn: start the flow, or let it go on after a ``NoOp`` response."""
        return cls(previous_turn=cls._ref(previous_turn_id), input_event_type=InputEventType.NO_OP)

    @classmethod
    def user_input(cls, text: str, previous_turn_id: str | None = None) -> TextBotFlowTurnRequest:
        """A ``UserInput`` turn carrying typed text."""
        return cls(
            previous_turn=cls._ref(previous_turn_id),
            input_event_type=InputEventType.USER_INPUT,
            input_event_user_input=TextBotUserInputEvent(
                alternatives=[TextBotUserInputAlternative(transcript=TextBotTranscript(text=text))]
            ),
        )

    @classmethod
    def button_response(
        cls,
        text: str,
        payload: str,
        previous_turn_id: str | None = None,
        *,
        type_: ButtonResponseType | str = ButtonResponseType.QUICK_REPLY,
        originating_message_id: str | None = None,
    ) -> TextBotFlowTurnRequest:
        """A ``RichMediaInput`` turn answering a quick reply or button with a ``ButtonResponse``."""
        content = ConversationMessageContent(
            content_type=ContentType.BUTTON_RESPONSE,
            button_response=ConversationContentButtonResponse(
                type=type_, text=text, payload=payload, originating_message_id=originating_message_id
            ),
        )
        return cls(
            previous_turn=cls._ref(previous_turn_id),
            input_event_type=InputEventType.RICH_MEDIA_INPUT,
            input_event_rich_media=TextBotsRichMediaInputEvent(inputs=[content]),
        )

    @classmethod
    def event(
        cls,
        event_type: InputEventType | str,
        previous_turn_id: str | None = None,
        *,
        code: str | None = None,
        message: str | None = None,
    ) -> TextBotFlowTurnRequest:
        """A turn without user text (``NoInput``, ``NoMatch``, ``UserDisconnect``, ``Error``...).

        ``Error`` turns carry ``inputEventError``; ``code`` and ``message`` default to empty strings.
        """
        error = None
        if event_type == InputEventType.ERROR or code is not None or message is not None:
            error = TextBotErrorInputEvent(code=code or "", message=message or "")
        return cls(
            previous_turn=cls._ref(previous_turn_id), input_event_type=event_type, input_event_error=error
        )


# --- turn response


class Format(WireModel):
    """Rendering hints for a segment (mostly voice oriented)."""

    flags: list[Annotated[FormatFlag | str, OPEN_ENUM]] | None = None


class TextBotPromptSegment(WireModel):
    """One piece of bot output: text, or rich media in ``content``."""

    text: str | None = None
    type: Annotated[SegmentType | str, OPEN_ENUM]
    format: Format | None = None
    content: list[ConversationMessageContent] | None = None


class TextBotModeOutputPrompts(WireModel):
    """The text output of a turn, in order."""

    segments: list[TextBotPromptSegment] = []


class TextBotOutputPrompts(WireModel):
    """Bot output for a turn."""

    output_language: str | None = None
    text_prompts: TextBotModeOutputPrompts | None = None


class TextBotTextModeConstraints(WireModel):
    """Constraints on the next text input."""

    language_preferences: list[str] = []
    no_input_timeout_milliseconds: int | None = None
    """When to send a ``NoInput`` turn (Digital Bot Flows only)."""


class TextBotModeConstraints(WireModel):
    """Constraints on the next input, per mode."""

    text: TextBotTextModeConstraints | None = None


class TextBotWaitForInputAction(WireModel):
    """The flow waits for the user."""

    mode_constraints: TextBotModeConstraints | None = None


class TextBotFlowLocation(WireModel):
    """Where in the flow something happened."""

    action_name: str | None = None
    action_number: int | None = None
    sequence_name: str | None = None


class TextBotFlowMilestone(WireModel):
    """A milestone reached within a flow outcome."""

    id: str | None = None
    date_reached: str | None = None
    sequence: int | None = None


class TextBotFlowOutcome(WireModel):
    """A flow outcome (``SUCCESS`` or ``FAILURE``) and its milestones."""

    outcome_id: str | None = None
    outcome_value: Annotated[OutcomeValue | str | None, OPEN_ENUM] = None
    date_start: str | None = None
    date_end: str | None = None
    milestones: list[TextBotFlowMilestone] | None = None


class TextBotExitAction(WireModel):
    """The flow handed control back to its caller (for example for an agent transfer)."""

    reason: Annotated[ExitReason | str, OPEN_ENUM]
    reason_extended_info: str | None = None
    active_intent: str | None = None
    flow_location: TextBotFlowLocation | None = None
    output_data: TextBotInputOutputData | None = None
    flow_outcomes: list[TextBotFlowOutcome] | None = None


class TextBotDisconnectAction(WireModel):
    """The flow ended the whole interaction."""

    reason: Annotated[DisconnectReason | str, OPEN_ENUM]
    reason_extended_info: str | None = None
    flow_location: TextBotFlowLocation | None = None
    flow_outcomes: list[TextBotFlowOutcome] | None = None


class TextBotFlowTurnResponse(ResponseModel):
    """The bot's output for a turn and what the client should do next."""

    id: str
    """This turn's id: send it as ``previousTurn.id`` next time."""
    previous_turn: TextBotTurnReference | None = None
    prompts: TextBotOutputPrompts | None = None
    next_action_type: Annotated[NextActionType | str, OPEN_ENUM]
    next_action_disconnect: TextBotDisconnectAction | None = None
    next_action_wait_for_input: TextBotWaitForInputAction | None = None
    next_action_exit: TextBotExitAction | None = None

    @property
    def segments(self) -> list[TextBotPromptSegment]:
        """The prompt segments of this turn, in order (empty when the bot said nothing)."""
        if self.prompts is None or self.prompts.text_prompts is None:
            return []
        return self.prompts.text_prompts.segments
