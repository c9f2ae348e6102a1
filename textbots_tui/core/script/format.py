"""The scripted-conversation format: one pydantic model per part of a scenario, strict (unknown keys are
errors), camelCase keys as in the Genesys API. See :mod:`textbots_tui.core.script` for the whole picture."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from textbots_tui.core.params import BotParams, ChoiceMode, FlowLaunchParams
from textbots_tui.core.placeholders import Like, PlaceholderError, compile_like

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
    """Base of every script model: camelCase keys, unknown keys rejected, immutable.

    Validators are built on first use (``defer_build``): a run of a script it has read before takes the
    scenarios from the script cache and never validates one, so building them at import would be wasted."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, coerce_numbers_to_str=True, defer_build=True
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
    input_data: dict[str, Any] = {}  # copied for each instance (see api.models._base on factories)
    bot: BotRef | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Target:
        if (self.flow is None) == (self.bot is None):
            raise PydanticCustomError("target", "give either flow or bot (exactly one)")
        if self.bot is not None and ("channel" in self.model_fields_set or self.input_data):
            raise PydanticCustomError("target", "channel and inputData apply to a flow, not to a bot")
        return self


def _valid_like(value: str | None) -> str | None:
    """A ``like`` pattern that reads (placeholders known, braces escaped), else a validation error."""
    if value is not None:
        try:
            compile_like(value.strip())
        except PlaceholderError as exc:
            raise PydanticCustomError("like", "{error}", {"error": str(exc)}) from None
    return value


class ChoosePattern(Like):
    """``choose: {like: "{date} 09:00", nth: 2}``: the ``nth`` offered choice whose label is like the pattern
    (the first when ``nth`` is left out). For choices whose labels move, such as dates relative to today."""

    nth: int = Field(default=1, ge=1)


def _as_like(value: Any, model: type[Like] = Like, where: str = "") -> Any:
    """A mapping with ``like`` becomes ``model`` (checked, one error naming what is wrong); anything else is
    left for the field's own type to judge. Done before validation, so a bad pattern is reported once
    rather than once per member of a ``str | Like`` union."""
    if not (isinstance(value, dict) and "like" in value):
        return value
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"])
        message = f"unknown key {key!r} beside like" if error["type"] == "extra_forbidden" else error["msg"]
        raise PydanticCustomError("like", "{where}{error}", {"where": where, "error": message}) from None


def _likes_in(values: Any) -> Any:
    """In a mapping of expected values, each ``{like: ...}`` becomes a :class:`Like`."""
    if not isinstance(values, dict):
        return values
    return {key: _as_like(value, where=f"{key}: ") for key, value in values.items()}


class TextMatcher(_Strict):
    """One check on the bot's messages: exactly one of ``equals`` (a plain string), ``contains``, ``regex``,
    ``like`` (a placeholder pattern), ``not`` (a matcher that must match none of them)."""

    equals: str | None = None
    contains: str | None = None
    regex: str | None = None
    like: str | None = None
    not_: TextMatcher | None = Field(default=None, alias="not")

    _check_like = field_validator("like")(_valid_like)

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
        given = [k for k in ("equals", "contains", "regex", "like", "not_") if getattr(self, k) is not None]
        if len(given) != 1:
            raise PydanticCustomError("matcher", "give exactly one of a string, contains, regex, like, not")
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

    _output_likes = field_validator("output_data", mode="before")(_likes_in)


class Expectation(_Strict):
    """Checks on everything the bot produced since the previous user step."""

    text: list[TextMatcher] | None = None
    choices: list[str | Like] | None = None
    next_action: NextAction | None = None
    exit: ExitExpect | None = None
    disconnect: DisconnectExpect | None = None
    intent: str | None = None
    slots: dict[str, str | Like] | None = None
    bot_state: BotState | None = None

    @field_validator("text", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return value if isinstance(value, list) else [value]

    @field_validator("choices", mode="before")
    @classmethod
    def _choice_likes(cls, value: Any) -> Any:
        return [_as_like(item) for item in value] if isinstance(value, list) else value

    _slot_likes = field_validator("slots", mode="before")(_likes_in)

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
    choose: str | ChoosePattern | None = None
    event: EventSpec | None = None
    expect: Expectation | None = None

    @field_validator("event", mode="before")
    @classmethod
    def _event_name(cls, value: Any) -> Any:
        return {"type": value} if isinstance(value, str) else value

    @field_validator("choose", mode="before")
    @classmethod
    def _choose_like(cls, value: Any) -> Any:
        return _as_like(value, ChoosePattern)

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


class Scenario(_Strict):
    """One scripted conversation."""

    name: str
    target: Target
    choice_mode: ChoiceMode | None = None
    weight: int = Field(default=1, ge=1, le=1000)
    """How often ``textbots-tui load`` plays this scenario relative to the others (``run`` ignores it)."""
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
