"""The reverse of :func:`~textbots_tui.core.matchers.check`: the ``expect`` a window of bot output passes.

Saving a session as a script, exporting it from the history and ``run --update`` all write expectations
here, so they agree. By default what moves is not pinned, so the script stays green for the right reasons:

- a message, choice label, output variable or slot holding a date, a UUID, an e-mail address or a generated
  code (``APT-0E91FE``) is written as a ``like`` pattern (:func:`~textbots_tui.core.placeholders.generalise`);
- a flow location leaves out the action number (any edit of the flow renumbers actions);
- milestones are left out (an edit adds or moves them); outcomes and their values stay.

``strict=True`` writes everything exactly as it came.
"""

from __future__ import annotations

from typing import Any

from textbots_tui.core.items import TextItem
from textbots_tui.core.matchers import Observed
from textbots_tui.core.placeholders import generalise


class FlowStyle(dict[str, Any]):
    """A mapping a YAML writer should put on one line (``{like: "..."}``)."""


def like_or_text(value: str, *, strict: bool = False) -> str | FlowStyle:
    """``value`` as written in a script: itself, or ``{like: ...}`` when it holds something that moves."""
    pattern = None if strict else generalise(value)
    return value if pattern is None else FlowStyle(like=pattern)


def expected_value(value: Any, *, strict: bool = False) -> Any:
    """An output variable or slot value as written in a script (text that moves becomes ``{like: ...}``)."""
    return like_or_text(value, strict=strict) if isinstance(value, str) else value


def text_expectation(observed: Observed, *, strict: bool = False) -> list[str | FlowStyle]:
    """The text matchers of a window: one per non-empty text message, in order."""
    return [like_or_text(text, strict=strict) for text in text_messages(observed)]


def text_messages(observed: Observed) -> list[str]:
    """The texts a saved expectation lists (the bot's text messages, trimmed; rich items' titles are left to
    the choices and the transcript)."""
    return [item.text.strip() for item in observed.items if isinstance(item, TextItem) and item.text.strip()]


def expectation_from(observed: Observed, *, strict: bool = False) -> dict[str, Any]:
    """The ``expect`` mapping (as YAML data) that ``observed`` passes: texts, choices, next action, exit or
    disconnect details, and bot state, intent and slots for bots."""
    expect: dict[str, Any] = {}
    texts = text_expectation(observed, strict=strict)
    if texts:
        expect["text"] = texts[0] if len(texts) == 1 else texts
    if observed.choice_labels:
        expect["choices"] = [like_or_text(label, strict=strict) for label in observed.choice_labels]
    if observed.next_action is not None:
        expect["nextAction"] = observed.next_action
    ended = observed.ended
    if ended is not None:
        end: dict[str, Any] = {"reason": ended.reason}
        if ended.extended_info is not None:
            end["reasonExtendedInfo"] = ended.extended_info
        if ended.active_intent is not None and ended.how == "exit":
            end["activeIntent"] = ended.active_intent
        if ended.flow_location is not None:
            loc = ended.flow_location
            location: dict[str, Any] = {"actionName": loc.action_name}
            if strict:
                location["actionNumber"] = loc.action_number
            location["sequenceName"] = loc.sequence_name
            end["flowLocation"] = location
        if ended.output_variables and ended.how == "exit":
            end["outputData"] = {
                key: expected_value(value, strict=strict) for key, value in ended.output_variables.items()
            }
        if ended.outcomes:
            end["outcomes"] = {o.outcome_id: o.value for o in ended.outcomes if o.outcome_id}
        milestones = [m.milestone_id for o in ended.outcomes for m in o.milestones]
        if milestones and strict:
            end["milestones"] = milestones
        expect[ended.how] = end
    reply = observed.bot_reply
    if reply is not None:
        if reply.bot_state is not None:
            expect["botState"] = reply.bot_state
        if reply.intent:
            expect["intent"] = reply.intent
        if reply.slots:
            expect["slots"] = {key: expected_value(v, strict=strict) for key, v in reply.slots.items()}
    return expect


__all__ = [
    "FlowStyle",
    "expectation_from",
    "expected_value",
    "like_or_text",
    "text_expectation",
    "text_messages",
]
