"""Read-only listings: Architect flows and bots found by the bot search (§1a, to pick a target), and the
names of flow outcomes and milestones (to show names instead of ids)."""

from __future__ import annotations

from typing import Annotated, Any

from textbots_tui.api.enums import BotType, FlowType
from textbots_tui.api.models._base import OPEN_ENUM, ResponseModel, WireModel


class FlowVersion(WireModel):
    """A flow version (only what a picker shows; the rest is kept as extra fields)."""

    id: str | None = None
    name: str | None = None


class SupportedLanguage(WireModel):
    """A language a flow supports."""

    language: str | None = None
    is_default: bool | None = None


class Flow(WireModel):
    """An Architect flow (the fields a picker needs; the many others are kept as extra fields)."""

    id: str | None = None
    name: str
    description: str | None = None
    type: Annotated[FlowType | str | None, OPEN_ENUM] = None
    active: bool | None = None
    published_version: FlowVersion | None = None
    supported_languages: list[SupportedLanguage] | None = None
    input_schema: dict[str, Any] | None = None
    """The flow's input variables as a JSON schema (with ``includeSchemas=true``)."""
    output_schema: dict[str, Any] | None = None
    self_uri: str | None = None


class FlowEntityListing(ResponseModel):
    """A page of flows from ``GET /api/v2/flows``."""

    entities: list[Flow] = []
    page_size: int | None = None
    page_number: int | None = None
    total: int | None = None
    page_count: int | None = None
    first_uri: str | None = None
    last_uri: str | None = None
    self_uri: str | None = None
    next_uri: str | None = None
    previous_uri: str | None = None


class BotSearchResponse(WireModel):
    """A bot or bot flow found by ``GET /api/v2/textbots/bots/search``."""

    id: str
    name: str
    bot_type: Annotated[BotType | str, OPEN_ENUM]
    description: str | None = None
    virtual_agent_enabled: bool | None = None
    self_uri: str | None = None


class BotSearchResponseEntityListing(ResponseModel):
    """The bot search result."""

    entities: list[BotSearchResponse] = []


class NamedEntity(WireModel):
    """An Architect object known by id and name (a flow outcome or milestone); other fields kept as extras."""

    id: str
    name: str | None = None
    description: str | None = None
    self_uri: str | None = None


class NamedEntityListing(ResponseModel):
    """A page of ``FlowOutcomeListing`` (``GET /api/v2/flows/outcomes``) or ``FlowMilestoneListing``
    (``GET /api/v2/flows/milestones``): the two share their shape."""

    entities: list[NamedEntity] = []
    page_size: int | None = None
    page_number: int | None = None
    total: int | None = None
    page_count: int | None = None
    next_uri: str | None = None
    self_uri: str | None = None


class FlowIntent(WireModel):
    """An intent a flow's configuration declares (its name; other fields kept as extras)."""

    name: str | None = None


class FlowConfiguration(ResponseModel):
    """``GET /api/v2/flows/{flowId}/latestconfiguration``: a flow's configuration. An org answers with
    Architect's own document, whose parts are kept as extras; the lists read here (outcomes, milestones and
    intents the flow declares, which the simulator serves) are ``None`` when the document has none."""

    id: str | None = None
    name: str | None = None
    outcomes: list[NamedEntity] | None = None
    milestones: list[NamedEntity] | None = None
    intents: list[FlowIntent] | None = None
