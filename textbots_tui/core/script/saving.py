"""Saving a session as a script: the user's steps, each followed by an ``expect`` of what the bot said.

What moves between runs (dates, generated references, action numbers, milestones) is not pinned unless a
strict save is asked for: see :mod:`textbots_tui.core.expectations`. A choice whose label moves (a date slot)
is chosen by pattern and position: ``choose: {like: "{date} 09:00 (8 hours)", nth: 2}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from textbots_tui.api.text import UNSAFE_CHARS
from textbots_tui.core.events import Event, SessionCreated, UserInputSent
from textbots_tui.core.expectations import FlowStyle, expectation_from
from textbots_tui.core.matchers import Observed, split_windows
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.user_input import choice_pattern, sent_event


def script_from_session(
    session_events: Sequence[Event],
    params: FlowLaunchParams | BotParams,
    *,
    name: str | None = None,
    strict: bool = False,
) -> str:
    """The YAML script of a finished session: the user's steps, each followed by an ``expect`` of what the bot
    said (texts, choices, next action, exit or disconnect, bot state). It parses back and passes when run
    against the same target, also on another day (``strict`` pins everything exactly, as it came). Input that
    failed to get through (an error) is not a step: the controller only reports input as sent once the server
    took it."""
    steps: list[dict[str, Any]] = []
    offered: tuple[str, ...] = ()
    for user_input, events in split_windows(session_events):
        if user_input is not None:
            steps.append(_user_step(user_input, offered, strict=strict))
        observed = Observed.from_events(events)
        expect = expectation_from(observed, strict=strict)
        if expect:
            steps.append({"expect": expect})
        if observed.waiting is not None:
            offered = tuple(c.label for c in observed.waiting.choices)
    if not steps:
        raise ValueError("nothing happened in this session: there is no script to write")
    created = next((e.info.name for e in session_events if isinstance(e, SessionCreated)), None)
    document: dict[str, Any] = {"name": name or created or "Saved session", "target": _target_of(params)}
    if params.choice_mode != "payload":
        document["choiceMode"] = params.choice_mode
    document["steps"] = steps
    text = yaml.dump(document, Dumper=_ScriptDumper, sort_keys=False, allow_unicode=True, width=110)
    # Whatever PyYAML left raw (bidi controls, zero-width characters) sits in a double-quoted scalar (see
    # _ScriptDumper): written as a YAML escape it reads back as the same character but shows as itself.
    return UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _user_step(sent: UserInputSent, offered: tuple[str, ...], *, strict: bool) -> dict[str, Any]:
    """The script step that sends what the user sent."""
    event = sent_event(sent)
    if event is not None:
        kind, code, message = event
        return {"event": {"type": kind, "code": code, "message": message} if kind == "Error" else kind}
    if sent.choice is not None:
        label = sent.choice.label
        named = None if strict else choice_pattern(label, offered)
        if named is not None:
            # A label that moves (a date slot): the same position among the choices alike.
            pattern, nth = named
            return {"choose": FlowStyle(like=pattern, **({"nth": nth} if nth > 1 else {}))}
        # Several carousel cards may share a button label: then only the payload says which was picked.
        folded = [offered_label.casefold() for offered_label in offered]
        return {"choose": sent.choice.payload if folded.count(label.casefold()) > 1 else label}
    return {"say": sent.text}


def _target_of(params: FlowLaunchParams | BotParams) -> dict[str, Any]:
    """The ``target`` mapping for launch parameters, leaving defaults out."""
    if isinstance(params, BotParams):
        bot = {"id": params.bot_id, "integrationId": params.integration_id, "alias": params.bot_alias,
               "language": params.language}  # fmt: skip
        return {"bot": {k: v for k, v in bot.items() if v is not None}}
    flow = {"id": params.flow_id} | ({"language": params.language} if params.language else {})
    target: dict[str, Any] = {"flow": flow}
    if (params.channel_name, params.user_agent) != ("Messaging", "GenesysWebWidget"):
        target["channel"] = {"name": params.channel_name, "userAgent": params.user_agent}
    if params.input_variables:
        target["inputData"] = dict(params.input_variables)
    return target


class _ScriptDumper(yaml.SafeDumper):
    """Block-style YAML with list items indented under their key, as people write scripts; ``{like: ...}``
    patterns on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Never indentless: ``steps:`` items are indented."""
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Text holding a character that acts instead of showing is written double-quoted, where YAML escapes
    it (the default would write a bidi override or a zero-width space raw)."""
    if UNSAFE_CHARS.search(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_ScriptDumper.add_representer(str, _represent_str)


def _flow_mapping(dumper: yaml.SafeDumper, data: FlowStyle) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=True)


_ScriptDumper.add_representer(FlowStyle, _flow_mapping)
