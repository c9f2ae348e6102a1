"""The request bodies the simulator accepts, validated the way the Platform API would.

Only what the simulator reads is modelled; unknown fields are ignored like the real API ignores them. A body
that does not fit answers 400 with ``details[].fieldName`` naming the first field at fault, in the JSON's own
camelCase path (``inputEventUserInput.alternatives[0].transcript.text``).
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_camel

from .errors import ApiError

USER_AGENTS = Literal[
    "Phone",
    "SMS",
    "GenesysWebWidget",
    "FacebookMessenger",
    "WeChat",
    "Whatsapp",
    "AppleBusinessChat",
    "Apple",
    "Telegram",
    "Slack",
    "Signal",
    "Line",
    "Discord",
    "TwitterDirectMessage",
    "Open",
    "Instagram",
    "Other",
    "Unknown",
]


class Wire(BaseModel):
    """Base of request models: camelCase JSON, unknown fields ignored."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")


class TextBotFlow(Wire):
    """``flow``: which flow to launch."""

    id: str


class TextBotUserAgent(Wire):
    """``channel.userAgent``."""

    name: USER_AGENTS


class TextBotChannel(Wire):
    """``channel``."""

    name: Literal["Chat", "Call", "Messaging"]
    input_modes: list[Literal["Text"]]
    output_modes: list[Literal["Text"]]
    user_agent: TextBotUserAgent


class TextBotInputOutputData(Wire):
    """``inputData``."""

    variables: dict[str, Any]


class LaunchRequest(Wire):
    """``TextBotFlowLaunchRequest``."""

    flow: TextBotFlow
    external_session_id: str
    conversation_id: str | None = None
    input_data: TextBotInputOutputData | None = None
    channel: TextBotChannel
    language: str | None = None


class TextBotTurnReference(Wire):
    """``previousTurn``."""

    id: str


class TextBotTranscript(Wire):
    """``transcript``."""

    text: str
    confidence: float | None = None


class TextBotUserInputAlternative(Wire):
    """One input alternative."""

    transcript: TextBotTranscript


class TextBotUserInputEvent(Wire):
    """``inputEventUserInput``."""

    mode: Literal["Text"]
    alternatives: list[TextBotUserInputAlternative]


class ButtonResponse(Wire):
    """``buttonResponse`` of a rich-media input."""

    type: str | None = None
    text: str
    payload: str
    originating_message_id: str | None = None


class RichMediaContent(Wire):
    """One ``ConversationMessageContent`` of a rich-media input (only a ButtonResponse is used)."""

    content_type: str
    button_response: ButtonResponse | None = None


class TextBotsRichMediaInputEvent(Wire):
    """``inputEventRichMedia``."""

    inputs: list[RichMediaContent] | None = None
    messages: list[dict[str, Any]] | None = None


class TextBotErrorInputEvent(Wire):
    """``inputEventError``."""

    code: str
    message: str


class TurnRequest(Wire):
    """``TextBotFlowTurnRequest``."""

    previous_turn: TextBotTurnReference | None = None
    input_event_type: Literal[
        "NoOp",
        "UserInput",
        "RichMediaInput",
        "Error",
        "NoMatch",
        "NoInput",
        "UserDisconnect",
        "ClientSessionExpired",
    ]
    input_event_user_input: TextBotUserInputEvent | None = None
    input_event_rich_media: TextBotsRichMediaInputEvent | None = None
    input_event_error: TextBotErrorInputEvent | None = None


class PostTextMessage(Wire):
    """``postTextMessage``."""

    type: Literal["Text", "Structured", "Receipt", "Event", "Message", "Unknown"]
    text: str | None = None
    content: list[dict[str, Any]] | None = None


class AmazonLexRequest(Wire):
    """``amazonLexRequest``."""

    request_attributes: dict[str, str] | None = None
    session_attributes: dict[str, str] | None = None


class PostTextRequest(Wire):
    """``PostTextRequest``."""

    bot_id: str
    bot_alias: str | None = None
    integration_id: str
    bot_session_id: str
    post_text_message: PostTextMessage
    language_code: str | None = None
    bot_session_timeout_minutes: int | None = None
    bot_channels: list[Literal["Call", "Callback", "Messaging", "Webchat"]] | None = None
    bot_correlation_id: str | None = None
    messaging_platform_type: USER_AGENTS | None = None
    amazon_lex_request: AmazonLexRequest | None = None
    google_dialogflow: dict[str, Any] | None = None
    genesys_bot_connector: dict[str, Any] | None = None
    nuance_mix_dlg: dict[str, Any] | None = None


ModelT = TypeVar("ModelT", bound=Wire)


def field_path(loc: tuple[Any, ...]) -> str:
    """``("a", 0, "b")`` as ``a[0].b``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_body(model: type[ModelT], body: bytes) -> ModelT:
    """Validate a JSON body; a bad one raises a 400 :class:`ApiError` naming every field at fault."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if any(e["type"] == "json_invalid" for e in errors) or (errors and errors[0]["loc"] == ()):
            raise ApiError(
                400,
                "The request could not be understood by the server due to malformed syntax. "
                "The body is not a valid JSON object.",
            ) from None
        details = []
        problems = []
        for error in errors:
            name = field_path(tuple(error["loc"]))
            missing = error["type"] == "missing"
            details.append({"errorCode": "missing.value" if missing else "invalid.value", "fieldName": name})
            problems.append(f"{name} is required" if missing else f"{name}: {error['msg']}")
        raise ApiError(
            400, "Invalid request: " + "; ".join(problems), code="bad.request", details=details
        ) from None
