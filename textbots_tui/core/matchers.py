"""What the bot did between two user steps, how an ``expect`` is checked against it, and the reverse.

A *window* is every event from one user step (or the start of the session) to the next. :class:`Observed`
condenses a window into what scripts can check; :func:`check` compares an
:class:`~textbots_tui.core.script.Expectation` with it and returns plain :class:`Mismatch` records. It is the
one comparison engine: ``run``'s failure reports, ``run --update`` and ``replay`` all go through it. The
reverse (the expectation a window passes) is :mod:`textbots_tui.core.expectations`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, assert_never

from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    Event,
    SessionEnded,
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.items import (
    AttachmentItem,
    BotItem,
    CardItem,
    CarouselItem,
    ChoicesItem,
    DatePickerItem,
    ListPickerItem,
    LocationItem,
    TextItem,
    UnknownItem,
)
from textbots_tui.core.placeholders import Like, like_matches

if TYPE_CHECKING:
    from textbots_tui.core.script.format import DisconnectExpect, Expectation, TextMatcher


@dataclass(frozen=True, slots=True)
class Observed:
    """Everything the bot produced in one window, condensed for checking and for reports."""

    items: tuple[BotItem, ...] = ()
    waiting: WaitingForInput | None = None
    ended: SessionEnded | None = None
    errors: tuple[ErrorOccurred, ...] = ()
    bot_reply: BotOutput | None = None
    """The last ``execute`` reply (the one carrying bot state, intent and slots), for bot sessions."""

    @classmethod
    def from_events(cls, events: Iterable[Event]) -> Observed:
        """Condense the events of one window."""
        items: list[BotItem] = []
        waiting = ended = reply = None
        errors: list[ErrorOccurred] = []
        for event in events:
            if isinstance(event, BotOutput):
                items.extend(event.items)
                if event.bot_state is not None or event.intent is not None:
                    reply = event
            elif isinstance(event, WaitingForInput):
                waiting = event
            elif isinstance(event, SessionEnded):
                ended = event
            elif isinstance(event, ErrorOccurred):
                errors.append(event)
        return cls(tuple(items), waiting, ended, tuple(errors), reply)

    @property
    def messages(self) -> list[str]:
        """The text a person reads: text items plus the titles and descriptions of rich items."""
        out: list[str] = []
        for item in self.items:
            out.extend(t for t in _texts_of(item) if t)
        return out

    @property
    def choice_labels(self) -> list[str]:
        """The labels of the choices offered (what the controller says the user can pick now)."""
        if self.waiting is not None:
            return [c.label for c in self.waiting.choices]
        labels: list[str] = []
        for item in self.items:
            if isinstance(item, ChoicesItem):
                labels.extend(c.label for c in item.choices)
        return labels

    @property
    def next_action(self) -> str | None:
        """``WaitForInput``, ``Exit``, ``Disconnect``, or None when the window shows neither."""
        if self.ended is not None:
            return "Exit" if self.ended.how == "exit" else "Disconnect"
        return "WaitForInput" if self.waiting is not None else None

    def describe(self) -> list[str]:
        """What the bot said, one line per item, for failure reports."""
        lines = [_describe(item) for item in self.items] or ["(nothing)"]
        if self.bot_reply is not None:
            reply = self.bot_reply
            lines.append(
                f"botState {reply.bot_state}, intent {reply.intent}, slots {_json(reply.slots or {})}"
            )
        if self.waiting is not None:
            labels = self.choice_labels
            lines.append("then: WaitForInput" + (f" (choices: {' | '.join(labels)})" if labels else ""))
        elif self.ended is not None:
            lines.append(f"then: {_describe_end(self.ended)}")
        return lines


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One check that failed: what was checked, what was expected, what came."""

    what: str
    expected: str
    got: str


def check(expect: Expectation, observed: Observed) -> list[Mismatch]:
    """Every way ``observed`` falls short of ``expect`` (empty when it passes)."""
    out: list[Mismatch] = []
    messages = observed.messages
    matchers = expect.text or []
    for index, matcher in enumerate(matchers):
        problem = _text_problem(matcher, messages)
        if problem is not None:
            what = f"text[{index}]" if len(matchers) > 1 else "text"
            out.append(Mismatch(what, describe_matcher(matcher), problem))
    if expect.choices is not None and not _choices_match(expect.choices, observed.choice_labels):
        out.append(Mismatch("choices", _labels(expect.choices), _labels(observed.choice_labels)))
    if expect.next_action is not None and expect.next_action != observed.next_action:
        out.append(Mismatch("nextAction", expect.next_action, observed.next_action or "no next action yet"))
    if expect.exit is not None:
        out.extend(_end_problems("exit", expect.exit, observed.ended))
    if expect.disconnect is not None:
        out.extend(_end_problems("disconnect", expect.disconnect, observed.ended))
    out.extend(_bot_problems(expect, observed.bot_reply))
    return out


