"""Turning a validated :class:`~.definition.FlowSpec` into a :class:`~.program.CompiledFlow`.

The compiler resolves names (sequences, intents, outcomes, milestones) and reports each unknown one with its
location in the document, so the loader can point at the line.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import definition as d
from . import rich_items as cs
from .content_spec import ChoiceSpec
from .loader import DocumentError
from .matchers import (
    DateMatcher,
    IntentMatcher,
    Matcher,
    NumberMatcher,
    OneOfMatcher,
    RegexMatcher,
    TextMatcher,
    TimeMatcher,
    Today,
    normalize,
    yes_no_matcher,
)
from .program import (
    AskOp,
    Block,
    BranchOp,
    CompiledFlow,
    DisconnectOp,
    ExitOp,
    GotoOp,
    Location,
    LookupOp,
    Op,
    OutcomeOp,
    PauseOp,
    RetryPolicy,
    SayOp,
    Segment,
    SetOp,
)
from .templates import Template

Loc = tuple[Any, ...]

DEFAULT_ACTION_NAMES: dict[type, str] = {
    d.SayAction: "Communicate",
    d.PauseAction: "Communicate",
    d.SetAction: "Update Data",
    d.LookupAction: "Call Data Action",
    d.BranchAction: "Switch",
    d.GotoAction: "Jump to Reusable Task",
    d.StartOutcomeAction: "Initialize Flow Outcome",
    d.SetOutcomeAction: "Set Flow Outcome",
    d.MilestoneAction: "Add Flow Milestone",
    d.ExitAction: "Exit Bot Flow",
    d.DisconnectAction: "Disconnect",
}
DEFAULT_REPROMPT = "Sorry, I didn't understand that."
JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def expect_matcher(spec: d.ExpectSpec, today: Today) -> Matcher:
    """The matcher for an ``expect`` (shared with bots)."""
    match spec.type:
        case "number":
            return NumberMatcher(spec.min_digits, spec.max_digits, spec.min, spec.max)
        case "regex":
            return RegexMatcher(spec.pattern or "")
        case "oneOf":
            values = spec.values or []
            options = values if isinstance(values, dict) else {v: [] for v in values}
            return OneOfMatcher(options)
        case "yesNo":
            return yes_no_matcher()
        case "date":
            return DateMatcher(spec.allow_past, today)
        case "time":
            return TimeMatcher()
    return TextMatcher()


def template(text: str, loc: Loc, problems: list[tuple[Loc, str]]) -> Template:
    """Compile a template, recording a bad filter as a problem."""
    try:
        return Template(text)
    except ValueError as exc:
        problems.append((loc, str(exc)))
        return Template(text.replace("{", "{{").replace("}", "}}"))


def compile_prompt(
    prompt: list[Any], today: date, loc: Loc, problems: list[tuple[Loc, str]]
) -> tuple[tuple[Segment, ...], tuple[dict[str, Any], ...], list[ChoiceSpec]]:
    """Segments of a prompt, its rich segments alone (for reprompts) and the choices it offers."""
    items = prompt
    segments: list[Segment] = []
    rich: list[dict[str, Any]] = []
    choices: list[ChoiceSpec] = []
    for index, item in enumerate(items):
        if isinstance(item, str):
            segments.append(template(item, (*loc, index), problems))
        else:
            segment = {"text": "", "type": "RichMedia", "content": cs.rich_contents(item, today)}
            segments.append(segment)
            rich.append(segment)
            choices.extend(cs.rich_choices(item, today))
    return tuple(segments), tuple(rich), choices


def choice_table(choices: list[ChoiceSpec]) -> dict[str, tuple[str, str | None]]:
    """Index choices by normalised payload, and by label when no other choice shares it."""
    table: dict[str, tuple[str, str | None]] = {}
    for choice in choices:
        table.setdefault(normalize(choice.payload), (choice.payload, choice.intent))
    labels: dict[str, list[ChoiceSpec]] = {}
    for choice in choices:
        if choice.label:
            labels.setdefault(normalize(choice.label), []).append(choice)
    for label, owners in labels.items():
        if len({c.payload for c in owners}) == 1:
            table.setdefault(label, (owners[0].payload, owners[0].intent))
    return table


class FlowCompiler:
    """Compiles one flow; collects every problem rather than stopping at the first."""

    def __init__(self, spec: d.FlowSpec, today: Today) -> None:
        self.spec = spec
        self.today = today
        self.day = today()
        self.problems: list[tuple[Loc, str]] = []
        self.number = 0
        self.blocks = {name: Block(name) for name in spec.sequences}
        self.milestones = {
            key: (outcome_key, milestone.id)
            for outcome_key, outcome in spec.outcomes.items()
            for key, milestone in outcome.milestones.items()
        }
        self.all_intents = IntentMatcher(spec.intents) if spec.intents else None

    def compile(self) -> CompiledFlow:
        """The compiled flow; raises :class:`DocumentError` listing every problem."""
        spec = self.spec
        root: Loc = ("flow",)
        for name, actions in spec.sequences.items():
            self.fill(self.blocks[name], actions, (*root, "sequences", name))
        start = self.target(spec.start or next(iter(spec.sequences)), (*root, "start"))
        on_error = Block("Error Handling", end_reason="Error")
        if spec.on_error:
            self.fill(on_error, spec.on_error, (*root, "onError"))
        else:
            on_error.ops = self.error_handling(spec.error_handling, (*root, "errorHandling"))
        on_failure = Block("Recognition Failure", end_reason="RecognitionFailure")
        if spec.on_recognition_failure:
            self.fill(on_failure, spec.on_recognition_failure, (*root, "onRecognitionFailure"))
        else:
            info = Template("The customer's answer was not recognised")
            on_failure.ops = [ExitOp(None, "RecognitionFailure", info, None)]
        if self.problems:
            raise DocumentError(self.problems)
        timeout = spec.no_input_timeout_ms
        if spec.type == "DIGITALBOT" and timeout is None:
            timeout = 300000
        return CompiledFlow(
            id=spec.id,
            name=spec.name,
            type=spec.type,
            description=spec.description,
            language=spec.language,
            version=spec.version,
            no_input_timeout_ms=timeout,
            inputs={name: (v.type, v.default) for name, v in spec.inputs.items()},
            outputs=tuple(spec.outputs),
            outcome_ids={k: o.id for k, o in spec.outcomes.items()},
            outcome_names={o.id: o.name or k for k, o in spec.outcomes.items()},
            milestone_names={
                m.id: m.name or key for o in spec.outcomes.values() for key, m in o.milestones.items()
            },
            start=start or Block("Start"),
            on_error=on_error,
            on_recognition_failure=on_failure,
            input_schema=_schema(spec.name, "input", spec.inputs),
            output_schema=_schema(spec.name, "output", spec.outputs),
            intent_names=tuple(spec.intents),
        )

    def error_handling(self, spec: d.ErrorHandlingSpec | None, loc: Loc) -> list[Op]:
        """The ``Error`` event as Architect's flow setting handles it: the handover message, then the flow
        exits or disconnects (reason ``Error``), as the setting says (exit by default)."""
        info = Template("{Error.Code}: {Error.Message}")
        ops: list[Op] = []
        if spec is not None and spec.handover:
            ops.append(SayOp(None, (template(spec.handover, (*loc, "handover"), self.problems),)))
        self.number += 1
        disconnect = spec is not None and spec.then == "disconnect"
        name = "Disconnect on Error" if disconnect else "Exit on Error"
        where = {"actionName": name, "actionNumber": self.number, "sequenceName": "Error"}
        ops.append(DisconnectOp(where, "Error", info) if disconnect else ExitOp(where, "Error", info, None))
        return ops

    def target(self, name: str, loc: Loc) -> Block | None:
        """The block of a sequence name, recording an unknown one as a problem."""
        block = self.blocks.get(name)
        if block is None:
            known = ", ".join(self.blocks)
            self.problems.append((loc, f"no sequence named '{name}' (sequences: {known})"))
        return block

    def fill(self, block: Block, actions: list[Any], loc: Loc) -> None:
        """Compile actions into ``block``; a question's inline ``then`` resumes after the question."""
        block.ops = [self.op(action, block.name, (*loc, index)) for index, action in enumerate(actions)]
        for index, op in enumerate(block.ops):
            if isinstance(op, AskOp):
                for policy in (op.no_match, op.no_input):
                    if policy.then is not None:
                        policy.then.resume = (block, index + 1)

    def location(self, action: Any, sequence: str, default_name: str) -> Location:
        """The next action number, with the action's name."""
        self.number += 1
        return {
            "actionName": action.name or default_name,
            "actionNumber": self.number,
            "sequenceName": sequence,
        }

    def op(self, action: Any, sequence: str, loc: Loc) -> Op:
        """Compile one action."""
        if isinstance(action, d.AskAction):
            return self.ask(action, sequence, loc)
        where = self.location(action, sequence, DEFAULT_ACTION_NAMES[type(action)])
        match action:
            case d.SayAction():
                segments, _, _ = compile_prompt(action.say, self.day, (*loc, "say"), self.problems)
                return SayOp(where, segments)
            case d.PauseAction():
                return PauseOp(where)
            case d.SetAction():
                return SetOp(
                    where,
                    tuple(
                        (name, template(v, (*loc, "set", name), self.problems) if isinstance(v, str) else v)
                        for name, v in action.set.items()
                    ),
                )
            case d.LookupAction():
                spec = action.lookup
                missing = self.target(spec.missing, (*loc, "lookup", "missing")) if spec.missing else None
                return LookupOp(
                    where,
                    template(spec.key, (*loc, "lookup", "key"), self.problems),
                    dict(spec.table),
                    missing,
                )
            case d.BranchAction():
                spec_b = action.branch
                cases = {}
                for value, name in spec_b.cases.items():
                    block = self.target(name, (*loc, "branch", "cases", value))
                    if block is not None:
                        cases[value.casefold()] = block
                default = self.target(spec_b.default, (*loc, "branch", "default")) if spec_b.default else None
                return BranchOp(where, spec_b.variable, cases, default)
            case d.GotoAction():
                return GotoOp(where, self.target(action.goto, (*loc, "goto")) or Block(action.goto))
            case d.StartOutcomeAction():
                self.check_outcome(action.start_outcome, (*loc, "startOutcome"))
                return OutcomeOp(where, start=(action.start_outcome,))
            case d.SetOutcomeAction():
                for key in action.set_outcome:
                    self.check_outcome(key, (*loc, "setOutcome", key))
                return OutcomeOp(where, values=tuple(action.set_outcome.items()))
            case d.MilestoneAction():
                milestone = self.milestones.get(action.milestone)
                if milestone is None:
                    known = ", ".join(self.milestones) or "none declared"
                    self.problems.append(
                        ((*loc, "milestone"), f"no milestone '{action.milestone}' ({known})")
                    )
                return OutcomeOp(where, milestone=milestone)
            case d.ExitAction():
                spec_e = action.exit
                info = template(spec_e.info, (*loc, "exit", "info"), self.problems) if spec_e.info else None
                return ExitOp(where, spec_e.reason, info, spec_e.intent)
            case d.DisconnectAction():
                spec_d = action.disconnect
                info = (
                    template(spec_d.info, (*loc, "disconnect", "info"), self.problems)
                    if spec_d.info
                    else None
                )
                return DisconnectOp(where, spec_d.reason, info)
        raise AssertionError(action)  # pragma: no cover

    def check_outcome(self, key: str, loc: Loc) -> None:
        """Record an unknown outcome key as a problem."""
        if key not in self.spec.outcomes:
            known = ", ".join(self.spec.outcomes) or "none declared"
            self.problems.append((loc, f"no outcome '{key}' ({known})"))

    def check_intent(self, name: str, loc: Loc) -> None:
        """Record an unknown intent name as a problem."""
        if name not in self.spec.intents:
            known = ", ".join(self.spec.intents) or "none declared"
            self.problems.append((loc, f"no intent '{name}' ({known})"))

    def ask(self, action: d.AskAction, sequence: str, loc: Loc) -> AskOp:
        """Compile a question, its matchers, branches and retry handling."""
        spec = action.ask
        where = self.location(action, sequence, "Ask for Slot" if spec.slot else "Ask for Intent")
        ask_loc = (*loc, "ask")
        prompt, rich, choices = compile_prompt(spec.prompt, self.day, (*ask_loc, "prompt"), self.problems)
        for choice in choices:
            if choice.intent:
                self.check_intent(choice.intent, (*ask_loc, "prompt"))
        intents: IntentMatcher | None = None
        if spec.intents == "all":
            intents = self.all_intents
        elif spec.intents:
            for index, name in enumerate(spec.intents):
                self.check_intent(name, (*ask_loc, "intents", index))
            intents = IntentMatcher({n: self.spec.intents.get(n, []) for n in spec.intents})
        matcher = expect_matcher(spec.expect, self.today) if spec.expect else None
        if matcher is None and not choices and intents is None:
            matcher = TextMatcher()  # a bare question takes any answer
        branches = {}
        for value, name in spec.branches.items():
            block = self.target(name, (*ask_loc, "branches", value))
            if block is not None:
                branches[value.casefold()] = block
        op = AskOp(
            where,
            prompt,
            rich,
            choice_table(choices),
            intents,
            matcher,
            spec.slot,
            branches,
            RetryPolicy(2, (), None),
            RetryPolicy(2, (), None),
            spec.no_input_timeout_ms,
        )
        op.no_match = self.retry(spec.no_match, sequence, (*ask_loc, "noMatch"), op)
        op.no_input = self.retry(spec.no_input, sequence, (*ask_loc, "noInput"), op)
        return op

    def retry(self, spec: d.RetrySpec | None, sequence: str, loc: Loc, ask: AskOp) -> RetryPolicy:
        """Compile no-match or no-input handling (an inline ``then`` block resumes after the question)."""
        if spec is None:
            return RetryPolicy(2, (), None)
        reprompts = tuple(
            template(t, (*loc, "reprompts", i), self.problems) for i, t in enumerate(spec.reprompts)
        )
        retries = spec.retries if spec.retries is not None else max(len(reprompts), 2)
        then = None
        if spec.then:
            then = Block(sequence)
            self.fill(then, spec.then, (*loc, "then"))
        return RetryPolicy(retries, reprompts, then)


def _schema(flow_name: str, kind: str, variables: dict[str, d.VariableSpec]) -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": f"{flow_name} {kind}s",
        "type": "object",
        "properties": {
            name: {
                "type": JSON_TYPES[v.type],
                **({"description": v.description} if v.description else {}),
                **({"default": v.default} if v.default is not None else {}),
            }
            for name, v in variables.items()
        },
        "additionalProperties": False,
    }


def compile_flow(spec: d.FlowSpec, today: Today) -> CompiledFlow:
    """Compile a flow; raises :class:`DocumentError` with every problem found."""
    return FlowCompiler(spec, today).compile()
