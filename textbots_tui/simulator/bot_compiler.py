"""Compiling a validated ``bot:`` document (:class:`~.bot_definition.BotSpec`) into a
:class:`~.bots.CompiledBot`.

Kept apart from :mod:`.bots`, which runs compiled bots: serving them needs none of the file format's models.
"""

from __future__ import annotations

from typing import Any

from . import bot_definition as b
from . import rich_items as cs
from .bots import BotIntent, BotSlot, CompiledBot, Message
from .compiler import expect_matcher, template
from .loader import DocumentError
from .matchers import IntentMatcher, Today

__all__ = ["compile_bot"]


def compile_bot(spec: b.BotSpec, today: Today) -> CompiledBot:
    """Compile a bot; raises :class:`DocumentError` with every problem found."""
    problems: list[tuple[tuple[Any, ...], str]] = []
    root: tuple[Any, ...] = ("bot",)

    def messages(items: list[b.BotMessageSpec], loc: tuple[Any, ...]) -> tuple[Message, ...]:
        out = []
        for index, item in enumerate(items):
            text = template(item.text, (*loc, index, "text"), problems)
            content: list[dict[str, Any]] = []
            rich: cs.RichItem | None = None
            if item.quick_replies is not None:
                rich = cs.QuickRepliesItem(quick_replies=item.quick_replies)
            elif item.quick_reply_v2 is not None:
                rich = cs.QuickReplyV2Item(quick_reply_v2=item.quick_reply_v2)
            elif item.card is not None:
                rich = cs.CardItem(card=item.card)
            elif item.carousel is not None:
                rich = cs.CarouselItem(carousel=item.carousel)
            elif item.attachment is not None:
                rich = cs.AttachmentItem(attachment=item.attachment)
            elif item.location is not None:
                rich = cs.LocationItem(location=item.location)
            if rich is not None:
                content = cs.rich_contents(rich, today())
            out.append((text, tuple(content)))
        return tuple(out)

    intents = {}
    for name, intent in spec.intents.items():
        loc = (*root, "intents", name)
        slots = tuple(
            BotSlot(
                slot.name,
                messages(slot.prompt, (*loc, "slots", i, "prompt")),
                expect_matcher(slot.expect, today),
                slot.retries,
                messages(slot.reprompt, (*loc, "slots", i, "reprompt")) if slot.reprompt else (),
            )
            for i, slot in enumerate(intent.slots)
        )
        lookup = None
        if intent.lookup is not None:
            lookup = (
                template(intent.lookup.key, (*loc, "lookup", "key"), problems),
                dict(intent.lookup.table),
            )
            if intent.lookup.missing is not None:
                problems.append(
                    ((*loc, "lookup", "missing"), "bots have no sequences: 'missing' is not allowed")
                )
        intents[name] = BotIntent(name, slots, lookup, messages(intent.reply, (*loc, "reply")))
    bot = CompiledBot(
        id=spec.id,
        name=spec.name,
        bot_type=spec.bot_type,
        description=spec.description,
        language=spec.language,
        virtual_agent_enabled=spec.virtual_agent_enabled,
        fallback=messages(spec.fallback, (*root, "fallback")),
        failure=messages(spec.failure, (*root, "failure")),
        max_fallbacks=spec.max_fallbacks,
        intents=intents,
        matcher=IntentMatcher({name: i.keywords for name, i in spec.intents.items()}),
    )
    if problems:
        raise DocumentError(problems)
    return bot