def describe_matcher(matcher: TextMatcher) -> str:
    """A matcher in words: ``a message containing "Welcome"``."""
    if matcher.not_ is not None:
        return "no " + describe_matcher(matcher.not_).removeprefix("a ")
    if matcher.contains is not None:
        return f"a message containing {_json(matcher.contains)}"
    if matcher.regex is not None:
        return f"a message matching /{matcher.regex}/"
    if matcher.like is not None:
        return f"a message like {_json(matcher.like)}"
    return f"a message equal to {_json(matcher.equals)}"


def matches(matcher: TextMatcher, message: str) -> bool:
    """Whether one message satisfies a positive matcher (``not`` is handled by the caller)."""
    if matcher.contains is not None:
        return matcher.contains in message
    if matcher.regex is not None:
        return re.search(matcher.regex, message) is not None
    if matcher.like is not None:
        return like_matches(matcher.like, message)
    return message.strip() == (matcher.equals or "").strip()


def label_matches(expected: str | Like, label: str) -> bool:
    """Whether an offered choice's label is the one expected: equal, or like the pattern."""
    if isinstance(expected, str):
        return expected == label
    return like_matches(expected.like, label)


def _choices_match(expected: Sequence[str | Like], labels: Sequence[str]) -> bool:
    return len(expected) == len(labels) and all(
        label_matches(e, label) for e, label in zip(expected, labels, strict=True)
    )


def _text_problem(matcher: TextMatcher, messages: Sequence[str]) -> str | None:
    """Why the messages fail a matcher, or None."""
    if matcher.not_ is not None:
        hits = [m for m in messages if matches(matcher.not_, m)]
        return f"found {_json(hits[0])}" if hits else None
    if any(matches(matcher, m) for m in messages):
        return None
    return "no such message among: " + ", ".join(_json(m) for m in messages) if messages else "no messages"


def _end_problems(how: str, expect: DisconnectExpect, ended: SessionEnded | None) -> list[Mismatch]:
    """Checks of an exit or disconnect: it happened, then each given detail (as subsets)."""
    if ended is None or ended.how != how:
        wanted = how + (f" ({expect.reason})" if expect.reason else "")
        return [Mismatch(how, wanted, _describe_end(ended) if ended else "the session did not end")]
    out: list[Mismatch] = []
    if expect.reason is not None and expect.reason != ended.reason:
        out.append(Mismatch(f"{how}.reason", expect.reason, ended.reason))
    info = expect.reason_extended_info
    if info is not None and info != ended.extended_info:
        out.append(Mismatch(f"{how}.reasonExtendedInfo", _json(info), _json(ended.extended_info)))
    if expect.flow_location is not None:
        got_location = ended.flow_location
        for key, value in expect.flow_location.model_dump(by_alias=True, exclude_none=True).items():
            actual = getattr(got_location, _snake(key)) if got_location else None
            if not same(value, actual):
                out.append(Mismatch(f"{how}.flowLocation.{key}", _json(value), _json(actual)))
    for key, value in (getattr(expect, "output_data", None) or {}).items():
        if key not in ended.output_variables:
            out.append(Mismatch(f"{how}.outputData.{key}", _json(value), "not set"))
        elif not same(value, ended.output_variables[key]):
            out.append(Mismatch(f"{how}.outputData.{key}", _json(value), _json(ended.output_variables[key])))
    intent = getattr(expect, "active_intent", None)
    if intent is not None and intent != ended.active_intent:
        out.append(Mismatch(f"{how}.activeIntent", intent, str(ended.active_intent)))
    outcomes = {o.outcome_id: o.value for o in ended.outcomes}
    for outcome_id, value in (expect.outcomes or {}).items():
        if outcome_id not in outcomes:
            out.append(Mismatch(f"{how}.outcomes.{outcome_id}", value or "reached", "not reached"))
        elif value is not None and value != outcomes[outcome_id]:
            out.append(Mismatch(f"{how}.outcomes.{outcome_id}", value, str(outcomes[outcome_id])))
    reached = [m.milestone_id for o in ended.outcomes for m in o.milestones]
    missing = [m for m in expect.milestones or () if m not in reached]
    if missing:
        out.append(Mismatch(f"{how}.milestones", _labels(missing), _labels(reached)))
    return out


