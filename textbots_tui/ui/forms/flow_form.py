"""The launch dialog's form: the enum values it offers, and its fields validated into launch params.

Each ``*_params_from_form`` returns the params to send or raises :class:`FormErrors` naming each bad field;
nothing is sent while a form is invalid. The bot dialog's form is in :mod:`.bot_form`, the
parsing of single values in :mod:`.values`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from textbots_tui.api.enums import ChannelName, UserAgentName
from textbots_tui.core.params import ChoiceMode, FlowLaunchParams, TargetSummary
from textbots_tui.ui.forms.targets import resolve_target
from textbots_tui.ui.forms.values import (
    Collector,
    check_choice,
    format_variables,
    parse_language,
    parse_variables,
)

CHANNEL_NAMES: Final[tuple[str, ...]] = tuple(name.value for name in ChannelName)
"""``TextBotChannel.name`` values."""

USER_AGENTS: Final[tuple[str, ...]] = tuple(agent.value for agent in UserAgentName)
"""``TextBotUserAgent.name`` values, also the values of ``PostTextRequest.messagingPlatformType``."""

CHOICE_MODES: Final[dict[ChoiceMode, str]] = {
    "payload": "Payload as text",
    "rich_media": "RichMediaInput",
}
"""How a picked choice is sent, with the label the dialogs show."""


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
    listed: tuple[TargetSummary, ...] = ()
    """The org's flows, as listed: what ``flow_id`` may name (by name or part of it) besides a bare id."""


def flow_params_from_form(form: FlowForm) -> FlowLaunchParams:
    """Validate the launch dialog; raises :class:`FormErrors` with a message for every bad field."""
    check = Collector()
    flow_id = check.take("flow_id", resolve_target, form.flow_id, form.listed, "flow")
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
