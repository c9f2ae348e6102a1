"""Driving a bot flow session: launch, the start ``NoOp``, user turns, and draining ``NoOp`` responses.

The lifecycle is the reference's: launch, then a ``NoOp`` turn starts the flow; while a response says
``NoOp`` the client sends another ``NoOp`` quoting the latest turn id, showing each response's prompts in
order; ``WaitForInput`` hands over to the user; ``Exit`` and ``Disconnect`` end the session, after the final
turn's prompts are shown.

A ``NoOp`` that fails leaves the server expecting one (it would answer a user turn with 409 "not waiting
for input"), so the session remembers it (``Session.pending_noop``):

- when the server cannot have processed the failed ``NoOp`` (429, 503, a connection that never opened: the
  error's ``may_have_been_processed`` is false), the session waits for the user again, and the next input
  (or :meth:`FlowDriver.resume`) first sends the ``NoOp`` again, quoting the latest successful turn, and
  drains; the user's input goes out only if the flow then waits for it;
- when it may have been processed (a read timeout, a 500, 502 or 504, an unreadable answer), the flow may
  have moved on without this client and the turn id to quote is unknown. Sending the ``NoOp`` again could
  apply it twice, so the session fails with a :class:`SessionStateUnknownError` and the user restarts it;
- a 404 (the server forgot the session) fails it too, and so does a ``NoOp`` cancelled mid-request (the
  caller gave up waiting: the server may have taken it).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textbots_tui.api.errors import NotFoundError, TextbotsError
from textbots_tui.api.models import TextBotFlowTurnRequest
from textbots_tui.core import parse, requests
from textbots_tui.core.errors import (
    FlowStalledError,
    InputRefused,
    SessionStateUnknownError,
    launch_refused,
    out_of_step,
)
from textbots_tui.core.events import BotOutput, UserInputSent, WaitingForInput
from textbots_tui.core.params import FlowLaunchParams, SessionState
from textbots_tui.core.recorder import Recorder, round_trip_ms
from textbots_tui.core.sessions import Session, Turn

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.api.models import TextBotFlowTurnResponse
    from textbots_tui.core.items import Choice

TurnFactory = Callable[[str | None], TextBotFlowTurnRequest]
"""Builds a user's turn request given the ``previousTurn`` id to quote (known only when it is sent)."""


PENDING_NOTICE = (
    "the bot was still talking when the request failed: your next input first asks it for the rest"
)


CANCELLED_NOTICE = (
    "the bot's turn was cancelled before its answer came: the flow's state is unknown, restart the session"
)


