"""Names of flow outcomes and milestones, for people: the API reports them by id only.

A :class:`NameResolver` asks ``GET /api/v2/flows/outcomes?id=...`` and ``GET /api/v2/flows/milestones?id=...``
once per id and keeps the answers for the life of its client (one connection, one org). Names are a nicety:
resolving never raises. When the org refuses (403: the client lacks ``architect:flowOutcome:view`` or
``architect:flowMilestone:view``) that kind is not asked again; when a call fails for another reason
(network, 5xx) the ids stay unnamed and are asked again next time. Either way callers show the ids, as before.

Everything that shows an outcome or a milestone (exit banners, the variables view, exports, the inspector,
coverage) goes through :class:`FlowNames`, so "name, or the id when there is none" has one home.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.api.exchange import Exchange
    from textbots_tui.core.events import Outcome

__all__ = ["NO_NAMES", "FlowNames", "NameResolver", "ids_of"]

logger = logging.getLogger(__name__)

Kind = Literal["outcome", "milestone"]

BATCH: Final = 100
"""Ids per request: the listing's largest page, so one page answers a batch."""


@dataclass(frozen=True, slots=True)
class FlowNames:
    """Known names of outcomes and milestones by id; anything unknown is shown by its id."""

    outcomes: Mapping[str, str] = field(default_factory=dict)
    milestones: Mapping[str, str] = field(default_factory=dict)

    def outcome(self, outcome_id: str | None) -> str:
        """The outcome's name, or its id when the name is unknown (``"?"`` without an id)."""
        if not outcome_id:
            return "?"
        return self.outcomes.get(outcome_id) or outcome_id

    def milestone(self, milestone_id: str) -> str:
        """The milestone's name, or its id when the name is unknown."""
        return self.milestones.get(milestone_id) or milestone_id

    def has_outcome(self, outcome_id: str | None) -> bool:
        """Whether the outcome's name is known (else it is shown by id)."""
        return bool(outcome_id) and outcome_id in self.outcomes

    def has_milestone(self, milestone_id: str) -> bool:
        """Whether the milestone's name is known (else it is shown by id)."""
        return milestone_id in self.milestones

    def __bool__(self) -> bool:
        return bool(self.outcomes or self.milestones)


NO_NAMES: Final = FlowNames()
"""No names known: every outcome and milestone is shown by id."""


def ids_of(outcomes: Iterable[Outcome]) -> tuple[list[str], list[str]]:
    """The outcome ids and the milestone ids in a session's outcomes, in order, without repeats."""
    outcome_ids: dict[str, None] = {}
    milestone_ids: dict[str, None] = {}
    for outcome in outcomes:
        if outcome.outcome_id:
            outcome_ids[outcome.outcome_id] = None
        for milestone in outcome.milestones:
            milestone_ids[milestone.milestone_id] = None
    return list(outcome_ids), list(milestone_ids)


class NameResolver:
    """Resolves outcome and milestone ids to names through one client, cached for that client's life.

    ``on_exchange`` sees every HTTP attempt (for an inspector or a log). Use one resolver per client: the
    controller owns one (``Controller.names``).
    """

    def __init__(
        self, client: TextbotsClient, *, on_exchange: Callable[[Exchange], None] | None = None
    ) -> None:
        self._client = client
        self._on_exchange = on_exchange
        self._names: dict[Kind, dict[str, str | None]] = {"outcome": {}, "milestone": {}}
        """Id -> name, or ``None`` when the org answered without that id (not asked again)."""
        self._refused: set[Kind] = set()
        self._lock = asyncio.Lock()

    @property
    def refused(self) -> Collection[Kind]:
        """The kinds the org refused to list (403): they are shown by id for the rest of the connection."""
        return frozenset(self._refused)

    def known(self) -> FlowNames:
        """The names resolved so far, without asking the server."""
        return FlowNames(
            MappingProxyType({k: v for k, v in self._names["outcome"].items() if v}),
            MappingProxyType({k: v for k, v in self._names["milestone"].items() if v}),
        )

    async def resolve(self, outcome_ids: Iterable[str] = (), milestone_ids: Iterable[str] = ()) -> FlowNames:
        """The names of these ids (and of every id resolved before). Never raises; unknown ones stay ids."""
        async with self._lock:  # two sessions ending together ask once
            await self._fetch("outcome", outcome_ids)
            await self._fetch("milestone", milestone_ids)
        return self.known()

    async def resolve_outcomes(self, outcomes: Iterable[Outcome]) -> FlowNames:
        """The names of a session's outcomes and their milestones (see :meth:`resolve`)."""
        outcome_ids, milestone_ids = ids_of(outcomes)
        if not outcome_ids and not milestone_ids:
            return self.known()
        return await self.resolve(outcome_ids, milestone_ids)

    async def _fetch(self, kind: Kind, ids: Iterable[str]) -> None:
        if kind in self._refused:
            return
        cache = self._names[kind]
        missing = list(dict.fromkeys(i for i in ids if i and i not in cache))
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            if not await self._fetch_batch(kind, batch):
                return

    async def _fetch_batch(self, kind: Kind, batch: list[str]) -> bool:
        """Ask for one batch; ``False`` when the kind cannot be resolved now (refused or failed)."""
        from textbots_tui.api.errors import PermissionDeniedError, TextbotsError

        call = self._client.list_flow_outcomes if kind == "outcome" else self._client.list_flow_milestones
        try:
            listing = await call(batch, page_size=BATCH, on_exchange=self._on_exchange)
        except PermissionDeniedError as exc:
            logger.info("%s names refused (%s): showing ids", kind, exc)
            self._refused.add(kind)
            return False
        except TextbotsError as exc:
            logger.info("%s names unavailable (%s): showing ids", kind, exc)
            return False
        except Exception:  # a name lookup must never end a session, whatever went wrong
            logger.exception("%s names lookup failed: showing ids", kind)
            return False
        cache = self._names[kind]
        for entity in listing.entities:
            if entity.id in batch:
                cache[entity.id] = entity.name or None
        for id_ in batch:
            cache.setdefault(id_, None)
        return True
