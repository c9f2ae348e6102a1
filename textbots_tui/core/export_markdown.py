"""The Markdown transcript of a session: what was talked to and how, each turn in order, how it ended.

Bot text is data, not markup: it is escaped, so a ``*`` or a ``<script>`` in what the bot said shows as typed;
payloads, URLs and raw JSON go in code spans and code blocks.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any, assert_never

from textbots_tui.api.text import UNSAFE_CHARS, escape_unsafe
from textbots_tui.core.choices import slot_label
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    Event,
    Notice,
    SessionEnded,
    UserInputSent,
)
from textbots_tui.core.items import (
    AttachmentItem,
    BotItem,
    CardAction,
    CardItem,
    CarouselItem,
    ChoicesItem,
    DatePickerItem,
    ListPickerItem,
    LocationItem,
    TextItem,
    UnknownItem,
)
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.sessions import Session


def session_to_markdown(session: Session) -> str:
    """A readable transcript: what was talked to and how, then each turn in order, then how it ended."""
    lines = [f"# {_md(session.name)}", ""]
    lines += _header(session)
    lines += ["", "## Conversation", ""]
    events = [e for e in session.events if isinstance(e, _SHOWN)]
    if not events:
        lines += ["_Nothing was said._", ""]
    for event in events:
        lines += _event(event)
    if session.ended is not None:
        lines += _ending(session.ended)
    return "\n".join(lines).rstrip("\n") + "\n"


_SHOWN = (UserInputSent, BotOutput, ErrorOccurred, Notice, SessionEnded)


def _header(session: Session) -> list[str]:
    params = session.params
    facts: list[tuple[str, str]] = []
    if isinstance(params, FlowLaunchParams):
        name = f"{_md(params.flow_name)} " if params.flow_name else ""
        facts.append(("Target", f"bot flow {name}{_code(params.flow_id)}"))
        facts.append(("Language", _md(params.language or "the flow's default")))
        facts.append(("Channel", f"{_md(params.channel_name)} ({_md(params.user_agent)})"))
        if params.external_session_id:
            facts.append(("External session id", _code(params.external_session_id)))
        if params.conversation_id:
            facts.append(("Conversation id", _code(params.conversation_id)))
    else:
        name = f"{_md(params.bot_name)} " if params.bot_name else ""
        facts.append(("Target", f"bot {name}{_code(params.bot_id)}"))
        facts.append(("Integration", _code(params.integration_id)))
        if params.bot_alias:
            facts.append(("Alias", _code(params.bot_alias)))
        facts.append(("Language", _md(params.language or "the bot's default")))
    if params.choice_mode != "payload":
        facts.append(("Choices sent as", "rich media (ButtonResponse)"))
    facts.append(("Session", f"{session.kind}, {session.state.value}, {len(session.turns)} turns"))
    if session.remote_id:
        facts.append(("Remote session id", _code(session.remote_id)))
    facts.append(("Started", _when(session.created_at)))
    if session.events:
        facts.append(("Last event", _when(session.events[-1].at)))
    lines = [f"- **{label}:** {value}" for label, value in facts]
    settings = _settings(params)
    for label, value in settings.items():
        lines += ["", f"**{label}:**", "", *_json_block(value)]
    return lines


def _settings(params: FlowLaunchParams | BotParams) -> dict[str, Any]:
    if isinstance(params, FlowLaunchParams):
        return {"Input variables": params.input_variables} if params.input_variables else {}
    named = {
        "Amazon Lex settings": params.amazon_lex,
        "Dialogflow settings": params.google_dialogflow,
        "Bot Connector settings": params.genesys_bot_connector,
        "Nuance Mix settings": params.nuance_mix_dlg,
    }
    return {label: value for label, value in named.items() if value}


def _event(event: Event) -> list[str]:
    at = f"{event.at.astimezone(UTC):%H:%M:%S}"
    if isinstance(event, UserInputSent):
        how = _input_kind(event)
        lines = [f"**You** · {at}{f' · {how}' if how else ''}", "", *_paragraph(event.text)]
        if event.choice is not None and event.choice.payload != event.choice.label:
            lines += ["", f"payload {_code(event.choice.payload)}"]
        return [*lines, ""]
    if isinstance(event, BotOutput):
        latency = f" · {event.latency_ms:.0f} ms" if event.latency_ms is not None else ""
        lines = [f"**Bot** · {at}{latency}", ""]
        for item in event.items:
            lines += [*_item(item), ""]
        lines += _bot_state(event)
        return lines if lines[-1] == "" else [*lines, ""]
    if isinstance(event, ErrorOccurred):
        return _error(event, at)
    if isinstance(event, Notice):
        return [f"_Note · {at}: {_md(event.message)}_", ""]
    assert isinstance(event, SessionEnded)
    how = "Exit" if event.how == "exit" else "Disconnect"
    return [f"**{how}** · {at} · {_md(event.reason)}", ""]


def _input_kind(event: UserInputSent) -> str:
    if event.choice is not None:
        return "chose"
    if event.input_type in ("UserInput", "Execute"):
        return ""
    return "event" if event.input_type != "RichMediaInput" else "rich media"


def _bot_state(event: BotOutput) -> list[str]:
    facts = []
    if event.bot_state is not None:
        facts.append(f"bot state {_code(event.bot_state)}")
    if event.intent:
        facts.append(f"intent {_code(event.intent)}")
    if event.slots:
        facts.append(f"slots {_code(json.dumps(event.slots, ensure_ascii=False))}")
    return [_sentence(facts), ""] if facts else []


def _error(event: ErrorOccurred, at: str) -> list[str]:
    error = event.error
    status = " ".join(str(p) for p in (error.status, error.code) if p)
    lines = [f"**Error** · {at} · {_md(error.title)}{f' ({_md(status)})' if status else ''}", ""]
    if error.message:
        lines += [*_paragraph(error.message), ""]
    if error.hint:
        lines += [f"_{_md(error.hint)}_", ""]
    facts = []
    if error.correlation_id:
        facts.append(f"correlation id {_code(error.correlation_id)}")
    if event.unsent_input:
        facts.append(f"{event.input_label}: {_code(event.unsent_input)}")
    if event.fatal:
        facts.append("the session could not go on")
    return [*lines, *([_sentence(facts), ""] if facts else [])]


def _ending(ended: SessionEnded) -> list[str]:
    how = "Exit" if ended.how == "exit" else "Disconnect"
    lines = [f"## {how}: {_md(ended.reason)}", ""]
    if ended.extended_info:
        lines += [*_paragraph(ended.extended_info), ""]
    if ended.flow_location is not None:
        loc = ended.flow_location
        lines.append(
            f"- **Flow location:** action {_md(loc.action_name)} (#{loc.action_number}) "
            f"in {_md(loc.sequence_name)}"
        )
    if ended.active_intent:
        lines.append(f"- **Active intent:** {_code(ended.active_intent)}")
    for outcome in ended.outcomes:
        span = " to ".join(t for t in (outcome.date_start, outcome.date_end) if t)
        lines.append(
            f"- **Outcome** {_code(outcome.outcome_id or '?')}: {_md(outcome.value or 'no value')}"
            + (f" ({_md(span)})" if span else "")
        )
        lines += [
            f"  - milestone {_code(m.milestone_id)}"
            + (f" reached {_md(m.date_reached)}" if m.date_reached else "")
            for m in outcome.milestones
        ]
    if lines[-1] != "":
        lines.append("")
    if ended.output_variables:
        lines += ["**Output variables:**", "", *_json_block(ended.output_variables), ""]
    return lines


# Items


def _item(item: BotItem) -> list[str]:
    match item:
        case TextItem():
            return _paragraph(item.text)
        case ChoicesItem():
            title = f": {_md(item.title)}" if item.title else ""
            return [f"Quick replies{title}", "", *(_choice(c.label, c.payload) for c in item.choices)]
        case CardItem():
            return _card(item, "Card")
        case CarouselItem():
            lines = [f"Carousel of {len(item.cards)} cards", ""]
            for number, card in enumerate(item.cards, start=1):
                lines += [*_card(card, f"Card {number}"), ""]
            return lines[:-1]
        case AttachmentItem():
            parts = [_md(d) for d in (item.filename, item.text) if d]
            if item.url:
                parts.append(_code(item.url))
            extra = [x for x in (item.mime, f"{item.size_bytes:,} bytes" if item.size_bytes else None) if x]
            if extra:
                parts.append(f"({_md(', '.join(extra))})")
            return [f"Attachment ({_md(item.media_type)})" + (f": {' · '.join(parts)}" if parts else "")]
        case DatePickerItem():
            return _date_picker(item)
        case ListPickerItem():
            return _list_picker(item)
        case LocationItem():
            where = " · ".join(_md(t) for t in (item.text, item.address) if t)
            coordinates = f" ({item.latitude}, {item.longitude})" if item.latitude is not None else ""
            return [f"Location: {where}{coordinates}" + (f" {_code(item.url)}" if item.url else "")]
        case UnknownItem():
            return [
                f"Content this client cannot show ({_code(item.content_type)}), as sent:",
                "",
                *_json_block(item.raw),
            ]
        case _:
            assert_never(item)


def _choice(label: str, payload: str | None) -> str:
    shown_payload = f" → {_code(payload)}" if payload is not None and payload != label else ""
    return f"- {_md(label)}{shown_payload}"


def _card(card: CardItem, what: str) -> list[str]:
    lines = [f"{what}: **{_md(card.title)}**"]
    if card.description:
        lines += ["", *_paragraph(card.description)]
    media = [f"{kind} {_code(url)}" for kind, url in (("image", card.image), ("video", card.video)) if url]
    if media:
        lines += ["", _sentence(media)]
    actions = list(card.actions) + ([card.default_action] if card.default_action else [])
    if actions:
        lines += ["", *(_action(a, default=a is card.default_action) for a in actions)]
    return lines


def _action(action: CardAction, *, default: bool) -> str:
    kind = "default action" if default else {"postback": "button", "link": "link"}.get(action.kind, "button")
    target = action.url if action.kind == "link" else action.payload
    return f"- {kind}: {_md(action.label)}" + (f" → {_code(target)}" if target else "")


def _date_picker(item: DatePickerItem) -> list[str]:
    title = " · ".join(_md(t) for t in (item.title, item.subtitle) if t)
    lines = [f"Date picker: {title}" if title else "Date picker"]
    if item.date_minimum or item.date_maximum:
        lines += ["", f"Between {_md(item.date_minimum or '…')} and {_md(item.date_maximum or '…')}"]
    if item.location:
        lines += ["", f"At {_md(item.location)}"]
    if item.available_times:
        lines.append("")
        lines += [f"- {_md(slot_label(slot))} {_code(slot.date_time)}" for slot in item.available_times]
    return lines


def _list_picker(item: ListPickerItem) -> list[str]:
    lines = [f"List picker: {_md(item.title)}" if item.title else "List picker"]
    for section in item.sections:
        several = " (several may be picked)" if section.multiple_selection else ""
        lines += ["", f"{_md(section.title or 'Entries')}{several}", ""]
        lines += [
            f"- {_md(e.title)}" + (f" · {_md(e.subtitle)}" if e.subtitle else "") + f" {_code(e.entry_id)}"
            for e in section.entries
        ]
    return lines


# Markdown text


def _sentence(parts: list[str]) -> str:
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def _when(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"


_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


def _md(text: str) -> str:
    """Text shown literally in Markdown, on one line: punctuation that means markup escaped, characters that
    act instead of showing made visible (:func:`escape_unsafe`), leading spaces kept (not a code block)."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", "    ")
    text = _ENTITY.sub("\\&", _SPECIAL.sub(r"\\\1", text))
    text = escape_unsafe(text)
    # A line that starts like a list item or a setext underline would be read as one.
    text = _LINE_START.sub(
        lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"), text
    )
    return re.sub(r"^ +", lambda m: "\u00a0" * len(m.group()), text)


def _paragraph(text: str) -> list[str]:
    """Multi-line text as one paragraph with hard line breaks (blank lines kept as breaks too)."""
    lines = [_md(line) for line in text.strip("\r\n").splitlines()] or [""]
    return [line + "  " if i < len(lines) - 1 else line for i, line in enumerate(lines)]


def _code(text: str) -> str:
    """An inline code span that holds ``text`` whatever backticks it contains."""
    text = escape_unsafe(text.replace("\n", " "))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or not text.strip() else text
    return f"{fence}{padded}{fence}"


def _json_block(value: Any) -> list[str]:
    text = json.dumps(value, indent=2, ensure_ascii=False, default=str)
    # Such characters only occur inside JSON strings here, where \uNNNN reads back as the same character.
    text = UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return [f"{fence}json", *text.splitlines(), fence]


__all__ = ["session_to_markdown"]
