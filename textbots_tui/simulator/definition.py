"""The flow file format (``flow:`` documents), as pydantic models that validate a parsed YAML document.

These models only check shape and types; ``compiler`` checks cross-references (goto targets, intents,
outcomes) and turns a valid definition into the runtime program. The format is described for authors in
``docs/simulator-flows.md``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, field_validator, model_validator

from .content_spec import Spec
from .rich_items import PromptItem

VariableType = Literal["string", "integer", "number", "boolean"]
ExitReason = Literal[
    "TriggeredByUser", "AgentRequestedByUser", "TriggeredByFlow", "Error", "RecognitionFailure"
]
DisconnectReason = Literal[
    "TriggeredByUser", "TriggeredByFlow", "SessionExpired", "Error", "RecognitionFailure"
]
OutcomeValue = Literal["SUCCESS", "FAILURE"]

Prompt = Annotated[list[PromptItem], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)]
"""A prompt: one text, or a list of texts and rich items, each becoming one segment."""


class VariableSpec(Spec):
    """A flow input or output variable. ``Flow.X: string`` is short for ``Flow.X: {type: string}``."""

    type: VariableType = "string"
    default: str | int | float | bool | None = None
    description: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"type": data} if isinstance(data, str) else data


class ExpectSpec(Spec):
    """How a free-text answer is recognised. ``expect: number`` is short for ``expect: {type: number}``."""

    type: Literal["number", "regex", "oneOf", "yesNo", "date", "time", "text"]
    min_digits: int | None = Field(default=None, ge=1)
    max_digits: int | None = Field(default=None, ge=1)
    min: int | None = None
    max: int | None = None
    pattern: str | None = None
    values: list[str] | dict[str, list[str]] | None = None
    allow_past: bool = False

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"type": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _check_type_fields(self) -> ExpectSpec:
        if self.type == "regex":
            if not self.pattern:
                raise ValueError("a regex expectation needs a pattern")
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"invalid regular expression: {exc}") from None
        if self.type == "oneOf" and not self.values:
            raise ValueError("a oneOf expectation needs values")
        return self


class RetrySpec(Spec):
    """What a question does when the answer is not recognised (``noMatch``) or does not come (``noInput``).

    The question is asked again with the next reprompt (the last one repeats) up to ``retries`` times; one
    more failure runs ``then`` (or the flow's ``onRecognitionFailure``).
    """

    retries: int | None = Field(default=None, ge=0)
    reprompts: list[str] = Field(default_factory=list)
    then: list[Action] | None = None


class AskSpec(Spec):
    """A question that waits for the user (Architect's Ask for Slot / Ask for Intent)."""

    prompt: Prompt
    slot: str | None = None
    expect: ExpectSpec | None = None
    intents: list[str] | Literal["all"] | None = None
    branches: dict[str, str] = Field(default_factory=dict)
    no_match: RetrySpec | None = None
    no_input: RetrySpec | None = None
    no_input_timeout_ms: int | None = Field(default=None, ge=0)


class LookupSpec(Spec):
    """Find ``key`` (a template) in ``table`` and copy the row's variables; else jump to ``missing``."""

    key: str
    table: dict[str, dict[str, str | int | float | bool | None]]
    missing: str | None = None


class BranchSpec(Spec):
    """Jump on a variable's value (compared case-insensitively)."""

    variable: str
    cases: dict[str, str]
    default: str | None = None


class ExitSpec(Spec):
    """End the bot flow, handing back to the caller. ``exit: AgentRequestedByUser`` gives just the reason."""

    reason: ExitReason = "TriggeredByFlow"
    info: str | None = None
    intent: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"reason": data} if isinstance(data, str) else data


class DisconnectSpec(Spec):
    """End the whole interaction. ``disconnect: TriggeredByFlow`` is short for the reason."""

    reason: DisconnectReason = "TriggeredByFlow"
    info: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"reason": data} if isinstance(data, str) else data


class ActionSpec(Spec):
    """Fields every action may carry beside its kind: ``name``, the action name reported in flow locations."""

    name: str | None = None


class SayAction(ActionSpec):
    """``say``: output texts and rich items."""

    say: Prompt


class PauseAction(ActionSpec):
    """``pause``: end this turn with ``nextActionType: NoOp``; the flow goes on at the next NoOp turn."""

    pause: Literal[True] = True

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, data: Any) -> Any:
        return {"pause": True} if data == "pause" else data


class AskAction(ActionSpec):
    """``ask``: a question; the flow waits for input."""

    ask: AskSpec


class SetAction(ActionSpec):
    """``set``: assign variables; string values are templates."""

    set: dict[str, str | int | float | bool | None]


class LookupAction(ActionSpec):
    """``lookup``: a table lookup."""

    lookup: LookupSpec


class BranchAction(ActionSpec):
    """``branch``: a switch on a variable."""

    branch: BranchSpec


class GotoAction(ActionSpec):
    """``goto``: continue in another sequence."""

    goto: str


class StartOutcomeAction(ActionSpec):
    """``startOutcome``: start tracking a flow outcome."""

    start_outcome: str


