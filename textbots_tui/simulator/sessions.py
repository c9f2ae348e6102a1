"""Bot flow sessions and bot sessions: the lifecycle rules of the textbots API around the engines.

Launch returns an id and runs nothing; the first turn (NoOp) starts the flow. Every later turn must quote the
latest turn id in ``previousTurn`` (409 otherwise), turns after Exit or Disconnect get 409, an unknown session
404, and a session idle for longer than the timeout answers its next turn with Disconnect ``SessionExpired``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from .bots import PROVIDER_FIELDS, BotSession, CompiledBot, converse
from .engine import ENDED, NEW, PAUSED, WAITING, FlowRun, Step
from .errors import ApiError, field_error
from .program import CompiledFlow
from .wire import LaunchRequest, PostTextRequest, TurnRequest

EXPIRED_INFO = "No user input received before the session timed out."
TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


def wall_clock() -> str:
    """Now, as the API writes date-times (UTC, milliseconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class FlowSession:
    """A launched bot flow session."""

    __slots__ = ("id", "last_active", "last_turn_id", "run")

    def __init__(self, session_id: str, run: FlowRun, now: float) -> None:
        self.id = session_id
        self.run = run
        self.last_turn_id: str | None = None
        self.last_active = now


class SessionStore:
    """Every bot flow session and bot session of one simulator."""

    def __init__(
        self,
        *,
        flows: dict[str, CompiledFlow],
        bots: dict[str, CompiledBot],
        idle_timeout_s: float,
        clock: Callable[[], float],
        new_id: Callable[[], str],
    ) -> None:
        self.flows = flows
        self.bots = bots
        self.idle_timeout_s = idle_timeout_s
        self.clock = clock
        self.new_id = new_id
        self.sessions: dict[str, FlowSession] = {}
        self.bot_sessions: dict[tuple[str, str], BotSession] = {}
        self._launches = 0

    # Bot flows --------------------------------------------------------------------------------------------

    def launch(self, request: LaunchRequest) -> dict[str, Any]:
        """Create a session (nothing runs until the first turn); the ``TextBotFlowLaunchResponse``."""
        flow = self.flows.get(request.flow.id)
        if flow is None:
            raise ApiError(
                404,
                f"Bot flow {request.flow.id} was not found.",
                entity_id=request.flow.id,
                details=[{"errorCode": "not.found", "fieldName": "flow.id", "entityId": request.flow.id}],
            )
        variables: dict[str, Any] = {name: default for name, (_, default) in flow.inputs.items()}
        given = request.input_data.variables if request.input_data is not None else {}
        for name, value in given.items():
            field = f"inputData.variables.{name}"
            if name not in flow.inputs:
                known = ", ".join(flow.inputs) or "none"
                raise field_error(field, f"the flow has no input variable '{name}' (inputs: {known})")
            kind = flow.inputs[name][0]
            if value is not None and not TYPE_CHECKS[kind](value):
                raise field_error(field, f"expected a {kind}, got {type(value).__name__}")
            if value is not None:
                variables[name] = value
        language = flow.language
        if request.language and request.language.lower() == flow.language.lower():
            language = request.language
        session_id = self.new_id()
        variables["Session.Id"] = session_id
        variables["Session.ShortId"] = session_id.replace("-", "")[:6].upper()
        variables["Session.Language"] = language
        now = self.clock()
        self.sessions[session_id] = FlowSession(
            session_id, FlowRun(flow, variables, language, wall_clock), now
        )
        self._launches += 1
        if self._launches % 1000 == 0:
            self.forget_idle(now)
        return {"id": session_id}

    def forget_idle(self, now: float) -> None:
        """Drop sessions idle for over twice the timeout (their turns then get 404, like unknown ids)."""
        horizon = 2 * self.idle_timeout_s
        self.sessions = {k: s for k, s in self.sessions.items() if now - s.last_active <= horizon}

    def turn(self, session_id: str, request: TurnRequest) -> dict[str, Any]:
        """Take one turn; the ``TextBotFlowTurnResponse``."""
        session = self.sessions.get(session_id)
        if session is None:
            raise ApiError(404, f"Bot flow session {session_id} was not found.", entity_id=session_id)
        run = session.run
        if run.state == ENDED:
            raise ApiError(
                409,
                f"Bot flow session {session_id} has ended: it accepts no more turns.",
                entity_id=session_id,
            )
        given = request.previous_turn.id if request.previous_turn is not None else None
        if given != session.last_turn_id:
            if session.last_turn_id is None:
                problem = f"previousTurn {given} is not a turn of this session, which has had no turn yet"
            elif given is None:
                problem = (
                    f"previousTurn is required after the first turn (the latest is {session.last_turn_id})"
                )
            else:
                problem = (
                    f"previousTurn {given} is not the latest turn of this session ({session.last_turn_id})"
                )
            raise ApiError(
                409,
                problem,
                details=[{"errorCode": "stale.turn", "fieldName": "previousTurn"}],
                entity_id=session_id,
            )
        now = self.clock()
        if now - session.last_active > self.idle_timeout_s:
            step: Step = run.disconnect("SessionExpired", EXPIRED_INFO, with_location=False)
        else:
            step = self.dispatch(run, request)
        turn_id = self.new_id()
        response: dict[str, Any] = {"id": turn_id}
        if session.last_turn_id is not None:
            response["previousTurn"] = {"id": session.last_turn_id}
        segments, next_action, action = step
        if segments:
            response["prompts"] = {"outputLanguage": run.language, "textPrompts": {"segments": segments}}
        response["nextActionType"] = next_action
        if action is not None:
            response["nextAction" + next_action] = action
        session.last_turn_id = turn_id
        session.last_active = now
        return response

    @staticmethod
    def dispatch(run: FlowRun, request: TurnRequest) -> Step:
        """Apply one input event to a run."""
        event = request.input_event_type
        payloads = [
            p
            for p in (
                request.input_event_user_input,
                request.input_event_rich_media,
                request.input_event_error,
            )
            if p is not None
        ]
        tolerated_noop = event == "NoOp" and payloads == [request.input_event_user_input]
        if len(payloads) > 1 or (
            payloads and event not in ("UserInput", "RichMediaInput", "Error") and not tolerated_noop
        ):
            raise field_error("inputEventType", f"a {event} turn carries at most the payload of its own type")
        if event == "UserDisconnect":
            return run.disconnect("TriggeredByUser", None)
        if event == "ClientSessionExpired":
            return run.disconnect("SessionExpired", "The client's session expired.")
        if event == "Error":
            if request.input_event_error is None:
                raise field_error(
                    "inputEventError",
                    "an Error turn needs inputEventError {code, message}",
                    error_code="missing.value",
                )
            return run.error(request.input_event_error.code, request.input_event_error.message)
        if run.state == NEW:
            if event != "NoOp":
                raise field_error("inputEventType", f"the first turn of a session must be NoOp, not {event}")
            return run.start()
        if run.state == PAUSED:
            if event != "NoOp":
                raise ApiError(
                    409,
                    f"The flow is not waiting for input (the last turn said NoOp); "
                    f"send a NoOp turn, not {event}.",
                    details=[{"errorCode": "invalid.state", "fieldName": "inputEventType"}],
                )
            return run.resume()
        assert run.state == WAITING
        if event == "NoOp":
            return run.wait_again()
        if event == "NoInput":
            return run.no_input()
        if event == "NoMatch":
            return run.no_match()
        if event == "UserInput":
            user_input = request.input_event_user_input
            if user_input is None:
                raise field_error(
                    "inputEventUserInput",
                    "a UserInput turn needs inputEventUserInput",
                    error_code="missing.value",
                )
            if not user_input.alternatives:
                raise field_error(
                    "inputEventUserInput.alternatives",
                    "at least one alternative is required",
                    error_code="missing.value",
                )
            return run.answer(user_input.alternatives[0].transcript.text)
        rich = request.input_event_rich_media
        if rich is None:
            raise field_error(
                "inputEventRichMedia",
                "a RichMediaInput turn needs inputEventRichMedia",
                error_code="missing.value",
            )
        button = next((i.button_response for i in rich.inputs or () if i.button_response is not None), None)
        if button is None:
            return run.no_match()  # a presence event or a form is nothing the question can use
        return run.answer(button.text, button.payload)

    # Bots -------------------------------------------------------------------------------------------------

    def execute(self, request: PostTextRequest) -> dict[str, Any]:
        """One ``execute`` call; the ``PostTextResponse``."""
        bot = self.bots.get(request.bot_id) or next(
            (b for b in self.bots.values() if b.name == request.bot_id), None
        )
        if bot is None:
            raise ApiError(
                404,
                f"Bot {request.bot_id} was not found in integration {request.integration_id}.",
                entity_id=request.bot_id,
                details=[{"errorCode": "not.found", "fieldName": "botId", "entityId": request.bot_id}],
            )
        if not request.bot_session_id.strip():
            raise field_error("botSessionId", "must not be empty")
        now = self.clock()
        timeout = (
            request.bot_session_timeout_minutes * 60
            if request.bot_session_timeout_minutes
            else self.idle_timeout_s
        )
        key = (bot.id, request.bot_session_id)
        session = self.bot_sessions.get(key)
        if session is None or now - session.last_active > timeout:
            if len(self.bot_sessions) > 10_000:
                self.bot_sessions.clear()
            session = self.bot_sessions[key] = BotSession(now)
        session.last_active = now
        lex = request.amazon_lex_request
        if lex is not None and lex.session_attributes:
            session.attributes.update(lex.session_attributes)
        message = request.post_text_message
        text = message.text or ""
        if not text and message.content:
            # A quick-reply click may come as a ButtonResponse content.
            button = next((c.get("buttonResponse") for c in message.content if c.get("buttonResponse")), None)
            if isinstance(button, dict):
                text = str(button.get("payload") or button.get("text") or "")
        response = converse(bot, session, text)
        if request.bot_correlation_id is not None:
            # Placed before the provider's raw response, as the API orders them.
            raw = {k: response.pop(k) for k in list(response) if k in PROVIDER_FIELDS.values()}
            response["botCorrelationId"] = request.bot_correlation_id
            response.update(raw)
        return response
