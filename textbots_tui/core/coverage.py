"""Coverage of a run: per flow or bot, what the sessions reached and, where the target can tell, what not.

:class:`CoverageCollector` takes each finished session's events (cheap: counting, no requests) and
:func:`build_report` turns the counts into a :class:`CoverageReport`, asking the target once per run for
what it can tell: outcome and milestone names (``GET /api/v2/flows/outcomes?id=``, ``.../milestones?id=``,
through the connection's :class:`~textbots_tui.core.names.NameResolver`) and what a flow declares
(``GET /api/v2/flows/{flowId}/latestconfiguration``: its outcomes, milestones and intents). When those calls
are refused or say nothing, ids are shown and nothing is listed as never reached: coverage still works.

What is counted, per target:

- outcomes (with their ``SUCCESS``/``FAILURE`` values) and milestones;
- where sessions ended (sequence and action), exit and disconnect reasons;
- intents (a flow's ``activeIntent`` at exit, a bot's ``intent``) and slots filled (a bot's slots);
- choices offered versus choices taken (labels that move, such as dates, counted by their pattern).

The JSON form (:meth:`CoverageReport.to_json`) is documented in ``docs/coverage.md`` and stable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textbots_tui.core.events import (
    BotOutput,
    Event,
    SessionEnded,
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.core.placeholders import generalise

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.core.names import NameResolver

FORMAT = "textbots-tui coverage"
VERSION = 1


@dataclass(slots=True)
class TargetCounts:
    """What the sessions of one flow or bot reached."""

    kind: str
    """``flow`` or ``bot``."""
    target_id: str
    sessions: int = 0
    outcomes: dict[str, Counter[str]] = field(default_factory=dict)
    """Outcome id -> how often each value (``SUCCESS``, ``FAILURE``, ``""`` for none) was reported."""
    milestones: Counter[str] = field(default_factory=Counter)
    end_locations: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(sequence name, action name) -> sessions that ended there."""
    exit_reasons: Counter[str] = field(default_factory=Counter)
    disconnect_reasons: Counter[str] = field(default_factory=Counter)
    intents: Counter[str] = field(default_factory=Counter)
    slots: Counter[str] = field(default_factory=Counter)
    offered: Counter[str] = field(default_factory=Counter)
    taken: Counter[str] = field(default_factory=Counter)


class CoverageCollector:
    """Counts what each session reached, by target. Feed it sessions as they finish."""

    def __init__(self) -> None:
        self.targets: dict[tuple[str, str], TargetCounts] = {}

    def add_session(self, params: FlowLaunchParams | BotParams, events: Iterable[Event]) -> None:
        """Count one session's events."""
        kind, target_id = (
            ("bot", params.bot_id) if isinstance(params, BotParams) else ("flow", params.flow_id)
        )
        counts = self.targets.setdefault((kind, target_id), TargetCounts(kind, target_id))
        counts.sessions += 1
        for event in events:
            if isinstance(event, WaitingForInput):
                counts.offered.update({_choice_key(c.label) for c in event.choices})
            elif isinstance(event, UserInputSent) and event.choice is not None:
                counts.taken[_choice_key(event.choice.label)] += 1
            elif isinstance(event, BotOutput):
                if event.intent:
                    counts.intents[event.intent] += 1
                counts.slots.update(
                    name for name, value in (event.slots or {}).items() if value not in (None, "")
                )
            elif isinstance(event, SessionEnded):
                _count_end(counts, event)


def _count_end(counts: TargetCounts, ended: SessionEnded) -> None:
    (counts.exit_reasons if ended.how == "exit" else counts.disconnect_reasons)[ended.reason] += 1
    if ended.flow_location is not None:
        location = ended.flow_location
        counts.end_locations[(location.sequence_name, location.action_name)] += 1
    if ended.active_intent:
        counts.intents[ended.active_intent] += 1
    for outcome in ended.outcomes:
        if outcome.outcome_id:
            counts.outcomes.setdefault(outcome.outcome_id, Counter())[outcome.value or ""] += 1
        counts.milestones.update(m.milestone_id for m in outcome.milestones)


def _choice_key(label: str) -> str:
    """A choice as counted: its label, or the label's pattern when it moves (``{date} 09:00``)."""
    return generalise(label) or label


