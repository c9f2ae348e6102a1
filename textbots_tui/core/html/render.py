"""Events and bot items to HTML elements. Every piece of outside text goes through :func:`text`.

Nothing from a bot or a server is ever written as markup: text is escaped (``&<>"'``), control characters are
shown as ``\\xNN``, and a URL becomes a link only when it is ``http``, ``https`` or ``mailto`` (so a
``javascript:`` URL is shown, never followed).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, assert_never
from urllib.parse import urlsplit

from textbots_tui.core.choices import slot_label
from textbots_tui.core.ending import EndingSummary, summarize_ending
from textbots_tui.core.events import BotOutput, ErrorOccurred, Event, Notice, SessionEnded, UserInputSent
from textbots_tui.core.items import (
    AttachmentItem,
    BotItem,
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    ListPickerItem,
    LocationItem,
    TextItem,
    UnknownItem,
)
from textbots_tui.core.names import NO_NAMES, FlowNames

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """What a transcript shows besides the conversation itself."""

    names: FlowNames = NO_NAMES
    """Outcome and milestone names (ids are shown for the ones it does not know)."""
    technical: bool = False
    """Also show times, latencies, payloads, retry notices, correlation ids and raw JSON of unknown content
    (for bot builders); off, the page is what a stakeholder should see."""


def text(value: str) -> str:
    """Outside text as HTML text: escaped, control characters visible as ``\\xNN``."""
    escaped = html.escape(value, quote=True)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", escaped)


def link(url: str, label: str | None = None) -> str:
    """A link to ``url`` when it is a web or mail address; otherwise the address as plain text."""
    shown = text(label if label is not None else url)
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in _LINK_SCHEMES or _CONTROL.search(url):
        return shown if label is None else f"{shown} ({text(url)})"
    return f'<a href="{text(url.strip())}" rel="noopener noreferrer nofollow">{shown}</a>'


def _tag(value: str) -> str:
    return f'<span class="tb-tag">{text(value)}</span>'


def _time(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%H:%M:%S}"


def event_html(event: Event, options: HtmlOptions) -> str:
    """One event as an element of the chat, or ``""`` for what the page does not show."""
    if isinstance(event, UserInputSent):
        return _user(event, options)
    if isinstance(event, BotOutput):
        return _bot(event, options)
    if isinstance(event, ErrorOccurred):
        return _error(event, options)
    if isinstance(event, Notice):
        return f'<p class="tb-notice">{text(event.message)}</p>' if options.technical else ""
    if isinstance(event, SessionEnded):
        return ending_html(summarize_ending(event, options.names), event, options)
    return ""


def _who(name: str, event: Event, options: HtmlOptions, extra: Sequence[str] = ()) -> str:
    parts = [text(name)]
    if options.technical:
        parts += [_time(event.at), *(text(e) for e in extra)]
    return f'<span class="tb-who">{" · ".join(parts)}</span>'


def _user(event: UserInputSent, options: HtmlOptions) -> str:
    kind = "tb-user" if event.input_type in ("UserInput", "RichMediaInput", "Execute") else "tb-user tb-event"
    body = f'<div class="tb-bubble">{text(event.text)}</div>'
    tag = ""
    if options.technical and event.choice is not None and event.choice.payload != event.choice.label:
        tag = _tag(f"payload {event.choice.payload}")
    return f'<div class="tb-msg {kind}">{_who("You", event, options)}{body}{tag}</div>'


def _bot(event: BotOutput, options: HtmlOptions) -> str:
    extra = [f"{event.latency_ms:.0f} ms"] if event.latency_ms is not None else []
    parts = [_who("Bot", event, options, extra)]
    parts += [item_html(item, options) for item in event.items]
    if options.technical:
        facts = [f"bot state {event.bot_state}"] if event.bot_state else []
        facts += [f"intent {event.intent}"] if event.intent else []
        facts += [f"slots {json.dumps(event.slots, ensure_ascii=False)}"] if event.slots else []
        parts += [_tag(" · ".join(facts))] if facts else []
    return f'<div class="tb-msg tb-bot">{"".join(parts)}</div>'


def _error(event: ErrorOccurred, options: HtmlOptions) -> str:
    error = event.error
    lines = [f"<strong>{text(error.title)}</strong>"]
    if error.message:
        lines.append(f"<p>{text(error.message)}</p>")
    if options.technical:
        facts = [f"HTTP {error.status}"] if error.status else []
        facts += [f"code {error.code}"] if error.code else []
        facts += [f"correlation id {error.correlation_id}"] if error.correlation_id else []
        facts += [f"{event.input_label}: {event.unsent_input}"] if event.unsent_input else []
        lines += [f'<p class="tb-tag">{text(" · ".join(facts))}</p>'] if facts else []
    return f'<div class="tb-error" role="note">{"".join(lines)}</div>'


# Items


def item_html(item: BotItem, options: HtmlOptions) -> str:
    """One bot item: a bubble, a row of chips, a card, a carousel, a picker, an attachment."""
    match item:
        case TextItem():
            return f'<div class="tb-bubble">{text(item.text)}</div>'
        case ChoicesItem():
            return _chips(item.choices, item.title, options)
        case CardItem():
            return _card(item, options)
        case CarouselItem():
            return f'<div class="tb-carousel">{"".join(_card(c, options) for c in item.cards)}</div>'
        case AttachmentItem():
            return _attachment(item)
        case DatePickerItem():
            return _date_picker(item, options)
        case ListPickerItem():
            return _list_picker(item)
        case LocationItem():
            return _location(item)
        case UnknownItem():
            if options.technical:
                raw = json.dumps(item.raw, indent=2, ensure_ascii=False, default=str)
                what = f"Content this page cannot show ({item.content_type}), as sent:"
                return f'<p class="tb-note">{text(what)}</p><pre class="tb-raw">{text(raw)}</pre>'
            what = f"(The bot sent content that cannot be shown here: {item.content_type}.)"
            return f'<p class="tb-note">{text(what)}</p>'
        case _:
            assert_never(item)


def _chips(choices: Iterable[Choice], title: str | None, options: HtmlOptions) -> str:
    head = f'<p class="tb-chips-title">{text(title)}</p>' if title else ""
    chips = []
    for choice in choices:
        tag = ""
        if options.technical and choice.payload != choice.label:
            tag = f" {_tag(f'→ {choice.payload}')}"
        chips.append(f"<li>{text(choice.label)}{tag}</li>")
    return f'{head}<ul class="tb-chips" aria-label="Quick replies">{"".join(chips)}</ul>'


def _card(card: CardItem, options: HtmlOptions) -> str:
    parts = [f"<h3>{text(card.title)}</h3>"]
    if card.description:
        parts.append(f"<p>{text(card.description)}</p>")
    for kind, url in (("Image", card.image), ("Video", card.video)):
        if url:
            parts.append(f'<p class="tb-media">{link(url, kind)}</p>')
    buttons = [a for a in card.actions if a.kind != "link"]
    links = [a for a in card.actions if a.kind == "link"]
    if buttons:
        parts.append(_chips((Choice(a.label, a.payload or a.label) for a in buttons), None, options))
    for action in links:
        parts.append(f'<p class="tb-media">{_action_link(action)}</p>')
    if card.default_action is not None and card.default_action.url:
        parts.append(f'<p class="tb-media">Opens {_action_link(card.default_action)}</p>')
    return f'<div class="tb-card">{"".join(parts)}</div>'


def _action_link(action: CardAction) -> str:
    return link(action.url, action.label) if action.url else text(action.label)


def _attachment(item: AttachmentItem) -> str:
    label = item.filename or item.text or item.media_type
    what = text(item.media_type)
    body = link(item.url, label) if item.url else text(label)
    return f'<p class="tb-media">{what}: {body}</p>'


def _date_picker(item: DatePickerItem, options: HtmlOptions) -> str:
    title = " · ".join(t for t in (item.title, item.subtitle) if t)
    parts = [f'<p class="tb-chips-title">{text(title or "Pick a date")}</p>']
    if item.location:
        parts.append(f'<p class="tb-media">At {text(item.location)}</p>')
    if item.available_times:
        shown = (s.date_time if options.technical else slot_label(s) for s in item.available_times)
        parts.append(f'<ul class="tb-chips">{"".join(f"<li>{text(s)}</li>" for s in shown)}</ul>')
    return "".join(parts)


def _list_picker(item: ListPickerItem) -> str:
    parts = [f'<p class="tb-chips-title">{text(item.title)}</p>'] if item.title else []
    for section in item.sections:
        if section.title:
            parts.append(f'<p class="tb-chips-title">{text(section.title)}</p>')
        entries = []
        for entry in section.entries:
            sub = f" · {text(entry.subtitle)}" if entry.subtitle else ""
            image = f" ({link(entry.image_url, 'image')})" if entry.image_url else ""
            entries.append(f"<li>{text(entry.title)}{sub}{image}</li>")
        parts.append(f'<ul class="tb-chips">{"".join(entries)}</ul>')
    return "".join(parts)


def _location(item: LocationItem) -> str:
    where = " · ".join(t for t in (item.text, item.address) if t) or "A place"
    body = link(item.url, where) if item.url else text(where)
    return f'<p class="tb-media">Location: {body}</p>'


# The end


def ending_html(summary: EndingSummary, ended: SessionEnded, options: HtmlOptions) -> str:
    """The end banner: what happened in plain words, outcomes and milestones by name, output variables."""
    parts = [f"<h3>{text(summary.headline)}</h3>"]
    if options.technical:
        how = "Exit" if summary.how == "exit" else "Disconnect"
        parts.append(f'<p class="tb-tag">{text(f"{how} · {summary.reason}")}</p>')
        if ended.extended_info:
            parts.append(f"<p>{text(ended.extended_info)}</p>")
        if ended.flow_location is not None:
            loc = ended.flow_location
            where = f"at {loc.action_name} (#{loc.action_number}) in {loc.sequence_name}"
            parts.append(f'<p class="tb-tag">{text(where)}</p>')
    if summary.outcomes:
        items = []
        for outcome in summary.outcomes:
            css = {"SUCCESS": "tb-ok", "FAILURE": "tb-ko"}.get(outcome.value or "", "")
            verdict = f'<span class="{css}">{text(outcome.verdict)}</span>'
            reached = ""
            if outcome.milestones:
                reached = f"<br>Milestones reached: {text(', '.join(outcome.milestones))}"
            items.append(f"<li>{text(outcome.name)}: {verdict}{reached}</li>")
        parts.append(f"<p>Outcomes</p><ul>{''.join(items)}</ul>")
    if summary.output_variables:
        rows = "".join(
            f"<tr><th>{text(name)}</th><td>{text(_value(value))}</td></tr>"
            for name, value in summary.output_variables.items()
        )
        parts.append(f'<table class="tb-vars"><caption hidden>Output variables</caption>{rows}</table>')
    return f'<div class="tb-end" role="status">{"".join(parts)}</div>'


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
