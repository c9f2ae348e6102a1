"""Bots for ``POST /api/v2/textbots/bots/execute``: compiled from ``bot:`` documents (:mod:`.bot_compiler`),
one state per session.

Lex-like behaviour: the first message picks an intent by keywords (and fills any slot it already names),
each missing slot is asked for (``MoreData``), and once all are filled the bot replies and reports
``Complete``. Unrecognised messages get the fallback (``MoreData``, no intent) until ``maxFallbacks`` is
exceeded, then ``Failed``; a slot answer that is not recognised is asked again up to the slot's ``retries``.
The same ``botSessionId`` continues the conversation; after ``Complete`` or ``Failed`` it starts a new intent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .matchers import IntentMatcher, Matcher, TextMatcher
from .templates import Template

Message = tuple[Template, tuple[dict[str, Any], ...]]
"""A reply message: its text template and any rich content (then it is sent as ``Structured``)."""

PROVIDER_FIELDS = {
    "AmazonLex": "amazonLex",
    "GoogleDialogFlowES": "googleDialogFlow",
    "GoogleDialogFlowCX": "googleDialogFlow",
    "GenesysDialogEngine": "genesysDialogEngine",
    "GenesysBotConnector": "genesysBotConnector",
    "GenesysDigitalBotConnector": "genesysBotConnector",
    "NuanceDlg": "nuanceMixDlg",
}
"""Which ``PostTextResponse`` field carries the provider's raw response, per bot type."""


@dataclass(slots=True, eq=False)
class BotSlot:
    """A compiled slot."""

    name: str
    prompt: tuple[Message, ...]
    matcher: Matcher
    retries: int
    reprompt: tuple[Message, ...]


@dataclass(slots=True, eq=False)
class BotIntent:
    """A compiled intent."""

    name: str
    slots: tuple[BotSlot, ...]
    lookup: tuple[Template, dict[str, dict[str, Any]]] | None
    reply: tuple[Message, ...]


@dataclass(slots=True, eq=False)
class CompiledBot:
    """A bot ready to answer ``execute`` calls."""

    id: str
    name: str
    bot_type: str
    description: str | None
    language: str
    virtual_agent_enabled: bool
    fallback: tuple[Message, ...]
    failure: tuple[Message, ...]
    max_fallbacks: int
    intents: dict[str, BotIntent]
    matcher: IntentMatcher


@dataclass(slots=True)
class BotSession:
    """One ``botSessionId``'s conversation with a bot."""

    last_active: float
    intent: BotIntent | None = None
    slots: dict[str, str] = field(default_factory=dict)
    retries: int = 0
    fallbacks: int = 0
    attributes: dict[str, Any] = field(default_factory=dict)


def render(messages: tuple[Message, ...], variables: dict[str, Any]) -> list[dict[str, Any]]:
    """``PostTextMessage`` dicts."""
    out = []
    for text, content in messages:
        if content:
            out.append({"type": "Structured", "text": text.render(variables), "content": list(content)})
        else:
            out.append({"type": "Text", "text": text.render(variables)})
    return out


def converse(bot: CompiledBot, session: BotSession, text: str) -> dict[str, Any]:
    """Take one user message; returns the ``PostTextResponse`` fields the bot decides (no correlation id)."""
    intent = session.intent
    slot_to_elicit: BotSlot | None = None
    if intent is None:
        name = bot.matcher.find(text)
        if name is None:
            session.fallbacks += 1
            if session.fallbacks > bot.max_fallbacks:
                session.fallbacks = 0
                return _response(bot, session, "Failed", None, bot.failure or bot.fallback, {}, None)
            return _response(bot, session, "MoreData", None, bot.fallback, {}, None)
        intent = session.intent = bot.intents[name]
        session.fallbacks = session.retries = 0
        session.slots = {}
        for slot in intent.slots:
            # A first message such as "pick up tomorrow at 10am" may already fill slots.
            if not isinstance(slot.matcher, TextMatcher):
                value = slot.matcher.find(text)
                if value is not None:
                    session.slots[slot.name] = value
    else:
        slot_to_elicit = next(s for s in intent.slots if s.name not in session.slots)
        value = slot_to_elicit.matcher.find(text)
        if value is None:
            session.retries += 1
            if session.retries > slot_to_elicit.retries:
                session.intent, session.retries = None, 0
                return _response(
                    bot,
                    session,
                    "Failed",
                    intent,
                    bot.failure or slot_to_elicit.reprompt,
                    dict(session.slots),
                    None,
                )
            again = slot_to_elicit.reprompt or slot_to_elicit.prompt
            return _response(bot, session, "MoreData", intent, again, dict(session.slots), slot_to_elicit)
        session.slots[slot_to_elicit.name] = value
        session.retries = 0
    missing = next((s for s in intent.slots if s.name not in session.slots), None)
    if missing is not None:
        return _response(bot, session, "MoreData", intent, missing.prompt, dict(session.slots), missing)
    variables: dict[str, Any] = dict(session.slots)
    if intent.lookup is not None:
        key, table = intent.lookup
        variables.update(table.get(key.render(variables), {}))
    session.intent = None
    return _response(bot, session, "Complete", intent, intent.reply, dict(session.slots), None, variables)


def _response(
    bot: CompiledBot,
    session: BotSession,
    state: str,
    intent: BotIntent | None,
    messages: tuple[Message, ...],
    slots: dict[str, str],
    eliciting: BotSlot | None,
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    replies = render(messages, variables if variables is not None else slots)
    response: dict[str, Any] = {
        "botState": state,
        "replyMessages": replies,
        "intentName": intent.name if intent else "",
    }
    if state != "Failed":
        response["slots"] = slots
    field_name = PROVIDER_FIELDS.get(bot.bot_type)
    if field_name == "amazonLex":
        dialog_state = {"Complete": "Fulfilled", "Failed": "Failed"}.get(
            state, "ElicitSlot" if eliciting else "ElicitIntent"
        )
        raw: dict[str, Any] = {"dialogState": dialog_state}
        if intent is not None:
            raw["intentName"] = intent.name
            raw["slots"] = {s.name: slots.get(s.name) for s in intent.slots}
        if eliciting is not None:
            raw["slotToElicit"] = eliciting.name
        if replies:
            raw["message"] = " ".join(m["text"] for m in replies)
            raw["messageFormat"] = "PlainText"
        raw["sessionAttributes"] = dict(session.attributes)
        response["amazonLex"] = raw
    elif field_name is not None:
        response[field_name] = {
            "intent": intent.name if intent else None,
            "parameters": slots,
            "state": state,
            "responseText": " ".join(m["text"] for m in replies),
        }
    return response
