"""Running a compiled flow: one :class:`FlowRun` per session, stepping through operations turn by turn.

A run is in one of four states: ``new`` (launched, nothing ran yet), ``paused`` (the last response said NoOp),
``waiting`` (a question was asked) and ``ended`` (Exit or Disconnect was returned). Each call that takes a
turn returns the segments to show and the next action; the HTTP layer adds ids and checks the lifecycle rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .matchers import TextMatcher, normalize
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
    OutcomeOp,
    PauseOp,
    RetryPolicy,
    SayOp,
    Segment,
    SetOp,
)
from .templates import Template, to_text

NEW, PAUSED, WAITING, ENDED = "new", "paused", "waiting", "ended"
MAX_STEPS = 1000
"""Operations one turn may run before the flow is stopped as stuck in a loop."""
DEFAULT_REPROMPT = "Sorry, I didn't understand that."

Step = tuple[list[dict[str, Any]], str, dict[str, Any] | None]
"""(segments, nextActionType, the matching nextAction* object)"""


@dataclass(slots=True)
class OutcomeState:
    """A flow outcome reached in this session."""

    outcome_id: str
    date_start: str
    value: str | None = None
    date_end: str | None = None
    milestones: list[dict[str, Any]] = field(default_factory=list)


class FlowRun:
    """The state of one session of a flow and the logic that advances it."""

    __slots__ = (
        "active_intent",
        "ask",
        "block",
        "flow",
        "index",
        "language",
        "location",
        "no_input_count",
        "no_match_count",
        "now",
        "outcomes",
        "state",
        "variables",
    )

    def __init__(
        self, flow: CompiledFlow, variables: dict[str, Any], language: str, now: Callable[[], str]
    ) -> None:
        self.flow = flow
        self.variables = variables
        self.language = language
        self.now = now
        """Wall-clock time as an ISO string, for outcome and milestone dates."""
        self.state = NEW
        self.block: Block = flow.start
        self.index = 0
        self.ask: AskOp | None = None
        self.no_match_count = 0
        self.no_input_count = 0
        self.active_intent: str | None = None
        self.location: Location | None = None
        self.outcomes: dict[str, OutcomeState] = {}

    # Inputs -----------------------------------------------------------------------------------------------

    def start(self) -> Step:
        """The first NoOp turn: run from the start."""
        return self.run([])

    def resume(self) -> Step:
        """A NoOp turn after a NoOp response: go on where the flow paused."""
        return self.run([])

    def wait_again(self) -> Step:
        """A NoOp turn while a question waits: nothing happens, the question still waits."""
        assert self.ask is not None
        return [], "WaitForInput", self.wait_action(self.ask)

    def answer(self, text: str, payload: str | None = None) -> Step:
        """The user answered the waiting question (typed ``text``, or a button with ``payload``)."""
        ask = self.ask
        assert ask is not None
        found = self.recognise(ask, text, payload)
        if found is None:
            return self.no_match()
        value, intent = found
        if ask.slot:
            self.variables[ask.slot] = value
        if intent:
            self.active_intent = intent
        self.variables["Input.Text"] = text
        self.ask = None
        target = ask.branches.get(value.casefold())
        if target is not None:
            self.block, self.index = target, 0
        else:
            self.index += 1
        return self.run([])

    def no_match(self) -> Step:
        """The answer was not recognised (or the client sent NoMatch)."""
        ask = self.ask
        assert ask is not None
        self.no_match_count += 1
        return self.retry(ask, ask.no_match, self.no_match_count, no_input=False)

    def no_input(self) -> Step:
        """The user said nothing before the no-input timeout.

        Digital bot flows do not reprompt on no input (Genesys documents reprompts as not enabled for them):
        the question's no-input handling runs at once. Bot flows reprompt as their retries say.
        """
        ask = self.ask
        assert ask is not None
        self.no_input_count += 1
        if self.flow.type == "DIGITALBOT":
            return self.give_up(ask.no_input)
        return self.retry(ask, ask.no_input, self.no_input_count, no_input=True)

    def error(self, code: str, message: str) -> Step:
        """The client reported an error: run the flow's error handling."""
        self.variables["Error.Code"] = code
        self.variables["Error.Message"] = message
        self.ask = None
        self.block, self.index = self.flow.on_error, 0
        return self.run([])

    def disconnect(self, reason: str, info: str | None, with_location: bool = True) -> Step:
        """End the interaction from outside the flow (the user left, a session expired)."""
        return (
            [],
            "Disconnect",
            self.disconnect_action(reason, info, self.location if with_location else None),
        )

    # Stepping -----------------------------------------------------------------------------------------------

    def run(self, out: list[dict[str, Any]]) -> Step:
        """Run operations until the flow pauses, asks, or ends."""
        variables = self.variables
        block, index = self.block, self.index
        for _ in range(MAX_STEPS):
            if index >= len(block.ops):
                if block.resume is not None:
                    block, index = block.resume
                    continue
                self.block, self.index = block, index
                return out, "Exit", self.exit_action(block.end_reason, None, None, self.location)
            op = block.ops[index]
            if op.location is not None:
                self.location = op.location
            if isinstance(op, SayOp):
                out.extend(self.render(op.segments))
                index += 1
            elif isinstance(op, PauseOp):
                index += 1
                if out:
                    self.block, self.index, self.state = block, index, PAUSED
                    return out, "NoOp", None
            elif isinstance(op, AskOp):
                self.block, self.index, self.state, self.ask = block, index, WAITING, op
                self.no_match_count = self.no_input_count = 0
                out.extend(self.render(op.prompt))
                return out, "WaitForInput", self.wait_action(op)
            elif isinstance(op, SetOp):
                for name, value in op.assignments:
                    variables[name] = value.render(variables) if isinstance(value, Template) else value
                index += 1
            elif isinstance(op, LookupOp):
                row = op.table.get(op.key.render(variables))
                if row is not None:
                    variables.update(row)
                    index += 1
                elif op.missing is not None:
                    block, index = op.missing, 0
                else:
                    index += 1
            elif isinstance(op, BranchOp):
                target = op.cases.get(to_text(variables.get(op.variable)).casefold(), op.default)
                if target is not None:
                    block, index = target, 0
                else:
                    index += 1
            elif isinstance(op, GotoOp):
                block, index = op.target, 0
            elif isinstance(op, OutcomeOp):
                self.track_outcome(op)
                index += 1
            elif isinstance(op, ExitOp):
                self.block, self.index = block, index
                info = op.info.render(variables) if op.info is not None else None
                return out, "Exit", self.exit_action(op.reason, info, op.intent, self.location)
            else:
                assert isinstance(op, DisconnectOp), op
                self.block, self.index = block, index
                info = op.info.render(variables) if op.info is not None else None
                return out, "Disconnect", self.disconnect_action(op.reason, info, self.location)
        info = f"The flow ran {MAX_STEPS} actions without waiting for input"
        return out, "Exit", self.exit_action("Error", info, None, self.location)

    def render(self, segments: tuple[Segment, ...]) -> list[dict[str, Any]]:
        """Wire segments: templates rendered as Text segments, rich segments as they are."""
        return [
            {"text": s.render(self.variables), "type": "Text"} if isinstance(s, Template) else s
            for s in segments
        ]

    def recognise(self, ask: AskOp, text: str, payload: str | None) -> tuple[str, str | None] | None:
        """(value, intent) for an answer, trying choices, then intents, then the expected type."""
        for candidate in (payload, text):
            if candidate is None:
                continue
            hit = ask.choices.get(normalize(candidate))
            if hit is not None:
                choice_payload, intent = hit
                if intent:
                    return intent, intent
                matcher = ask.matcher
                if matcher is not None and not isinstance(matcher, TextMatcher):
                    return matcher.find(choice_payload) or choice_payload, None
                return choice_payload, None
        for candidate in (text, payload):
            if not candidate:
                continue
            if ask.intents is not None:
                intent_name = ask.intents.find(candidate)
                if intent_name is not None:
                    return intent_name, intent_name
            if ask.matcher is not None:
                value = ask.matcher.find(candidate)
                if value is not None:
                    return value, None
        return None

    def retry(self, ask: AskOp, policy: RetryPolicy, count: int, *, no_input: bool) -> Step:
        """Reprompt, or run the failure handling once the retries are used up."""
        if count <= policy.retries:
            if policy.reprompts:
                reprompt = policy.reprompts[min(count, len(policy.reprompts)) - 1]
                segments = [{"text": reprompt.render(self.variables), "type": "Text"}, *ask.rich]
            elif no_input:
                segments = self.render(ask.prompt)
            else:
                segments = [{"text": DEFAULT_REPROMPT, "type": "Text"}, *self.render(ask.prompt)]
            return segments, "WaitForInput", self.wait_action(ask)
        return self.give_up(policy)

    def give_up(self, policy: RetryPolicy) -> Step:
        """Run the question's failure handling (``then``), or else the flow's recognition failure."""
        self.ask = None
        self.block, self.index = (policy.then or self.flow.on_recognition_failure), 0
        return self.run([])

    # Wire objects -------------------------------------------------------------------------------------------

    def wait_action(self, ask: AskOp) -> dict[str, Any]:
        """``nextActionWaitForInput``: the language, and the no-input timeout for digital bot flows."""
        text: dict[str, Any] = {"languagePreferences": [self.language]}
        if self.flow.type == "DIGITALBOT":
            timeout = (
                ask.no_input_timeout_ms
                if ask.no_input_timeout_ms is not None
                else self.flow.no_input_timeout_ms
            )
            if timeout is not None:
                text["noInputTimeoutMilliseconds"] = timeout
        return {"modeConstraints": {"text": text}}

    def exit_action(
        self, reason: str, info: str | None, intent: str | None, location: Location | None
    ) -> dict[str, Any]:
        """``nextActionExit``, with output variables and outcomes; the run ends."""
        self.state = ENDED
        action: dict[str, Any] = {"reason": reason}
        if info:
            action["reasonExtendedInfo"] = info
        active = intent or self.active_intent
        if active:
            action["activeIntent"] = active
        if location is not None:
            action["flowLocation"] = location
        if self.flow.outputs:
            variables = self.variables
            action["outputData"] = {
                "variables": {k: variables[k] for k in self.flow.outputs if variables.get(k) is not None}
            }
        if self.outcomes:
            action["flowOutcomes"] = self.outcome_list()
        return action

    def disconnect_action(self, reason: str, info: str | None, location: Location | None) -> dict[str, Any]:
        """``nextActionDisconnect``, with outcomes; the run ends."""
        self.state = ENDED
        action: dict[str, Any] = {"reason": reason}
        if info:
            action["reasonExtendedInfo"] = info
        if location is not None:
            action["flowLocation"] = location
        if self.outcomes:
            action["flowOutcomes"] = self.outcome_list()
        return action

    def track_outcome(self, op: OutcomeOp) -> None:
        """Start outcomes, set values, reach a milestone."""
        outcome_ids = self.flow.outcome_ids
        for key in op.start:
            self.outcome(key, outcome_ids[key])
        for key, value in op.values:
            state = self.outcome(key, outcome_ids[key])
            state.value, state.date_end = value, self.now()
        if op.milestone is not None:
            key, milestone_id = op.milestone
            state = self.outcome(key, outcome_ids[key])
            state.milestones.append(
                {"id": milestone_id, "dateReached": self.now(), "sequence": len(state.milestones) + 1}
            )

    def outcome(self, key: str, outcome_id: str) -> OutcomeState:
        """The state of an outcome, started now if it was not yet."""
        state = self.outcomes.get(key)
        if state is None:
            state = self.outcomes[key] = OutcomeState(outcome_id, self.now())
        return state

    def outcome_list(self) -> list[dict[str, Any]]:
        """``flowOutcomes``: every outcome reached; one never set counts as a failure ending now."""
        end = self.now()
        out = []
        for state in self.outcomes.values():
            item: dict[str, Any] = {
                "outcomeId": state.outcome_id,
                "outcomeValue": state.value or "FAILURE",
                "dateStart": state.date_start,
                "dateEnd": state.date_end or end,
            }
            if state.milestones:
                item["milestones"] = list(state.milestones)
            out.append(item)
        return out
