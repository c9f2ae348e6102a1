"""The org's flows and bots as the launch and bot dialogs list them (read-only calls, outside sessions)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Literal

from textbots_tui.core import parse
from textbots_tui.core.params import TargetSummary

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.api.models.listings import Flow

FLOW_PAGE_SIZE = 100
"""Flows asked for per page when listing them (the Platform API's maximum)."""

MAX_FLOW_PAGES = 50
"""How many pages of each flow type are listed at most (5,000 flows)."""

BOT_SEARCH_SIZE = 100
"""Bots asked for by the bot search (its maximum; the search has no further pages)."""

FLOW_BOT_TYPES = frozenset({"GenesysBotFlow", "GenesysDigitalBotFlow", "GenesysVoiceSurveyFlow"})
"""``botType`` values of the bot search that are Architect flows (listed as flows instead)."""


async def list_targets(client: TextbotsClient, kind: Literal["flow", "bot"]) -> list[TargetSummary]:
    """The org's bot flows (``digitalbot`` and ``bot`` types, every page) or its other bots, sorted by name.

    API errors raise the typed ``TextbotsError`` (the dialog shows it).
    """
    if kind == "bot":
        bots = await client.search_bots(page_size=BOT_SEARCH_SIZE)
        # The search also finds bot flows; those run as flow sessions, not through execute.
        targets = [parse.bot_target(bot) for bot in bots.entities if str(bot.bot_type) not in FLOW_BOT_TYPES]
    else:
        digital, classic = await asyncio.gather(_all_flows(client, "digitalbot"), _all_flows(client, "bot"))
        targets = [parse.flow_target(flow) for flow in (*digital, *classic) if flow.id]
    return sorted(targets, key=lambda target: (target.name.casefold(), target.target_id))


async def _all_flows(client: TextbotsClient, type_: str) -> list[Flow]:
    """Every flow of a type, page after page (orgs have hundreds), with the input schemas the launch dialog
    shows; at most ``MAX_FLOW_PAGES`` pages, so a runaway listing cannot hold the dialog."""
    flows: list[Flow] = []
    page_number = 1
    while True:
        page = await client.list_flows(
            type_=type_, page_number=page_number, page_size=FLOW_PAGE_SIZE, include_schemas=True
        )
        flows += page.entities
        if not page.entities or page_number >= min(page.page_count or 1, MAX_FLOW_PAGES):
            return flows
        page_number += 1
