"""Validation and parsing behind the launch and bot dialogs.

Pure functions over the raw strings the dialogs hold, so every rule can be unit-tested without a screen.
Each ``*_params_from_form`` returns the params to send or raises :class:`FormErrors` naming each bad field;
nothing is sent while a form is invalid.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, cast

from textbots_tui.core.params import BotParams, ChoiceMode, FlowLaunchParams, TargetSummary

CHANNEL_NAMES: Final[tuple[str, ...]] = ("Chat", "Call", "Messaging")
"""``TextBotChannel.name`` values."""

USER_AGENTS: Final[tuple[str, ...]] = (
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
)
"""``TextBotUserAgent.name`` values, also the values of ``PostTextRequest.messagingPlatformType``."""

BOT_CHANNELS: Final[tuple[str, ...]] = ("Call", "Callback", "Messaging", "Webchat")
"""``PostTextRequest.botChannels`` values."""

CHOICE_MODES: Final[dict[ChoiceMode, str]] = {
    "payload": "Payload as text",
    "rich_media": "RichMediaInput",
}
"""How a picked choice is sent, with the label the dialogs show."""

# A loose BCP 47 shape (en, en-us, zh-Hant-TW): catches typos such as spaces or underscores without
# pretending to know which languages a flow supports.
_LANGUAGE_RE: Final = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


class FormError(ValueError):
    """One field's value is unusable. ``line``/``column`` (1-based) point into multi-line fields."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class FormErrors(ValueError):
    """A form is invalid: ``errors`` maps each bad field's key to a message for the user."""

    def __init__(
        self, errors: Mapping[str, str], locations: Mapping[str, tuple[int, int]] | None = None
    ) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = dict(errors)
        self.locations = dict(locations or {})
        """For multi-line fields: the 1-based ``(line, column)`` of the problem, when known."""


def _reject_nonfinite(constant: str) -> Any:
    # json accepts NaN and Infinity, which no JSON server does: treat such a value as not JSON.
    raise ValueError(constant)


def _json_value(text: str) -> tuple[bool, Any]:
    """Parse ``text`` as one strict JSON value: ``(True, value)``, or ``(False, None)`` if it is not JSON."""
    try:
        return True, json.loads(text, parse_constant=_reject_nonfinite)
    except ValueError:
        return False, None