class FlowDriver:
    """Runs the turns of bot flow sessions for a controller. The caller holds the session's turn slot."""

    def __init__(self, client: TextbotsClient, recorder: Recorder, max_noop_turns: int) -> None:
        self._client = client
        self._recorder = recorder
        self._max_noop_turns = max_noop_turns

    async def launch(self, session: Session, params: FlowLaunchParams) -> None:
        """Launch the session, start the flow and drain until it waits or ends."""
        self._recorder.flush(session)
        try:
            launched = await self._client.launch_session(
                requests.launch_request(params), on_exchange=self._recorder.exchange_hook(session)
            )
        except TextbotsError as error:
            self._recorder.failed(session, launch_refused(error), unsent=None, fatal=True)
            return
        except asyncio.CancelledError:
            self._recorder.set_state(session, SessionState.FAILED)
            raise
        # The first turn of every session is the NoOp that starts the flow.
        session.launched(launched.id)
        await self.resume(session)

    async def resume(self, session: Session, *, unsent: str | None = None) -> None:
        """Send the ``NoOp`` the server expects (if any), quoting the latest turn, and drain until the flow
        waits or ends. ``unsent`` is the user's input held back meanwhile, given back if this fails."""
        if not session.pending_noop:
            return
        with self._talking(session):
            await self._drain(session, None, unsent)

    async def drive(
        self,
        session: Session,
        make_request: TurnFactory,
        input_type: str,
        *,
        shown: str,
        unsent: str | None = None,
        choice: Choice | None = None,
    ) -> None:
        """Send the user's turn, then drain ``NoOp`` responses until the flow waits or ends.

        A pending ``NoOp`` goes first; the user's turn follows only if the flow then waits for input. When
        the flow ends instead, :class:`InputRefused` says the input was not sent. ``shown`` is what the chat
        shows for the input, ``unsent`` what goes back into the input line if the turn fails.
        """
        if session.pending_noop:
            await self.resume(session, unsent=unsent)
            if session.state in (SessionState.EXITED, SessionState.DISCONNECTED):
                how = session.state.value
                raise InputRefused(
                    f"the flow {how} ({session.end_reason}) while finishing what it was saying: "
                    f"{shown!r} was not sent"
                )
            if session.pending_noop or session.state is not SessionState.WAITING:
                return  # failed again (reported with the input), or closed meanwhile
        recorder = self._recorder
        with self._talking(session):
            try:
                response = await self._send(session, make_request(session.last_turn_id), input_type, shown)
            except TextbotsError as error:
                # A 404 means the server forgot the session; anything else leaves the flow waiting.
                fatal = isinstance(error, NotFoundError)
                recorder.failed(session, out_of_step(error), unsent=unsent, fatal=fatal)
                return
            recorder.emit(session, UserInputSent(session.session_id, shown, input_type, choice=choice))
            # The input answered what was offered: from now on the session offers what the bot says next.
            session.input_sent()
            await self._drain(session, response, None)

    @contextmanager
    def _talking(self, session: Session) -> Iterator[None]:
        """The session is talking for the block; never leave it stuck mid-turn (the caller may cancel)."""
        self._recorder.set_state(session, SessionState.TALKING)
        try:
            yield
        finally:
            if session.state in (SessionState.TALKING, SessionState.LAUNCHING):
                self._recorder.set_state(
                    session, SessionState.WAITING if session.last_turn_id else SessionState.FAILED
                )

    async def _drain(
        self, session: Session, response: TextBotFlowTurnResponse | None, unsent: str | None
    ) -> None:
        """Show ``response``, then send ``NoOp`` turns while the flow says ``NoOp`` (with no response: send
        the pending one first), and settle once it waits or ends."""
        noops = 0
        while True:
            if response is not None:
                self._show(session, response)
                if session.state is SessionState.CLOSED:
                    return  # closed by the user while the bot was talking: stop here
                if str(response.next_action_type) != "NoOp":
                    self._settle(session, response)
                    return
                session.expect_noop(True)
                noops += 1
                if noops > self._max_noop_turns:
                    stalled = FlowStalledError(self._max_noop_turns)
                    self._recorder.failed(session, stalled, unsent=unsent, fatal=True)
                    return
            try:
                response = await self._send(
                    session, TextBotFlowTurnRequest.no_op(session.last_turn_id), "NoOp", None
                )
            except TextbotsError as error:
                self._noop_failed(session, error, unsent)
                return
            except asyncio.CancelledError:
                # Given up mid-request: the server may have taken this NoOp, so it is never sent again.
                if session.state is not SessionState.CLOSED:
                    self._recorder.set_state(session, SessionState.FAILED)
                    self._recorder.notice(session, CANCELLED_NOTICE)
                raise
            session.expect_noop(False)

    def _noop_failed(self, session: Session, error: TextbotsError, unsent: str | None) -> None:
        """A ``NoOp`` failed: resumable when the server cannot have processed it, else the session fails."""
        recorder = self._recorder
        error = out_of_step(error)
        if isinstance(error, NotFoundError):
            recorder.failed(session, error, unsent=unsent, fatal=True)
        elif error.may_have_been_processed:
            recorder.failed(session, SessionStateUnknownError.after(error), unsent=unsent, fatal=True)
        else:
            recorder.failed(session, error, unsent=unsent, fatal=False)
            if session.state is not SessionState.CLOSED:
                recorder.notice(session, PENDING_NOTICE)

    async def _send(
        self, session: Session, request: TextBotFlowTurnRequest, input_type: str, text: str | None
    ) -> TextBotFlowTurnResponse:
        assert session.remote_id is not None, "a flow session has a remote id once launched"
        first_exchange = session.exchange_count
        started = time.perf_counter()
        started_at = datetime.now(UTC)
        self._recorder.flush(session)  # what came before this request is on disk before we wait
        response = await self._client.send_turn(
            session.remote_id, request, on_exchange=self._recorder.exchange_hook(session)
        )
        session.answered(response.id)
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
        session.offer(items, more=True)
        output = BotOutput(
            session.session_id,
            items,
            turn_id=response.id,
            latency_ms=session.turns[-1].latency_ms,
            language=response.prompts.output_language if response.prompts else None,
        )
        self._recorder.emit(session, output, from_response=True)

    def _settle(self, session: Session, response: TextBotFlowTurnResponse) -> None:
        """The flow stopped talking: it ended, or it waits for the user."""
        next_action = str(response.next_action_type)
        if next_action in ("Exit", "Disconnect"):
            ended = parse.session_ended(session.session_id, response)
            session.end(ended)
            self._recorder.emit(session, ended)
            self._recorder.changed(session)
            return
        if next_action != "WaitForInput":
            self._recorder.notice(session, f"unknown next action {next_action!r}: waiting for input")
        wait = response.next_action_wait_for_input
        text = wait.mode_constraints.text if wait and wait.mode_constraints else None
        session.waits(
            text.no_input_timeout_milliseconds if text else None,
            tuple(text.language_preferences) if text else (),
        )
        self._recorder.set_state(session, SessionState.WAITING)
        waiting = WaitingForInput(
            session.session_id,
            turn_id=response.id,
            choices=session.choices,
            no_input_timeout_ms=session.no_input_timeout_ms,
            language_preferences=session.language_preferences,
        )
        self._recorder.emit(session, waiting, from_response=True)