def _bot_problems(expect: Expectation, reply: BotOutput | None) -> list[Mismatch]:
    """Checks of an ``execute`` reply: intent, slots (a subset) and bot state."""
    out: list[Mismatch] = []
    if expect.intent is not None and (reply is None or reply.intent != expect.intent):
        out.append(Mismatch("intent", expect.intent, str(reply.intent if reply else None)))
    if expect.bot_state is not None and (reply is None or reply.bot_state != expect.bot_state):
        out.append(Mismatch("botState", expect.bot_state, str(reply.bot_state if reply else None)))
    slots = (reply.slots if reply else None) or {}
    for key, value in (expect.slots or {}).items():
        if not same(value, slots.get(key)):
            out.append(
                Mismatch(f"slots.{key}", _json(value), _json(slots[key]) if key in slots else "not set")
            )
    return out


def same(expected: Any, actual: Any) -> bool:
    """Equality for values written in YAML: scalars of different types compare as text, so ``12345``
    matches ``"12345"`` and ``true`` matches ``"true"``; ``{like: ...}`` matches a value's text."""
    if isinstance(expected, Like):
        return actual is not None and like_matches(expected.like, _scalar_text(actual))
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(same(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(same(e, a) for e, a in zip(expected, actual, strict=True))
    scalars = str | int | float | bool
    if not (isinstance(expected, scalars) and isinstance(actual, scalars)):
        return bool(expected == actual)
    if _is_number(expected) and _is_number(actual):
        return bool(expected == actual)  # 1 matches 1.0; bools are not numbers here (True == 1 in Python)
    return _scalar_text(expected) == _scalar_text(actual)


def split_windows(events: Iterable[Event]) -> list[tuple[UserInputSent | None, list[Event]]]:
    """Cut a session's events at each user input: ``[(None, start...), (input1, after1...), ...]``."""
    windows: list[tuple[UserInputSent | None, list[Event]]] = [(None, [])]
    for event in events:
        if isinstance(event, UserInputSent):
            windows.append((event, []))
        else:
            windows[-1][1].append(event)
    return windows


def _texts_of(item: BotItem) -> list[str | None]:
    match item:
        case TextItem():
            return [item.text]
        case CardItem():
            return [item.title, item.description]
        case CarouselItem():
            return [t for card in item.cards for t in (card.title, card.description)]
        case ChoicesItem() | ListPickerItem():
            return [item.title]
        case DatePickerItem():
            return [item.title, item.subtitle]
        case AttachmentItem():
            return [item.text]
        case LocationItem():
            return [item.text, item.address]
        case UnknownItem():
            return []
        case _:
            assert_never(item)


def _describe(item: BotItem) -> str:
    match item:
        case TextItem():
            return _json(item.text)
        case ChoicesItem():
            title = f"{item.title}: " if item.title else ""
            return f"[quick replies] {title}{' | '.join(c.label for c in item.choices)}"
        case CardItem():
            return f"[card] {_card(item)}"
        case CarouselItem():
            return "[carousel] " + " // ".join(_card(c) for c in item.cards)
        case AttachmentItem():
            return f"[{item.media_type.lower()}] {item.filename or item.url or ''} {item.text or ''}".rstrip()
        case DatePickerItem():
            return f"[date picker] {item.title or ''} ({len(item.available_times)} times)"
        case ListPickerItem():
            entries = [e.title for s in item.sections for e in s.entries]
            return f"[list picker] {item.title or ''}: {' | '.join(entries)}"
        case LocationItem():
            return f"[location] {item.text or ''} {item.address or ''}".rstrip()
        case UnknownItem():
            return f"[{item.content_type}] {_json(item.raw)}"
        case _:
            assert_never(item)


def _card(card: CardItem) -> str:
    text = card.title + (f" - {card.description}" if card.description else "")
    buttons = " | ".join(a.label for a in card.actions)
    return text + (f" [{buttons}]" if buttons else "")


def _describe_end(ended: SessionEnded) -> str:
    text = f"{'Exit' if ended.how == 'exit' else 'Disconnect'} ({ended.reason})"
    if ended.output_variables:
        text += f" outputData {_json(ended.output_variables)}"
    return text


def _labels(labels: Sequence[str | Like]) -> str:
    return "[" + ", ".join(_json(label) for label in labels) + "]"


def _json(value: Any) -> str:
    if isinstance(value, Like):
        return "like " + _json(value.like)
    return json.dumps(value, ensure_ascii=False, default=str)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _scalar_text(value: str | int | float | bool) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _snake(camel: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", camel).lower()