@dataclass(frozen=True, slots=True)
class Declared:
    """What a flow declares it has (from its configuration), when the target tells."""

    name: str | None = None
    outcomes: dict[str, str | None] = field(default_factory=dict)
    """Outcome id -> name."""
    milestones: dict[str, str | None] = field(default_factory=dict)
    intents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TargetCoverage:
    """One target's coverage: its counts, names, and what it declares (``None``: the target cannot tell)."""

    counts: TargetCounts
    outcome_names: dict[str, str]
    milestone_names: dict[str, str]
    declared: Declared | None

    def to_json(self) -> dict[str, Any]:
        """The target's part of the coverage JSON (see ``docs/coverage.md``)."""
        c, declared = self.counts, self.declared
        outcome_ids = sorted(set(c.outcomes) | set(declared.outcomes if declared else ()))
        milestone_ids = sorted(set(c.milestones) | set(declared.milestones if declared else ()))
        intents = sorted(set(c.intents) | set(declared.intents if declared else ()))
        choices = sorted(set(c.offered) | set(c.taken))
        return {
            "kind": c.kind,
            "id": c.target_id,
            "name": declared.name if declared and declared.name else None,
            "sessions": c.sessions,
            "declared": declared is not None,
            "outcomes": [
                {
                    "id": oid,
                    "name": self._name(oid, self.outcome_names, declared.outcomes if declared else {}),
                    "reached": sum(c.outcomes.get(oid, Counter()).values()),
                    "values": {
                        value or "none": n for value, n in sorted(c.outcomes.get(oid, Counter()).items())
                    },
                }
                for oid in outcome_ids
            ],
            "milestones": [
                {
                    "id": mid,
                    "name": self._name(mid, self.milestone_names, declared.milestones if declared else {}),
                    "reached": c.milestones.get(mid, 0),
                }
                for mid in milestone_ids
            ],
            "endLocations": [
                {"sequenceName": seq, "actionName": action, "sessions": n}
                for (seq, action), n in sorted(c.end_locations.items())
            ],
            "exitReasons": dict(sorted(c.exit_reasons.items())),
            "disconnectReasons": dict(sorted(c.disconnect_reasons.items())),
            "intents": [{"name": name, "reached": c.intents.get(name, 0)} for name in intents],
            "slots": dict(sorted(c.slots.items())),
            "choices": [
                {"label": label, "offered": c.offered.get(label, 0), "taken": c.taken.get(label, 0)}
                for label in choices
            ],
            "neverReached": {
                "outcomes": [o for o in outcome_ids if o not in c.outcomes] if declared else None,
                "milestones": [m for m in milestone_ids if m not in c.milestones] if declared else None,
                "intents": [i for i in intents if i not in c.intents] if declared else None,
                "choices": [label for label in choices if label not in c.taken],
            },
        }

    @staticmethod
    def _name(item_id: str, resolved: dict[str, str], declared: dict[str, str | None]) -> str | None:
        return resolved.get(item_id) or declared.get(item_id)


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """Coverage of every target of a run."""

    targets: tuple[TargetCoverage, ...]

    def to_json(self) -> dict[str, Any]:
        """The report as JSON data: ``{"format", "version", "targets": [...]}``, targets by kind and id."""
        return {"format": FORMAT, "version": VERSION, "targets": [t.to_json() for t in self.targets]}


async def build_report(
    collector: CoverageCollector, client: TextbotsClient, names: NameResolver
) -> CoverageReport:
    """Name what was reached and add what each flow declares, asking the target (never raises)."""
    outcome_ids = sorted({o for t in collector.targets.values() for o in t.outcomes})
    milestone_ids = sorted({m for t in collector.targets.values() for m in t.milestones})
    known = await names.resolve(outcome_ids, milestone_ids)
    targets = []
    for (kind, target_id), counts in sorted(collector.targets.items()):
        declared = await declared_by(client, target_id) if kind == "flow" else None
        targets.append(
            TargetCoverage(
                counts,
                {o: known.outcome(o) for o in counts.outcomes if known.has_outcome(o)},
                {m: known.milestone(m) for m in counts.milestones if known.has_milestone(m)},
                declared,
            )
        )
    return CoverageReport(tuple(targets))


async def declared_by(client: TextbotsClient, flow_id: str) -> Declared | None:
    """What a flow's latest configuration declares (outcomes, milestones, intents), or ``None`` when the
    target cannot tell (refused, missing, or a configuration without these lists)."""
    from textbots_tui.api.errors import TextbotsError

    try:
        config = await client.get_flow_configuration(flow_id)
    except TextbotsError:
        return None
    if config.outcomes is None and config.milestones is None and config.intents is None:
        return None
    return Declared(
        name=config.name,
        outcomes={o.id: o.name for o in config.outcomes or ()},
        milestones={m.id: m.name for m in config.milestones or ()},
        intents=tuple(i.name for i in config.intents or () if i.name),
    )


__all__ = [
    "CoverageCollector",
    "CoverageReport",
    "Declared",
    "TargetCounts",
    "TargetCoverage",
    "build_report",
    "declared_by",
]
