"""Scripted conversations: the YAML format, loading with line-accurate errors, writing a session as a script.

A script file holds one scenario (a mapping), several (a list), or several YAML documents (``---``). Every
file is validated up front, strictly (an unknown key is an error), and each problem is reported as
``file:line: path: problem`` so nothing runs against a half-understood script.

Two YAML 1.1 surprises are switched off because they bite conversation scripts: ``yes``/``no``/``on``/``off``
stay strings (a user answering "yes" must not send ``True``) and dates stay strings (a user typing a date).
Numbers given where text is expected (``say: 12345``) are taken as their text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import ErrorDetails, PydanticCustomError

from textbots_tui.core.matchers import (
    script_from_session as script_from_session,
)  # saving lives beside matching
from textbots_tui.core.params import BotParams, ChoiceMode, FlowLaunchParams

EventType = Literal["NoInput", "NoMatch", "Error", "UserDisconnect", "ClientSessionExpired"]
NextAction = Literal["WaitForInput", "Exit", "Disconnect"]
BotState = Literal["MoreData", "Complete", "Failed"]
StepKind = Literal["say", "choose", "event", "expect"]
ExitReason = Literal[
    "TriggeredByUser", "AgentRequestedByUser", "TriggeredByFlow", "Error", "RecognitionFailure"
]
DisconnectReason = Literal[
    "TriggeredByUser", "TriggeredByFlow", "SessionExpired", "Error", "RecognitionFailure"
]


class _Strict(BaseModel):
    """Base of every script model: camelCase keys, unknown keys rejected, immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, coerce_numbers_to_str=True
    )


class FlowRef(_Strict):
    """The bot flow a scenario launches."""

    id: str
    language: str = ""


class ChannelSpec(_Strict):
    """The channel the flow session claims to come from."""

    name: str = "Messaging"
    user_agent: str = "GenesysWebWidget"


class BotRef(_Strict):
    """The bot a scenario talks to through ``execute``."""

    id: str
    integration_id: str
    alias: str | None = None
    language: str | None = None


class Target(_Strict):
    """What a scenario talks to: a bot flow (with channel and input data) or a bot."""

    flow: FlowRef | None = None
    channel: ChannelSpec = ChannelSpec()
    input_data: dict[str, Any] = Field(default_factory=dict)
    bot: BotRef | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Target:
        if (self.flow is None) == (self.bot is None):
            raise PydanticCustomError("target", "give either flow or bot (exactly one)")
        if self.bot is not None and ("channel" in self.model_fields_set or self.input_data):
            raise PydanticCustomError("target", "channel and inputData apply to a flow, not to a bot")
        return self


class TextMatcher(_Strict):
    """One check on the bot's messages: exactly one of ``equals`` (a plain string), ``contains``, ``regex``,
    ``not`` (a matcher that must match none of them)."""

    equals: str | None = None
    contains: str | None = None
    regex: str | None = None
    not_: TextMatcher | None = Field(default=None, alias="not")

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, value: Any) -> Any:
        # A bare string is the common case: it must equal one whole message.
        return {"equals": value} if isinstance(value, str | int | float) else value

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise PydanticCustomError(
                    "regex", "invalid regular expression: {error}", {"error": str(exc)}
                ) from None
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> TextMatcher:
        given = [k for k in ("equals", "contains", "regex", "not_") if getattr(self, k) is not None]
        if len(given) != 1:
            raise PydanticCustomError("matcher", "give exactly one of a string, contains, regex, not")
        if self.not_ is not None and self.not_.not_ is not None:
            raise PydanticCustomError("matcher", "not cannot hold another not")
        return self


class FlowLocationExpect(_Strict):
    """A subset of the flow location an exit or disconnect must report."""

    action_name: str | None = None
    action_number: int | None = None
    sequence_name: str | None = None


