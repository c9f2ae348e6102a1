"""How a session ended, in plain language: the words of the end banners (chat, presenter mode, HTML export).

One home for "what does Exit/AgentRequestedByUser mean to a stakeholder" and "outcome by name, or by id when
the name is unknown", so the TUI's banner and every export say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from textbots_tui.core.events import Outcome, SessionEnded
from textbots_tui.core.names import NO_NAMES, FlowNames

__all__ = ["EndingSummary", "OutcomeSummary", "plain_reason", "summarize_ending"]

_EXIT: Final = {
    "TriggeredByFlow": "The bot finished the conversation.",
    "TriggeredByUser": "The customer ended the conversation.",
    "AgentRequestedByUser": "The customer asked for a person: the bot handed the conversation over.",
    "Error": "The bot stopped because something went wrong.",
    "RecognitionFailure": "The bot could not understand the customer and handed the conversation over.",
}
_DISCONNECT: Final = {
    "TriggeredByFlow": "The bot closed the conversation.",
    "TriggeredByUser": "The customer left the conversation.",
    "SessionExpired": "The conversation timed out.",
    "Error": "The conversation was cut off because something went wrong.",
    "RecognitionFailure": "The bot could not understand the customer and closed the conversation.",
}


def plain_reason(how: str, reason: str) -> str:
    """A sentence for an exit or disconnect reason (a reason added later is named as it came)."""
    table = _EXIT if how == "exit" else _DISCONNECT
    known = table.get(reason)
    if known is not None:
        return known
    ended = "ended" if how == "exit" else "was disconnected"
    return f"The conversation {ended} ({reason})."


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    """One flow outcome as people read it."""

    name: str
    """The outcome's name, or its id when the name is unknown."""
    outcome_id: str | None
    value: str | None
    """``SUCCESS``, ``FAILURE`` or ``None`` (not reported)."""
    milestones: tuple[str, ...]
    """The milestones reached, by name (or id), in order."""
    milestone_ids: tuple[str, ...] = ()
    """Their ids, in the same order (a name equal to its id means the name is unknown)."""

    @property
    def verdict(self) -> str:
        """``achieved``, ``not achieved``, or the value as it came."""
        if self.value == "SUCCESS":
            return "achieved"
        if self.value == "FAILURE":
            return "not achieved"
        return self.value or "no result"


@dataclass(frozen=True, slots=True)
class EndingSummary:
    """A session's end, ready to be drawn."""

    how: str
    reason: str
    headline: str
    outcomes: tuple[OutcomeSummary, ...]
    output_variables: dict[str, Any]


def _outcome(outcome: Outcome, names: FlowNames) -> OutcomeSummary:
    ordered = sorted(outcome.milestones, key=lambda m: m.sequence if m.sequence is not None else 0)
    return OutcomeSummary(
        name=names.outcome(outcome.outcome_id),
        outcome_id=outcome.outcome_id,
        value=outcome.value,
        milestones=tuple(names.milestone(m.milestone_id) for m in ordered),
        milestone_ids=tuple(m.milestone_id for m in ordered),
    )


def summarize_ending(ended: SessionEnded, names: FlowNames = NO_NAMES) -> EndingSummary:
    """The plain-language summary of an end: a headline, outcomes by name, the output variables."""
    return EndingSummary(
        how=ended.how,
        reason=ended.reason,
        headline=plain_reason(ended.how, ended.reason),
        outcomes=tuple(_outcome(o, names) for o in ended.outcomes),
        output_variables=dict(ended.output_variables),
    )
