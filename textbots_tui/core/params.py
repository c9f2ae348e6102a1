"""What a session was started with, and the public snapshot of a session's state.

These are the values the UI's dialogs, the script runner and the journal exchange with the controller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

ChoiceMode = Literal["payload", "rich_media"]
"""How a picked quick reply or postback is sent: its payload as ``UserInput`` text (the proven way, the
default), or a ``RichMediaInput`` carrying a ``ButtonResponse`` (newer contract)."""

SessionKind = Literal["flow", "bot"]
"""A bot flow session (launch, then turns) or a bot session (``execute``)."""


class SessionState(StrEnum):
    """Where a session is in its life."""

    LAUNCHING = "launching"
    TALKING = "talking"
    """A turn is in flight or the bot is still talking (NoOp responses being drained)."""
    WAITING = "waiting"
    """The bot waits for the user."""
    EXITED = "exited"
    DISCONNECTED = "disconnected"
    FAILED = "failed"
    """A request failed in a way that leaves the session unusable (for example the launch itself)."""
    CLOSED = "closed"
    """The user closed it."""

    @property
    def is_open(self) -> bool:
        """Whether the session still accepts input (now or once the current turn ends)."""
        return self in (SessionState.LAUNCHING, SessionState.TALKING, SessionState.WAITING)


@dataclass(frozen=True, slots=True)
class FlowLaunchParams:
    """Everything needed to launch (and later restart) a bot flow session."""

    flow_id: str
    language: str = ""
    channel_name: str = "Messaging"
    user_agent: str = "GenesysWebWidget"
    input_variables: dict[str, Any] = field(default_factory=dict)
    external_session_id: str = ""
    conversation_id: str | None = None
    choice_mode: ChoiceMode = "payload"
    flow_name: str | None = None
    """A display name, when the flow was picked from the org's list."""


@dataclass(frozen=True, slots=True)
class BotParams:
    """Everything needed to talk to a bot integration through ``execute``."""

    bot_id: str
    integration_id: str
    bot_alias: str | None = None
    language: str | None = None
    bot_channels: tuple[str, ...] = ()
    messaging_platform_type: str | None = None
    session_timeout_minutes: int | None = None
    amazon_lex: dict[str, Any] | None = None
    """``{"requestAttributes": {...}, "sessionAttributes": {...}}``"""
    google_dialogflow: dict[str, Any] | None = None
    """``{"environment": ..., "eventName": ..., "webhookQueryParameters": {...},
    "eventInputParameters": {...}}``"""
    genesys_bot_connector: dict[str, Any] | None = None
    """``{"queryParameters": {...}}``"""
    nuance_mix_dlg: dict[str, Any] | None = None
    """``{"channelId": ..., "inputParameters": {...}}``"""
    bot_name: str | None = None
    choice_mode: ChoiceMode = "payload"


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A read-only snapshot of one session, as the sidebar shows it."""

    session_id: str
    """The local id (stable across restarts of the same session in the sidebar is *not* promised)."""
    kind: SessionKind
    name: str
    state: SessionState
    turn_count: int
    """How many turns the user took (the launch and automatic ``NoOp`` turns aside)."""
    created_at: datetime
    remote_id: str | None = None
    """The Genesys session id (flow) or ``botSessionId`` (bot)."""
    end_reason: str | None = None
    """The exit or disconnect reason, once there is one."""
    read_only: bool = False
    """Reloaded from the journal: history only."""
    org_target: dict[str, str] | None = None
    """The org the session belongs to, as its journal header records it (API URL and profile, see
    :mod:`textbots_tui.core.targets`); ``None`` when unknown (a journal from before targets were recorded,
    or an app without a journal)."""


@dataclass(frozen=True, slots=True)
class TargetSummary:
    """A flow or bot the org has, as the launch and bot dialogs list them."""

    target_id: str
    name: str
    kind: SessionKind
    type_name: str | None = None
    """``DIGITALBOT``/``BOT`` for flows, the ``botType`` for bots."""
    description: str | None = None
    languages: tuple[str, ...] = ()
    """Supported languages, the default first."""
    input_variables: tuple[FlowVariable, ...] | None = None
    """The input variables the flow declares (its ``inputSchema``); ``None`` when the org did not say."""


@dataclass(frozen=True, slots=True)
class FlowVariable:
    """An input variable a flow declares, as its JSON schema describes it."""

    name: str
    type_name: str | None = None
    """The JSON schema type (``string``, ``boolean``...), when given."""
    description: str | None = None
    default: Any = None
    has_default: bool = False
    """Whether the schema gives a default (which may itself be ``null``)."""