def _parse_json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text, parse_constant=_reject_nonfinite)
    except json.JSONDecodeError as exc:
        raise FormError(
            f"Invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except ValueError as exc:
        raise FormError(f"Invalid JSON: {exc} is not a JSON number") from None
    if not isinstance(value, dict):
        raise FormError(f"Expected one JSON object {{...}}, got a JSON {type(value).__name__}", line=1)
    for key in value:
        if not key.strip():
            raise FormError("A name in the JSON object is empty")
    return value


def _parse_rows(text: str, *, json_values: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        name, value = name.strip(), value.strip()
        if not sep:
            raise FormError(f"Line {number}: expected 'name = value', got {line!r}", line=number)
        if not name:
            raise FormError(f"Line {number}: the name before '=' is missing", line=number)
        if any(char.isspace() for char in name):
            raise FormError(f"Line {number}: the name {name!r} contains spaces", line=number)
        if name in first_seen:
            raise FormError(f"Line {number}: {name!r} is already set on line {first_seen[name]}", line=number)
        first_seen[name] = number
        values[name] = _row_value(value, json_values=json_values)
    return values


def _row_value(text: str, *, json_values: bool) -> Any:
    if json_values:
        is_json, value = _json_value(text)
        return value if is_json else text
    # String maps keep values as typed; a JSON string literal is the way to write one with edge spaces.
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        is_json, value = _json_value(text)
        if is_json and isinstance(value, str):
            return value
    return text


def _is_json_text(text: str) -> bool:
    return text.lstrip().startswith(("{", "["))


def parse_variables(text: str) -> dict[str, Any]:
    """Parse flow input variables (or any name -> JSON value map) typed as rows or as one JSON object.

    Rows are ``Flow.Name = value`` lines; a value that parses as JSON (``3``, ``true``, ``"007"``, ``[1, 2]``)
    is taken as JSON, anything else as a plain string. Blank lines and ``#`` comments are skipped.
    Raises :class:`FormError` naming the line and the problem (or the JSON error's line and column).
    """
    if not text.strip():
        return {}
    if _is_json_text(text):
        return _parse_json_object(text)
    return _parse_rows(text, json_values=True)


def parse_string_map(text: str) -> dict[str, str]:
    """Parse a name -> string map typed as ``name = value`` rows or as one JSON object of strings.

    Values are kept as typed (trimmed); write a JSON string literal (``"  padded "``) to keep edge spaces.
    Raises :class:`FormError` naming the line and the problem.
    """
    if not text.strip():
        return {}
    if not _is_json_text(text):
        return cast(dict[str, str], _parse_rows(text, json_values=False))
    values = _parse_json_object(text)
    for name, value in values.items():
        if not isinstance(value, str):
            raise FormError(f"The value of {name!r} must be a string, got {json.dumps(value)}")
    return values


def _plain_name(name: str) -> bool:
    # A row's name cannot hold spaces or '=', and a leading '#', '{' or '[' would read as a comment or JSON.
    return bool(name) and not any(char.isspace() or char == "=" for char in name) and name[0] not in "#{["


def _bare_string_ok(value: str, *, json_values: bool) -> bool:
    if not value or value != value.strip() or "\n" in value or "\r" in value:
        return False
    if json_values:
        # Quote what merely looks like JSON too ("01234", '"hi'), so the reader sees it is text.
        return not _json_value(value)[0] and value[0] not in '-0123456789"[{'
    return not (value.startswith('"') and value.endswith('"') and len(value) >= 2)


def _format(values: Mapping[str, Any], *, json_values: bool) -> str:
    if not all(_plain_name(name) for name in values):
        # Rows cannot carry such a name: JSON can.
        return json.dumps(dict(values), indent=2, ensure_ascii=False)
    lines = []
    for name, value in values.items():
        if isinstance(value, str) and _bare_string_ok(value, json_values=json_values):
            text = value
        else:
            text = json.dumps(value, ensure_ascii=False)
        lines.append(f"{name} = {text}")
    return "\n".join(lines)


def format_variables(values: Mapping[str, Any]) -> str:
    """Write variables as rows that :func:`parse_variables` reads back to the same values."""
    return _format(values, json_values=True)


def format_string_map(values: Mapping[str, str]) -> str:
    """Write a string map as rows that :func:`parse_string_map` reads back to the same values."""
    return _format(values, json_values=False)


def parse_language(text: str) -> str:
    """Trim a language code; empty means the target's default. Raises :class:`FormError` when malformed."""
    language = text.strip()
    if language and not _LANGUAGE_RE.fullmatch(language):
        raise FormError(f"{language!r} is not a language code such as en-us or es")
    return language


def parse_identifier(text: str, what: str) -> str:
    """Trim an id typed by the user; raises :class:`FormError` when it is empty or contains spaces."""
    value = text.strip()
    if not value:
        raise FormError(f"Enter the {what}")
    if any(char.isspace() for char in value):
        raise FormError(f"The {what} cannot contain spaces")
    return value


def parse_positive_int(text: str, what: str) -> int | None:
    """Parse an optional whole number greater than 0; empty gives ``None``."""
    value = text.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise FormError(f"The {what} must be a whole number, got {value!r}") from None
    if number <= 0:
        raise FormError(f"The {what} must be greater than 0")
    return number


def check_choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Return ``value`` when it is one of ``allowed``; raises :class:`FormError` otherwise."""
    if value not in allowed:
        raise FormError(f"Unknown {what} {value!r}: pick one of the list")
    return value


def target_label(target: TargetSummary) -> str:
    """How a picker lists a flow or bot: ``name · type · id``."""
    parts = [target.name or "(no name)"]
    if target.type_name:
        parts.append(target.type_name)
    parts.append(target.target_id)
    return " · ".join(parts)


class _Collector:
    """Runs each field's parser, keeping the first message per field instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}
        self.locations: dict[str, tuple[int, int]] = {}

    def take(self, key: str, parse: Any, *args: Any) -> Any:
        try:
            return parse(*args)
        except FormError as exc:
            self.errors[key] = exc.message
            if exc.line is not None:
                self.locations[key] = (exc.line, exc.column or 1)
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise FormErrors(self.errors, self.locations)


@dataclass(frozen=True, slots=True)
class FlowForm:
    """The launch dialog's fields, as typed. Keys of :class:`FormErrors` are these attribute names."""

    flow_id: str = ""
    language: str = ""
    channel_name: str = "Messaging"
    user_agent: str = "GenesysWebWidget"
    variables: str = ""
    external_session_id: str = ""
    conversation_id: str = ""
    choice_mode: str = "payload"
    flow_name: str | None = None


def flow_params_from_form(form: FlowForm) -> FlowLaunchParams:
    """Validate the launch dialog; raises :class:`FormErrors` with a message for every bad field."""
    check = _Collector()
    flow_id = check.take("flow_id", parse_identifier, form.flow_id, "flow id")
    language = check.take("language", parse_language, form.language)
    channel = check.take("channel_name", check_choice, form.channel_name, CHANNEL_NAMES, "channel")
    agent = check.take("user_agent", check_choice, form.user_agent, USER_AGENTS, "user agent")
    variables = check.take("variables", parse_variables, form.variables)
    mode = check.take("choice_mode", check_choice, form.choice_mode, tuple(CHOICE_MODES), "choice mode")
    conversation_id = form.conversation_id.strip()
    if any(char.isspace() for char in conversation_id):
        check.errors["conversation_id"] = "The conversation id cannot contain spaces"
    check.raise_if_any()
    return FlowLaunchParams(
        flow_id=flow_id,
        language=language,
        channel_name=channel,
        user_agent=agent,
        input_variables=variables,
        # Sent as typed: public clients send "" and it is accepted.
        external_session_id=form.external_session_id.strip(),
        conversation_id=conversation_id or None,
        choice_mode=mode,
        flow_name=form.flow_name or None,
    )


def flow_form_from_params(params: FlowLaunchParams) -> FlowForm:
    """The launch dialog's fields that would give back ``params``."""
    return FlowForm(
        flow_id=params.flow_id,
        language=params.language,
        channel_name=params.channel_name,
        user_agent=params.user_agent,
        variables=format_variables(params.input_variables),
        external_session_id=params.external_session_id,
        conversation_id=params.conversation_id or "",
        choice_mode=params.choice_mode,
        flow_name=params.flow_name,
    )


@dataclass(frozen=True, slots=True)
class BotForm:
    """The bot dialog's fields, as typed. Keys of :class:`FormErrors` are these attribute names."""

    bot_id: str = ""
    integration_id: str = ""
    bot_alias: str = ""
    language: str = ""
    bot_channels: tuple[str, ...] = ()
    messaging_platform_type: str = ""
    session_timeout_minutes: str = ""
    choice_mode: str = "payload"
    lex_request_attributes: str = ""
    lex_session_attributes: str = ""
    dialogflow_environment: str = ""
    dialogflow_event_name: str = ""
    dialogflow_webhook_query_parameters: str = ""
    dialogflow_event_input_parameters: str = ""
    connector_query_parameters: str = ""
    nuance_channel_id: str = ""
    nuance_input_parameters: str = ""
    bot_name: str | None = None
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Provider settings the dialog has no field for (from ``initial``), kept so nothing is lost."""


PROVIDER_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "amazon_lex": ("lex_request_attributes", "lex_session_attributes"),
    "google_dialogflow": (
        "dialogflow_environment",
        "dialogflow_event_name",
        "dialogflow_webhook_query_parameters",
        "dialogflow_event_input_parameters",
    ),
    "genesys_bot_connector": ("connector_query_parameters",),
    "nuance_mix_dlg": ("nuance_channel_id", "nuance_input_parameters"),
}
"""Which :class:`BotForm` fields make up each provider section (a ``BotParams`` attribute)."""

# BotForm field -> (BotParams section, wire key, kind): "text" is a plain string, "map" a string map,
# "any" a name -> JSON value map.
_PROVIDER_KEYS: Final[dict[str, tuple[str, str, str]]] = {
    "lex_request_attributes": ("amazon_lex", "requestAttributes", "map"),
    "lex_session_attributes": ("amazon_lex", "sessionAttributes", "map"),
    "dialogflow_environment": ("google_dialogflow", "environment", "text"),
    "dialogflow_event_name": ("google_dialogflow", "eventName", "text"),
    "dialogflow_webhook_query_parameters": ("google_dialogflow", "webhookQueryParameters", "map"),
    "dialogflow_event_input_parameters": ("google_dialogflow", "eventInputParameters", "map"),
    "connector_query_parameters": ("genesys_bot_connector", "queryParameters", "map"),
    "nuance_channel_id": ("nuance_mix_dlg", "channelId", "text"),
    "nuance_input_parameters": ("nuance_mix_dlg", "inputParameters", "any"),
}


def _provider_sections(form: BotForm, check: _Collector) -> dict[str, dict[str, Any] | None]:
    sections: dict[str, dict[str, Any]] = {name: dict(form.extra.get(name, {})) for name in PROVIDER_FIELDS}
    for form_key, (section, wire_key, kind) in _PROVIDER_KEYS.items():
        raw: str = getattr(form, form_key)
        if kind == "text":
            value: Any = raw.strip()
        else:
            parse = parse_string_map if kind == "map" else parse_variables
            value = check.take(form_key, parse, raw)
        if value:
            sections[section][wire_key] = value
        else:
            sections[section].pop(wire_key, None)
    return {name: (values or None) for name, values in sections.items()}


def bot_params_from_form(form: BotForm) -> BotParams:
    """Validate the bot dialog; raises :class:`FormErrors` with a message for every bad field."""
    check = _Collector()
    bot_id = check.take("bot_id", parse_identifier, form.bot_id, "bot id")
    integration_id = check.take("integration_id", parse_identifier, form.integration_id, "integration id")
    language = check.take("language", parse_language, form.language)
    unknown = [channel for channel in form.bot_channels if channel not in BOT_CHANNELS]
    if unknown:
        check.errors["bot_channels"] = f"Unknown channel {unknown[0]!r}: pick from the list"
    platform = form.messaging_platform_type.strip()
    if platform:
        check.take("messaging_platform_type", check_choice, platform, USER_AGENTS, "messaging platform")
    timeout = check.take(
        "session_timeout_minutes", parse_positive_int, form.session_timeout_minutes, "session timeout"
    )
    mode = check.take("choice_mode", check_choice, form.choice_mode, tuple(CHOICE_MODES), "choice mode")
    sections = _provider_sections(form, check)
    check.raise_if_any()
    return BotParams(
        bot_id=bot_id,
        integration_id=integration_id,
        bot_alias=form.bot_alias.strip() or None,
        language=language or None,
        # The wire order of the enum, whatever order they were ticked in.
        bot_channels=tuple(channel for channel in BOT_CHANNELS if channel in form.bot_channels),
        messaging_platform_type=platform or None,
        session_timeout_minutes=timeout,
        amazon_lex=sections["amazon_lex"],
        google_dialogflow=sections["google_dialogflow"],
        genesys_bot_connector=sections["genesys_bot_connector"],
        nuance_mix_dlg=sections["nuance_mix_dlg"],
        bot_name=form.bot_name or None,
        choice_mode=mode,
    )


def bot_form_from_params(params: BotParams) -> BotForm:
    """The bot dialog's fields that would give back ``params``."""
    values: dict[str, str] = {}
    extra: dict[str, dict[str, Any]] = {}
    for section in PROVIDER_FIELDS:
        settings = dict(getattr(params, section) or {})
        for form_key, (owner, wire_key, kind) in _PROVIDER_KEYS.items():
            if owner != section or wire_key not in settings:
                continue
            value = settings.pop(wire_key)
            if kind == "text" and isinstance(value, str):
                values[form_key] = value
            elif (
                kind == "map" and isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
            ):
                values[form_key] = format_string_map(value)
            elif kind == "any" and isinstance(value, dict):
                values[form_key] = format_variables(value)
            else:
                settings[wire_key] = value  # not something the field can show: keep it as it came
        if settings:
            extra[section] = settings
    return BotForm(
        bot_id=params.bot_id,
        integration_id=params.integration_id,
        bot_alias=params.bot_alias or "",
        language=params.language or "",
        bot_channels=tuple(params.bot_channels),
        messaging_platform_type=params.messaging_platform_type or "",
        session_timeout_minutes=str(params.session_timeout_minutes or ""),
        choice_mode=params.choice_mode,
        bot_name=params.bot_name,
        extra=extra,
        **values,
    )
