"""Replay a past session against the live target: the same user half, then and now compared step by step.

A journalled session (from the TUI's history or a ``run``) is launched again with the same parameters, and
what the user sent is sent again: texts as typed, choices by payload (a choice whose payload moved with the
calendar, such as a date slot, by its label's pattern and position), events with their code and message.
After each user step, what the bot said then is compared with what it says now through the same engine as
``run``'s failure reports: the window recorded then is turned into the expectation a saved script would hold
(:func:`~textbots_tui.core.expectations.expectation_from`, so volatile values such as dates and generated
references are patterns, not differences) and checked (:func:`~textbots_tui.core.matchers.check`) against
the window now.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from textbots_tui.core.controller import Controller
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import ErrorOccurred, Event, UserInputSent
from textbots_tui.core.expectations import expectation_from, text_messages
from textbots_tui.core.items import Choice
from textbots_tui.core.matchers import Mismatch, Observed, check, split_windows
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.script import Expectation
from textbots_tui.core.user_input import choice_pattern, pick_like, sent_event


@dataclass(frozen=True, slots=True)
class StepComparison:
    """One step of a replay: what the user sent, what the bot said then and now, and the differences."""

    number: int
    """0 for what the bot said at the start, then 1, 2... for each user step."""
    sent: UserInputSent | None
    then: Observed
    now: Observed | None
    """``None`` when the step could not be played now (the replay stopped before it)."""
    differences: tuple[Mismatch, ...] = ()
    problem: str | None = None
    """Why the step could not be played: a choice no longer offered, an API error."""

    @property
    def differs(self) -> bool:
        """Whether now is not what it was then."""
        return bool(self.differences) or self.problem is not None

    @property
    def action(self) -> str:
        """The user step in words: ``the start``, ``say "12345"``, ``choose "Yes" (payload yes)``..."""
        return describe_sent(self.sent)


@dataclass(slots=True)
class ReplayResult:
    """A whole replay: the session replayed, the new session's id, and each step compared."""

    params: FlowLaunchParams | BotParams
    steps: list[StepComparison] = field(default_factory=list)
    session_id: str | None = None

    @property
    def differs(self) -> bool:
        """Whether any step differs."""
        return any(step.differs for step in self.steps)


def describe_sent(sent: UserInputSent | None) -> str:
    """A user step in words."""
    if sent is None:
        return "the start"
    event = sent_event(sent)
    if event is not None:
        return f"event {sent.text}" if event[0] == "Error" else f"event {event[0]}"
    if sent.choice is not None:
        return f"choose {_quoted(sent.choice.label)} (payload {sent.choice.payload})"
    return f"say {_quoted(sent.text)}"


def compare(then: Observed, now: Observed) -> tuple[Mismatch, ...]:
    """The differences between a window recorded then and the same window now (volatile values aside)."""
    wanted = expectation_from(then)
    out: list[Mismatch] = []
    if wanted:
        try:
            out.extend(check(Expectation.model_validate(wanted), now))
        except ValidationError as exc:  # a recorded value no expectation can hold: say so, do not crash
            out.append(Mismatch("comparison", "a comparable window", str(exc).splitlines()[0]))
    if "text" not in wanted and text_messages(now):
        out.append(Mismatch("text", "no messages", ", ".join(_quoted(t) for t in text_messages(now))))
    if "choices" not in wanted and now.choice_labels:
        out.append(Mismatch("choices", "none", ", ".join(_quoted(c) for c in now.choice_labels)))
    return tuple(out)


async def replay_session(
    events: Sequence[Event],
    params: FlowLaunchParams | BotParams,
    controller: Controller,
    *,
    on_step: Callable[[str, StepComparison], None] | None = None,
    name: str | None = None,
) -> ReplayResult:
    """Play the user half of a recorded session (its ``events``) on ``controller`` and compare each step.

    The new session is called ``name`` when given. ``on_step(session_id, comparison)`` hears each step as
    soon as it is compared. A step that cannot be played (a choice no longer offered, an API error) is a
    difference, and the replay stops there."""
    result = ReplayResult(params)
    windows = split_windows(events)
    seen: list[Event] = []
    unsubscribe = controller.subscribe(seen.append)
    try:
        if isinstance(params, BotParams):
            result.session_id = await controller.start_bot(params)
        else:
            result.session_id = await controller.launch_flow(params)
        if name:
            await controller.rename(result.session_id, name)
        start = 0
        offered: tuple[str, ...] = ()
        for number, (sent, recorded) in enumerate(windows):
            then = Observed.from_events(recorded)
            problem = None
            if sent is not None:
                start = len(seen)
                problem = await _send_again(controller, result.session_id, sent, offered)
            refused = problem is not None
            now_events = seen[start:]
            errors = [e for e in now_events if isinstance(e, ErrorOccurred)]
            if not refused and errors:
                problem = "; ".join(f"{e.error.title}: {e.error.message or ''}".rstrip(": ") for e in errors)
            now = None if refused else Observed.from_events(now_events)
            step = StepComparison(
                number, sent, then, now, compare(then, now) if now is not None else (), problem
            )
            result.steps.append(step)
            if on_step is not None:
                on_step(result.session_id, step)
            if problem is not None:
                break
            if then.waiting is not None:
                offered = tuple(c.label for c in then.waiting.choices)
    finally:
        unsubscribe()
    return result


async def _send_again(
    controller: Controller, session_id: str, sent: UserInputSent, offered_then: tuple[str, ...]
) -> str | None:
    """Send what the user sent then; the reason when it cannot be sent now."""
    try:
        event = sent_event(sent)
        if event is not None:
            kind, code, message = event
            await controller.send_event(session_id, kind, code=code, message=message)
        elif sent.choice is not None:
            await controller.choose(
                session_id, _same_choice(controller, session_id, sent.choice, offered_then)
            )
        else:
            await controller.send_text(session_id, sent.text)
    except InputRefused as exc:
        return f"cannot be played now: {exc}"
    return None


def _same_choice(
    controller: Controller, session_id: str, then: Choice, offered_then: tuple[str, ...]
) -> Choice:
    """The offered choice that is the one picked then: the same payload, else (a date slot whose payload
    moved) the same place among the choices whose labels are alike."""
    offered = controller.session(session_id).choices
    same = [c for c in offered if c.payload == then.payload and c.kind == then.kind]
    if same:
        return same[0]
    named = choice_pattern(then.label, offered_then)
    if named is not None:
        return pick_like(offered, *named)
    labels = ", ".join(c.label for c in offered) or "nothing"
    raise InputRefused(f"{then.label!r} (payload {then.payload}) is no longer offered; offered: {labels}")


def _quoted(text: Any) -> str:
    return json.dumps(text, ensure_ascii=False)


__all__ = ["ReplayResult", "StepComparison", "compare", "describe_sent", "replay_session"]
