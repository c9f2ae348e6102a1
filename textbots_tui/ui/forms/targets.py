"""Finding a flow or bot in the org's list by what the user typed: filtering the picker, and resolving the
typed text (an id, a name, or part of either) to the id that is sent.

Pure functions over :class:`TargetSummary` lists, so the rules are unit-tested without a screen; the picker
(:mod:`.picker`) and the forms' validation (:mod:`.flow_form`, :mod:`.bot_form`) both use them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Final

from textbots_tui.core.params import FlowVariable, TargetSummary
from textbots_tui.ui.forms.values import FormError

NAMED_IN_ERRORS: Final = 3
"""How many matching targets an ambiguity message names before "and N more"."""


def matches(target: TargetSummary, text: str) -> bool:
    """Whether ``text`` is part of the target's name or id, ignoring case (empty text matches every one)."""
    needle = text.strip().casefold()
    return needle in target.name.casefold() or needle in target.target_id.casefold()


def filter_targets(targets: Sequence[TargetSummary], text: str) -> list[TargetSummary]:
    """The targets whose name or id contains ``text`` (case-insensitive), in list order. A listed id typed
    whole gives that target alone, even when it is also part of another's id or name."""
    value = text.strip()
    exact = [target for target in targets if target.target_id == value]
    return exact if exact else [target for target in targets if matches(target, value)]


def _named(found: Sequence[TargetSummary]) -> str:
    first = found[:NAMED_IN_ERRORS]
    shown = ", ".join(f"{target.name or '(no name)'} ({target.target_id})" for target in first)
    rest = len(found) - NAMED_IN_ERRORS
    return shown + (f" and {rest} more" if rest > 0 else "")


def resolve_target(text: str, targets: Sequence[TargetSummary], noun: str) -> str:
    """The id to send for what was typed in a flow or bot field; raises :class:`FormError` when it names none.

    In order: a listed id; a name typed whole (ignoring case); a part of the name or id of exactly one listed
    target. Several matches are named so the user can pick. Text that matches nothing is taken as a bare id
    (the org may have a target the list does not show), unless it has spaces: then it was meant as a name.
    """
    value = text.strip()
    if not value:
        raise FormError(f"Enter a {noun} id or name, or pick one from the list")
    if any(target.target_id == value for target in targets):
        return value
    named = [target for target in targets if target.name.casefold() == value.casefold()]
    if len(named) == 1:
        return named[0].target_id
    if named:
        raise FormError(f"{len(named)} {noun}s are named {value!r}: {_named(named)}. Pick one from the list")
    found = filter_targets(targets, value)
    if len(found) == 1:
        return found[0].target_id
    if found:
        raise FormError(f"{value!r} matches {len(found)} {noun}s: {_named(found)}. Type more or pick one")
    if any(char.isspace() for char in value):
        listed = f"No listed {noun} is named {value!r}" if targets else f"No {noun} list to find {value!r} in"
        raise FormError(f"{listed}: type the {noun} id")
    return value


def resolved_target(text: str, targets: Sequence[TargetSummary], noun: str) -> TargetSummary | None:
    """The listed target :func:`resolve_target` picks for ``text``; ``None`` for a bare id or no pick."""
    try:
        target_id = resolve_target(text, targets, noun)
    except FormError:
        return None
    return next((target for target in targets if target.target_id == target_id), None)


def describe_variable(variable: FlowVariable) -> str:
    """One input variable in a line: ``Flow.Name (string, default "there"): what it is for``."""
    details = [variable.type_name] if variable.type_name else []
    if variable.has_default:
        details.append(f"default {json.dumps(variable.default, ensure_ascii=False)}")
    text = variable.name + (f" ({', '.join(details)})" if details else "")
    return f"{text}: {variable.description}" if variable.description else text


def describe_inputs(variables: tuple[FlowVariable, ...] | None) -> str:
    """What the launch dialog says about the flow's input variables; ``""`` when the org did not say."""
    if variables is None:
        return ""
    if not variables:
        return "The flow declares no input variables."
    return "The flow expects:\n" + "\n".join(f"• {describe_variable(variable)}" for variable in variables)
