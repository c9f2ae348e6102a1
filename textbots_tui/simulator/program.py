"""The compiled form of a flow: blocks of operations the engine steps through.

Everything here is built once when a flow loads (templates compiled, rich content turned into wire dicts,
choices indexed, goto targets resolved to blocks), so running a turn does no parsing and no validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .matchers import IntentMatcher, Matcher
from .templates import Template

Segment = Template | dict[str, Any]
"""A prompt segment: a text template (a Text segment once rendered) or a ready RichMedia segment dict."""

Location = dict[str, Any]
"""A wire ``TextBotFlowLocation``: actionName, actionNumber, sequenceName."""


@dataclass(slots=True, eq=False)
class Block:
    """A list of operations; ``resume`` is where an inline ``then`` block continues afterwards.

    A block without ``resume`` that runs off its end exits the flow with ``end_reason``.
    """

    name: str
    ops: list[Op] = field(default_factory=list)
    resume: tuple[Block, int] | None = None
    end_reason: str = "TriggeredByFlow"


@dataclass(slots=True, eq=False)
class Op:
    """Base of every operation: where it sits, as reported in flow locations (``None``: where the flow is)."""

    location: Location | None


@dataclass(slots=True, eq=False)
class SayOp(Op):
    """Output segments."""

    segments: tuple[Segment, ...]


@dataclass(slots=True, eq=False)
class PauseOp(Op):
    """End the turn with NoOp, if anything was said in it."""


@dataclass(slots=True, eq=False)
class RetryPolicy:
    """No-match or no-input handling of a question."""

    retries: int
    reprompts: tuple[Template, ...]
    then: Block | None


@dataclass(slots=True, eq=False)
class AskOp(Op):
    """A question: output the prompt, wait, recognise the answer, store it and branch."""

    prompt: tuple[Segment, ...]
    rich: tuple[dict[str, Any], ...]
    choices: dict[str, tuple[str, str | None]]
    """Normalised payload or unambiguous label -> (payload, intent)."""
    intents: IntentMatcher | None
    matcher: Matcher | None
    slot: str | None
    branches: dict[str, Block]
    """Case-folded value -> block to continue in."""
    no_match: RetryPolicy
    no_input: RetryPolicy
    no_input_timeout_ms: int | None


@dataclass(slots=True, eq=False)
class SetOp(Op):
    """Assign variables (templates are rendered, other values copied)."""

    assignments: tuple[tuple[str, Any], ...]


@dataclass(slots=True, eq=False)
class LookupOp(Op):
    """Copy a table row's variables, or jump to ``missing``."""

    key: Template
    table: dict[str, dict[str, Any]]
    missing: Block | None


@dataclass(slots=True, eq=False)
class BranchOp(Op):
    """Jump on a variable's (case-folded) value."""

    variable: str
    cases: dict[str, Block]
    default: Block | None


@dataclass(slots=True, eq=False)
class GotoOp(Op):
    """Continue in another block."""

    target: Block


@dataclass(slots=True, eq=False)
class OutcomeOp(Op):
    """Start outcomes, set their values, or reach a milestone."""

    start: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()
    milestone: tuple[str, str] | None = None
    """(outcome key, milestone id)"""


@dataclass(slots=True, eq=False)
class ExitOp(Op):
    """End the flow with Exit."""

    reason: str
    info: Template | None
    intent: str | None


@dataclass(slots=True, eq=False)
class DisconnectOp(Op):
    """End the interaction with Disconnect."""

    reason: str
    info: Template | None


@dataclass(slots=True, eq=False)
class CompiledFlow:
    """A flow ready to run, plus what the listing endpoints report about it."""

    id: str
    name: str
    type: str
    description: str | None
    language: str
    version: str
    no_input_timeout_ms: int | None
    inputs: dict[str, tuple[str, Any]]
    """Name -> (type, default)."""
    outputs: tuple[str, ...]
    outcome_ids: dict[str, str]
    outcome_names: dict[str, str]
    """Outcome id -> name, for ``GET /api/v2/flows/outcomes``."""
    milestone_names: dict[str, str]
    """Milestone id -> name, for ``GET /api/v2/flows/milestones``."""
    start: Block
    on_error: Block
    on_recognition_failure: Block
    input_schema: dict[str, Any]
    output_schema: dict[str, Any]
    intent_names: tuple[str, ...] = ()
    """The intents the flow declares, for its configuration (coverage lists those never reached)."""
