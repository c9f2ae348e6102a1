"""The bot file format (``bot:`` documents) for ``/api/v2/textbots/bots/execute``: intents with slots.

A bot recognises an intent by keywords, asks for each missing slot (``MoreData``), then replies and reports
``Complete``; too many unrecognised answers give ``Failed``. The format is described in
``docs/simulator-flows.md``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .content_spec import (
    AttachmentSpec,
    CardSpec,
    CarouselSpec,
    LocationSpec,
    QuickReplyGroupSpec,
    QuickReplySpec,
    Spec,
)
from .definition import ExpectSpec, LookupSpec

BotType = Literal[
    "GenesysBotConnector",
    "GenesysDialogEngine",
    "AmazonLex",
    "GoogleDialogFlowES",
    "GoogleDialogFlowCX",
    "NuanceDlg",
    "GenesysDigitalBotConnector",
]


class BotMessageSpec(Spec):
    """One reply message: a text, optionally with one rich item (then it is sent as ``Structured``).

    A bare string is a ``Text`` message.
    """

    text: str = Field(min_length=1)
    quick_replies: list[QuickReplySpec] | None = None
    quick_reply_v2: QuickReplyGroupSpec | None = None
    card: CardSpec | None = None
    carousel: CarouselSpec | None = None
    attachment: AttachmentSpec | None = None
    location: LocationSpec | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_rich_item(self) -> BotMessageSpec:
        rich = [
            k
            for k in ("quick_replies", "quick_reply_v2", "card", "carousel", "attachment", "location")
            if getattr(self, k) is not None
        ]
        if len(rich) > 1:
            raise ValueError("a message carries at most one rich item")
        return self


BotMessages = list[BotMessageSpec]


class BotSlotSpec(Spec):
    """A slot the intent needs: asked with ``prompt`` until ``expect`` recognises an answer."""

    name: str = Field(min_length=1)
    prompt: BotMessages = Field(min_length=1)
    expect: ExpectSpec = ExpectSpec(type="text")
    retries: int = Field(default=2, ge=0)
    reprompt: BotMessages | None = None

    @model_validator(mode="before")
    @classmethod
    def _single_prompt(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("prompt", "reprompt"):
                if isinstance(data.get(key), (str, dict)):
                    data = {**data, key: [data[key]]}
        return data


class BotIntentSpec(Spec):
    """An intent: the keywords that recognise it, its slots, and the reply once every slot is filled."""

    keywords: list[str] = Field(min_length=1)
    slots: list[BotSlotSpec] = Field(default_factory=list)
    lookup: LookupSpec | None = None
    reply: BotMessages = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _single_reply(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("reply"), (str, dict)):
            data = {**data, "reply": [data["reply"]]}
        return data


class BotSpec(Spec):
    """A bot reached through an integration by ``execute``."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    bot_type: BotType = "AmazonLex"
    description: str | None = None
    language: str = "en-US"
    virtual_agent_enabled: bool = False
    fallback: BotMessages = Field(min_length=1)
    max_fallbacks: int = Field(default=2, ge=0)
    failure: BotMessages = Field(default_factory=list)
    intents: dict[str, BotIntentSpec] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _single_messages(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("fallback", "failure"):
                if isinstance(data.get(key), (str, dict)):
                    data = {**data, key: [data[key]]}
        return data


class BotDocument(Spec):
    """A YAML document holding one bot."""

    bot: BotSpec
