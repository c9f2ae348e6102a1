"""Events the controller emits. The TUI, the script runner and the journal subscribe to them.

Every event is a frozen dataclass carrying the local ``session_id``. Events are emitted in order, from the
controller's task, and a session keeps the list of its own events so a view can be rebuilt from it (switching
sessions in the sidebar, reloading from the journal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from textbots_tui.api.errors import TextbotsError
from textbots_tui.api.exchange import Exchange
from textbots_tui.core.items import BotItem, Choice
from textbots_tui.core.params import SessionInfo


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every controller event."""

    session_id: str
    at: datetime = field(default_factory=_now, kw_only=True)


@dataclass(frozen=True, slots=True)
class SessionCreated(Event):
    """A new session appeared (launched, started, restarted, or reloaded from the journal)."""

    info: SessionInfo


@dataclass(frozen=True, slots=True)
class SessionDeleted(Event):
    """A history session was deleted with its journal file: the lists drop it (never journalled)."""


@dataclass(frozen=True, slots=True)
class SessionChanged(Event):
    """A session's state, name or turn count changed."""

    info: SessionInfo


@dataclass(frozen=True, slots=True)
class UserInputSent(Event):
    """The user's input went out as a turn (or ``execute`` call)."""

    text: str
    """What to show in the chat: the typed text, the picked choice's label, or the event's name."""
    input_type: str
    """The wire ``inputEventType`` (``UserInput``, ``RichMediaInput``, ``NoInput``, ...) or ``Execute``."""
    choice: Choice | None = None


@dataclass(frozen=True, slots=True)
class BotOutput(Event):
    """What the bot produced in one turn response (or one ``execute`` reply)."""

    items: tuple[BotItem, ...]
    turn_id: str | None = None
    latency_ms: float | None = None
    language: str | None = None
    bot_state: str | None = None
    """``execute`` only: ``MoreData``, ``Complete``, ``Failed`` (or a value added later)."""
    intent: str | None = None
    slots: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class WaitingForInput(Event):
    """The bot waits for the user. ``choices`` are all the choices offered since the last user input."""

    turn_id: str | None
    choices: tuple[Choice, ...] = ()
    no_input_timeout_ms: int | None = None
    language_preferences: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FlowLocation:
    """Where in the flow an exit or disconnect happened."""

    action_name: str
    action_number: int
    sequence_name: str


@dataclass(frozen=True, slots=True)
class Milestone:
    """A milestone reached within a flow outcome."""

    milestone_id: str
    date_reached: str | None = None
    sequence: int | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """A flow outcome and the milestones reached in it."""

    outcome_id: str | None
    value: str | None
    """``SUCCESS`` or ``FAILURE`` (or a value added later)."""
    date_start: str | None = None
    date_end: str | None = None
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionEnded(Event):
    """The flow exited or disconnected: the session is closed for input but keeps everything."""

    how: Literal["exit", "disconnect"]
    reason: str
    extended_info: str | None = None
    flow_location: FlowLocation | None = None
    output_variables: dict[str, Any] = field(default_factory=dict)
    outcomes: tuple[Outcome, ...] = ()
    active_intent: str | None = None


@dataclass(frozen=True, slots=True)
class ErrorOccurred(Event):
    """A request failed. ``unsent_input`` is what the user typed for it.

    When the server cannot have processed it, it did not get through: put it back. When the server may have
    (a 500, 502, a read timeout, a broken connection), sending it again is the user's explicit choice.
    """

    error: TextbotsError
    unsent_input: str | None = None
    fatal: bool = False
    """True when the session cannot go on (it is now FAILED)."""

    @property
    def input_may_have_been_processed(self) -> bool:
        """The input went out and the server may have acted on it: it must not be offered as unsent."""
        return self.unsent_input is not None and self.error.may_have_been_processed

    @property
    def input_label(self) -> str:
        """How reports and the chat name the input: ``not sent``, or ``may have been processed``."""
        return "may have been processed" if self.input_may_have_been_processed else "not sent"


@dataclass(frozen=True, slots=True)
class Notice(Event):
    """Something recoverable worth a toast: retrying after a 429, a stale turn resynced."""

    message: str
    level: Literal["information", "warning"] = "information"


@dataclass(frozen=True, slots=True)
class ExchangeRecorded(Event):
    """One HTTP request and its response (redacted), for the inspector and the journal."""

    exchange: Exchange