class SetOutcomeAction(ActionSpec):
    """``setOutcome``: record an outcome's result, e.g. ``{order_tracked: SUCCESS}``."""

    set_outcome: dict[str, OutcomeValue] = Field(min_length=1)


class MilestoneAction(ActionSpec):
    """``milestone``: a milestone reached (starting its outcome if needed)."""

    milestone: str


class ExitAction(ActionSpec):
    """``exit``: the bot flow ends and hands control back."""

    exit: ExitSpec


class DisconnectAction(ActionSpec):
    """``disconnect``: the interaction ends."""

    disconnect: DisconnectSpec


ACTION_KEYS = {
    "say": "<say>",
    "pause": "<pause>",
    "ask": "<ask>",
    "set": "<set>",
    "lookup": "<lookup>",
    "branch": "<branch>",
    "goto": "<goto>",
    "startOutcome": "<startOutcome>",
    "setOutcome": "<setOutcome>",
    "milestone": "<milestone>",
    "exit": "<exit>",
    "disconnect": "<disconnect>",
}
"""The keys that name an action, and the tags pydantic puts in error locations for them."""


def _action_tag(value: Any) -> str | None:
    if value == "pause":
        return "<pause>"
    if isinstance(value, dict):
        keys = [ACTION_KEYS[k] for k in value if k in ACTION_KEYS]
        return keys[0] if len(keys) == 1 else None
    return None


Action = Annotated[
    Annotated[SayAction, Tag("<say>")]
    | Annotated[PauseAction, Tag("<pause>")]
    | Annotated[AskAction, Tag("<ask>")]
    | Annotated[SetAction, Tag("<set>")]
    | Annotated[LookupAction, Tag("<lookup>")]
    | Annotated[BranchAction, Tag("<branch>")]
    | Annotated[GotoAction, Tag("<goto>")]
    | Annotated[StartOutcomeAction, Tag("<startOutcome>")]
    | Annotated[SetOutcomeAction, Tag("<setOutcome>")]
    | Annotated[MilestoneAction, Tag("<milestone>")]
    | Annotated[ExitAction, Tag("<exit>")]
    | Annotated[DisconnectAction, Tag("<disconnect>")],
    Discriminator(
        _action_tag,
        custom_error_type="action",
        custom_error_message="an action is a mapping with exactly one of: " + ", ".join(ACTION_KEYS),
    ),
]
"""One step of a sequence."""


class MilestoneSpec(Spec):
    """A flow milestone: its id as reported and its name (``key: ID`` is short for ``key: {id: ID}``).

    Without a name, ``GET /api/v2/flows/milestones`` reports the key.
    """

    id: str = Field(min_length=1)
    name: str | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"id": data} if isinstance(data, str) else data


class OutcomeSpec(Spec):
    """A flow outcome (its id as reported, its name) and its milestones by key.

    Without a name, ``GET /api/v2/flows/outcomes`` reports the key.
    """

    id: str = Field(min_length=1)
    name: str | None = Field(default=None, min_length=1)
    milestones: dict[str, MilestoneSpec] = Field(default_factory=dict)


class ErrorHandlingSpec(Spec):
    """Architect's flow-level handling of the ``Error`` event: a handover message, then exit or disconnect."""

    handover: str | None = None
    """Said first (a template: ``{Error.Code}`` and ``{Error.Message}`` are set)."""
    then: Literal["exit", "disconnect"] = "exit"


class FlowSpec(Spec):
    """A bot flow: identity, variables, intents, outcomes and the sequences of actions."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    type: Literal["DIGITALBOT", "BOT"] = "DIGITALBOT"
    description: str | None = None
    language: str = "en-us"
    version: str = "1.0"
    no_input_timeout_ms: int | None = Field(default=None, ge=0)
    inputs: dict[str, VariableSpec] = Field(default_factory=dict)
    outputs: dict[str, VariableSpec] = Field(default_factory=dict)
    intents: dict[str, list[str]] = Field(default_factory=dict)
    outcomes: dict[str, OutcomeSpec] = Field(default_factory=dict)
    start: str | None = None
    error_handling: ErrorHandlingSpec | None = None
    on_error: list[Action] | None = None
    on_recognition_failure: list[Action] | None = None
    sequences: dict[str, list[Action]] = Field(min_length=1)

    @field_validator("sequences")
    @classmethod
    def _not_empty(cls, sequences: dict[str, list[Any]]) -> dict[str, list[Any]]:
        for name, actions in sequences.items():
            if not actions:
                raise ValueError(f"sequence '{name}' has no actions")
        return sequences

    @model_validator(mode="after")
    def _timeout_only_for_digital(self) -> FlowSpec:
        if self.type == "BOT" and self.no_input_timeout_ms is not None:
            raise ValueError("noInputTimeoutMs is only returned for DIGITALBOT flows")
        if self.error_handling is not None and self.on_error is not None:
            raise ValueError("give errorHandling or onError, not both")
        return self


class FlowDocument(Spec):
    """A YAML document holding one flow."""

    flow: FlowSpec


RetrySpec.model_rebuild()
AskSpec.model_rebuild()
OutcomeSpec.model_rebuild()
FlowSpec.model_rebuild()
