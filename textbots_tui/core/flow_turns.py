"""Driving a bot flow session: launch, the start ``NoOp``, user turns, and draining ``NoOp`` responses.

The lifecycle is the reference's: launch, then a ``NoOp`` turn starts the flow; while a response says
``NoOp`` the client sends another ``NoOp`` quoting the latest turn id, showing each response's prompts in
order; ``WaitForInput`` hands over to the user; ``Exit`` and ``Disconnect`` end the session, after the final
turn's prompts are shown.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textbots_tui.api.errors import NotFoundError, TextbotsError
from textbots_tui.api.models import TextBotFlowTurnRequest
from textbots_tui.core import parse, requests
from textbots_tui.core.errors import FlowStalledError
from textbots_tui.core.events import BotOutput, UserInputSent, WaitingForInput
from textbots_tui.core.params import FlowLaunchParams, SessionState
from textbots_tui.core.recorder import Recorder, round_trip_ms
from textbots_tui.core.sessions import Session, Turn, unique_choices

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.api.models import TextBotFlowTurnResponse
    from textbots_tui.core.items import Choice


class FlowDriver:
    """Runs the turns of bot flow sessions for a controller. The caller holds the session's turn slot."""

    def __init__(self, client: TextbotsClient, recorder: Recorder, max_noop_turns: int) -> None:
        self._client = client
        self._recorder = recorder
        self._max_noop_turns = max_noop_turns

    async def launch(self, session: Session, params: FlowLaunchParams) -> None:
        """Launch the session, start the flow and drain until it waits or ends."""
        try:
            launched = await self._client.launch_session(
                requests.launch_request(params), on_exchange=self._recorder.exchange_hook(session)
            )
        except TextbotsError as error:
            self._recorder.failed(session, error, unsent=None, fatal=True)
            return
        except asyncio.CancelledError:
            self._recorder.set_state(session, SessionState.FAILED)
            raise
        session.remote_id = launched.id
        await self.drive(session, TextBotFlowTurnRequest.no_op(), "NoOp", starting=True)

    async def drive(
        self,
        session: Session,
        request: TextBotFlowTurnRequest,
        input_type: str,
        *,
        shown: str | None = None,
        unsent: str | None = None,
        choice: Choice | None = None,
        starting: bool = False,
    ) -> None:
        """Send one turn, then drain ``NoOp`` responses until the flow waits or ends.

        ``shown`` is what the chat shows for the user's input (None for the start turn), ``unsent`` what goes
        back into the input line if the turn fails.
        """
        recorder = self._recorder
        recorder.set_state(session, SessionState.TALKING)
        try:
            try:
                response = await self._send(session, request, input_type, shown)
            except TextbotsError as error:
                # A failed start leaves a session that never began; a 404 means the server forgot it.
                fatal = starting or isinstance(error, NotFoundError)
                recorder.failed(session, error, unsent=unsent, fatal=fatal)
                return
            if shown is not None:
                recorder.emit(session, UserInputSent(session.session_id, shown, input_type, choice=choice))
            # The input answered what was offered: from now on the session offers what the bot says next.
            session.choices = ()
            session.links = ()
            noops = 0
            while True:
                self._show(session, response)
                if session.state is SessionState.CLOSED:
                    return  # closed by the user while the bot was talking: stop here
                if str(response.next_action_type) != "NoOp":
                    self._settle(session, response)
                    return
                noops += 1
                if noops > self._max_noop_turns:
                    stalled = FlowStalledError(self._max_noop_turns)
                    recorder.failed(session, stalled, unsent=None, fatal=True)
                    return
                try:
                    response = await self._send(
                        session, TextBotFlowTurnRequest.no_op(session.last_turn_id), "NoOp", None
                    )
                except TextbotsError as error:
                    recorder.failed(session, error, unsent=None, fatal=isinstance(error, NotFoundError))
                    return
        finally:
            # Cancelled (the caller gave up waiting): never leave the session stuck mid-turn.
            if session.state in (SessionState.TALKING, SessionState.LAUNCHING):
                recorder.set_state(
                    session, SessionState.WAITING if session.last_turn_id else SessionState.FAILED
                )

    async def _send(
        self, session: Session, request: TextBotFlowTurnRequest, input_type: str, text: str | None
    ) -> TextBotFlowTurnResponse:
        assert session.remote_id is not None, "a flow session has a remote id once launched"
        first_exchange = len(session.exchanges)
        started = time.perf_counter()
        started_at = datetime.now(UTC)
        response = await self._client.send_turn(
            session.remote_id, request, on_exchange=self._recorder.exchange_hook(session)
        )
        session.last_turn_id = response.id
        turn = Turn(
            index=len(session.turns) + 1,
            input_type=input_type,
            started_at=started_at,
            latency_ms=round_trip_ms(session, first_exchange, started),
            text=text,
            turn_id=response.id,
            next_action=str(response.next_action_type),
        )
        self._recorder.add_turn(session, turn)
        return response

    def _show(self, session: Session, response: TextBotFlowTurnResponse) -> None:
        items = parse.items_from_segments(response.segments)
        if not items:
            return
        session.choices = unique_choices(session.choices, parse.choices_in(items))
        session.links = session.links + tuple(parse.links_in(items))
        output = BotOutput(
            session.session_id,
            items,
            turn_id=response.id,
            latency_ms=session.turns[-1].latency_ms,
            language=response.prompts.output_language if response.prompts else None,
        )
        self._recorder.emit(session, output)

    def _settle(self, session: Session, response: TextBotFlowTurnResponse) -> None:
        """The flow stopped talking: it ended, or it waits for the user."""
        next_action = str(response.next_action_type)
        if next_action in ("Exit", "Disconnect"):
            ended = parse.session_ended(session.session_id, response)
            session.ended = ended
            session.no_input_timeout_ms = None
            session.state = SessionState.EXITED if ended.how == "exit" else SessionState.DISCONNECTED
            self._recorder.emit(session, ended)
            self._recorder.changed(session)
            return
        if next_action != "WaitForInput":
            self._recorder.notice(session, f"unknown next action {next_action!r}: waiting for input")
        wait = response.next_action_wait_for_input
        text = wait.mode_constraints.text if wait and wait.mode_constraints else None
        session.no_input_timeout_ms = text.no_input_timeout_milliseconds if text else None
        session.language_preferences = tuple(text.language_preferences) if text else ()
        self._recorder.set_state(session, SessionState.WAITING)
        waiting = WaitingForInput(
            session.session_id,
            turn_id=response.id,
            choices=session.choices,
            no_input_timeout_ms=session.no_input_timeout_ms,
            language_preferences=session.language_preferences,
        )
        self._recorder.emit(session, waiting)