class DisconnectExpect(_Strict):
    """What a disconnect must look like. ``outcomes`` maps outcome ids to ``SUCCESS``/``FAILURE`` (or lists
    ids); ``milestones`` lists milestone ids that must have been reached. All are subsets."""

    reason: DisconnectReason | None = None
    reason_extended_info: str | None = None
    flow_location: FlowLocationExpect | None = None
    outcomes: dict[str, str | None] | None = None
    milestones: list[str] | None = None

    @field_validator("outcomes", mode="before")
    @classmethod
    def _outcome_ids(cls, value: Any) -> Any:
        return dict.fromkeys(value) if isinstance(value, list) else value


class ExitExpect(DisconnectExpect):
    """What an exit must look like: a disconnect's checks, output data (a subset) and the active intent."""

    reason: ExitReason | None = None  # type: ignore[assignment]
    output_data: dict[str, Any] | None = None
    active_intent: str | None = None


class Expectation(_Strict):
    """Checks on everything the bot produced since the previous user step."""

    text: list[TextMatcher] | None = None
    choices: list[str] | None = None
    next_action: NextAction | None = None
    exit: ExitExpect | None = None
    disconnect: DisconnectExpect | None = None
    intent: str | None = None
    slots: dict[str, str] | None = None
    bot_state: BotState | None = None

    @field_validator("text", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return value if isinstance(value, list) else [value]

    @model_validator(mode="after")
    def _consistent(self) -> Expectation:
        if not self.model_fields_set:
            raise PydanticCustomError("expect", "expect needs at least one check")
        if self.exit is not None and self.disconnect is not None:
            raise PydanticCustomError("expect", "expect either exit or disconnect, not both")
        ended = "Exit" if self.exit is not None else "Disconnect" if self.disconnect is not None else None
        if ended and self.next_action not in (None, ended):
            raise PydanticCustomError(
                "expect",
                "nextAction {action} contradicts {ended}",
                {"action": self.next_action, "ended": ended.lower()},
            )
        return self


class EventSpec(_Strict):
    """An event the user side sends instead of text."""

    type: EventType
    code: str | None = None
    message: str | None = None

    @model_validator(mode="after")
    def _payload_only_for_error(self) -> EventSpec:
        if self.type != "Error" and (self.code is not None or self.message is not None):
            raise PydanticCustomError("event", "code and message only go with an Error event")
        return self


class Step(_Strict):
    """One step: exactly one of ``say``, ``choose``, ``event``, ``expect``."""

    say: str | None = None
    choose: str | None = None
    event: EventSpec | None = None
    expect: Expectation | None = None

    @field_validator("event", mode="before")
    @classmethod
    def _event_name(cls, value: Any) -> Any:
        return {"type": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _exactly_one(self) -> Step:
        given = [key for key in self.model_fields_set if getattr(self, key) is not None]
        if len(self.model_fields_set) == 1 and not given:
            raise PydanticCustomError(
                "step", "{key} needs a value", {"key": next(iter(self.model_fields_set))}
            )
        if len(given) != 1:
            raise PydanticCustomError("step", "a step needs exactly one of say, choose, event, expect")
        return self

    @property
    def kind(self) -> StepKind:
        """Which of the four this step is."""
        if self.say is not None:
            return "say"
        if self.choose is not None:
            return "choose"
        return "event" if self.event is not None else "expect"

    @property
    def is_user_step(self) -> bool:
        """Whether the step sends something (and so starts a new window of bot output)."""
        return self.expect is None


class Scenario(_Strict):
    """One scripted conversation."""

    name: str
    target: Target
    choice_mode: ChoiceMode | None = None
    steps: list[Step] = Field(min_length=1)

    def launch_params(self) -> FlowLaunchParams | BotParams:
        """The controller parameters this scenario starts its session with."""
        mode: ChoiceMode = self.choice_mode or "payload"
        target = self.target
        if target.bot is not None:
            bot = target.bot
            return BotParams(
                bot_id=bot.id,
                integration_id=bot.integration_id,
                bot_alias=bot.alias,
                language=bot.language,
                bot_name=self.name,
                choice_mode=mode,
            )
        assert target.flow is not None  # guaranteed by Target's validator
        return FlowLaunchParams(
            flow_id=target.flow.id,
            language=target.flow.language,
            channel_name=target.channel.name,
            user_agent=target.channel.user_agent,
            input_variables=dict(target.input_data),
            choice_mode=mode,
            flow_name=self.name,
        )


@dataclass(frozen=True, slots=True)
class LoadedScenario:
    """A validated scenario and where it came from (for reports that point at lines)."""

    scenario: Scenario
    file: str
    index: int
    """Position of the scenario in its file, from 0."""
    line: int
    step_lines: tuple[int, ...]

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name

    def step_location(self, step_index: int) -> str:
        """``file:line`` of a step."""
        return f"{self.file}:{self.step_lines[step_index]}"


@dataclass(frozen=True, slots=True)
class ScriptProblem:
    """One thing wrong with a script file."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class ScriptError(ValueError):
    """One or more script files are invalid; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[ScriptProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _ScriptLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans (only true/false) and no implicit timestamps."""


_ScriptLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if not tag.endswith((":bool", ":timestamp"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ScriptLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse_script(text: str, file: str = "<script>") -> list[LoadedScenario]:
    """Parse and validate the text of one script file. Raises :class:`ScriptError` listing every problem."""
    problems: list[ScriptProblem] = []
    scenarios: list[LoadedScenario] = []
    loader = _ScriptLoader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            data = loader.construct_document(node)
            scenarios.extend(_scenarios_of(node, data, file, len(scenarios), problems))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        context = ""
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            context = f" ({exc.context} started at line {exc.context_mark.line + 1})"
        problems.append(ScriptProblem(file, line, f"invalid YAML: {exc.problem or exc.context}{context}"))
    finally:
        loader.dispose()
    problems.extend(_duplicate_names(scenarios))
    if problems:
        raise ScriptError(sorted(problems, key=lambda p: p.line or 0))
    if not scenarios:
        raise ScriptError([ScriptProblem(file, None, "no scenarios in this file")])
    return scenarios


def load_scripts(paths: Iterable[Path]) -> list[LoadedScenario]:
    """Load and validate every file, in order. Raises :class:`ScriptError` with the problems of all files."""
    problems: list[ScriptProblem] = []
    scenarios: list[LoadedScenario] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(ScriptProblem(str(path), None, f"cannot read: {getattr(exc, 'strerror', exc)}"))
            continue
        try:
            scenarios.extend(parse_script(text, str(path)))
        except ScriptError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScriptError(problems)
    return scenarios


def _scenarios_of(
    node: yaml.Node, data: Any, file: str, first_index: int, problems: list[ScriptProblem]
) -> list[LoadedScenario]:
    """The scenarios of one YAML document (a mapping or a list of mappings)."""
    problems.extend(_duplicate_keys(node, file))
    pairs: list[tuple[yaml.Node, Any]]
    if isinstance(node, yaml.SequenceNode) and isinstance(data, list):
        pairs = list(zip(node.value, data, strict=True))
    elif isinstance(node, yaml.MappingNode):
        pairs = [(node, data)]
    else:
        problems.append(ScriptProblem(file, node.start_mark.line + 1, "a scenario must be a mapping"))
        return []
    loaded: list[LoadedScenario] = []
    for item_node, item in pairs:
        try:
            scenario = Scenario.model_validate(item)
        except ValidationError as exc:
            problems.extend(_problems_from(exc.errors(), item_node, file))
            continue
        step_lines = _step_lines(item_node, len(scenario.steps))
        loaded.append(
            LoadedScenario(
                scenario, file, first_index + len(loaded), item_node.start_mark.line + 1, step_lines
            )
        )
    return loaded


def _duplicate_names(scenarios: list[LoadedScenario]) -> list[ScriptProblem]:
    """Two scenarios of one file with the same name would be indistinguishable in reports."""
    seen: dict[tuple[str, str], LoadedScenario] = {}
    problems = []
    for loaded in scenarios:
        first = seen.setdefault((loaded.file, loaded.name), loaded)
        if first is not loaded:
            problems.append(
                ScriptProblem(
                    loaded.file, loaded.line, f"name: {loaded.name!r} is already used at line {first.line}"
                )
            )
    return problems


def _duplicate_keys(node: yaml.Node, file: str) -> list[ScriptProblem]:
    """PyYAML keeps the last of two equal keys silently; in a script that hides a mistake, so report it."""
    problems = []
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in seen:
                problems.append(ScriptProblem(file, key.start_mark.line + 1, f"duplicate key {key.value!r}"))
            seen.add(key.value if isinstance(key, yaml.ScalarNode) else id(key))
            problems.extend(_duplicate_keys(value, file))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems.extend(_duplicate_keys(item, file))
    return problems


def _step_lines(node: yaml.Node, count: int) -> tuple[int, ...]:
    """The line of each step of a validated scenario node."""
    steps = _child(node, "steps")
    assert isinstance(steps, yaml.SequenceNode) and len(steps.value) == count
    return tuple(step.start_mark.line + 1 for step in steps.value)


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value node of ``key`` in a mapping node, if there."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value
                return found
    return None


def _problems_from(errors: Sequence[ErrorDetails], node: yaml.Node, file: str) -> list[ScriptProblem]:
    """Map pydantic errors to ``file:line: path: problem``, walking the YAML nodes along each error's loc."""
    problems = []
    for error in errors:
        path, line = _locate(error["loc"], node)
        message = _message_for(error)
        problems.append(ScriptProblem(file, line, f"{path}: {message}" if path else f"a scenario {message}"))
    return problems


def _locate(loc: tuple[int | str, ...], node: yaml.Node) -> tuple[str, int]:
    """The display path and line of a pydantic loc within ``node``.

    The path shows the YAML as written: a loc index that only exists because a value was wrapped in a list
    (``text: "Hi"``) is skipped, and a loc that goes below a scalar (``event: Bogus`` read as ``event.type``)
    stops at the scalar.
    """
    path = ""
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(part, int):
            if not isinstance(node, yaml.SequenceNode):
                continue
            if part >= len(node.value):
                break
            node = node.value[part]
            path += f"[{part}]"
            line = node.start_mark.line + 1
            continue
        if not isinstance(node, yaml.MappingNode):
            break
        found = next(
            ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None
        )
        path += f".{part}" if path else part
        if found is None:
            break  # a missing key: point at the mapping that lacks it
        line = found[0].start_mark.line + 1
        node = found[1]
    return path, line


_KNOWN_KEYS = sorted(
    {
        field.alias or name
        for model in (
            Scenario,
            Target,
            FlowRef,
            ChannelSpec,
            BotRef,
            Step,
            EventSpec,
            Expectation,
            TextMatcher,
            ExitExpect,
            FlowLocationExpect,
        )
        for name, field in model.model_fields.items()
    }
)

_PLAIN = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "list_type": "must be a list",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
    "missing": "required key missing",
    "too_short": "must not be empty",
}


def _message_for(error: ErrorDetails) -> str:
    """A short, plain-English message for one pydantic error."""
    kind = error["type"]
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        return "must be one of " + ", ".join(expected)
    if kind == "extra_forbidden":
        key = str(error["loc"][-1]) if error["loc"] else "?"
        close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1)
        return "unknown key" + (f" (did you mean {close[0]!r}?)" if close else "")
    if kind in _PLAIN:
        return _PLAIN[kind]
    message = error["msg"]
    return message[:1].lower() + message[1:]
