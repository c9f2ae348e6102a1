"""The bot dialog's form: its fields, the provider settings sections, and their validation into bot params."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from textbots_tui.core.params import BotParams, TargetSummary
from textbots_tui.ui.forms.flow_form import CHOICE_MODES, USER_AGENTS
from textbots_tui.ui.forms.targets import resolve_target
from textbots_tui.ui.forms.values import (
    Collector,
    check_choice,
    format_string_map,
    format_variables,
    parse_identifier,
    parse_language,
    parse_positive_int,
    parse_string_map,
    parse_variables,
)

BOT_CHANNELS: Final[tuple[str, ...]] = ("Call", "Callback", "Messaging", "Webchat")
"""``PostTextRequest.botChannels`` values."""


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
    listed: tuple[TargetSummary, ...] = ()
    """The org's bots, as listed: what ``bot_id`` may name (by name or part of it) besides a bare id."""


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


def _provider_sections(form: BotForm, check: Collector) -> dict[str, dict[str, Any] | None]:
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
    check = Collector()
    bot_id = check.take("bot_id", resolve_target, form.bot_id, form.listed, "bot")
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
        listed=(),
        **values,
    )
