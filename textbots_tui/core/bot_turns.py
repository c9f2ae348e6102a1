"""Driving a bot session: each message is one ``execute`` call continuing the same ``botSessionId``.

There are no turn ids and nothing to drain. The reply's ``botState`` is shown with the output, and the session
stays open whatever it says: after ``Complete`` or ``Failed`` the user can start another intent.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textbots_tui.api.errors import TextbotsError
from textbots_tui.core import parse, requests
from textbots_tui.core.events import BotOutput, UserInputSent, WaitingForInput
from textbots_tui.core.params import BotParams, SessionState
from textbots_tui.core.recorder import Recorder, round_trip_ms
from textbots_tui.core.sessions import Session, Turn

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.core.items import Choice


class BotDriver:
    """Runs the ``execute`` calls of bot sessions. The caller holds the session's turn slot."""

    def __init__(self, client: TextbotsClient, recorder: Recorder) -> None:
        self._client = client
        self._recorder = recorder

    async def send(
        self, session: Session, params: BotParams, text: str, *, shown: str, choice: Choice | None = None
    ) -> None:
        """Send ``text`` to the bot and show its reply. ``shown`` is what the chat shows for the input."""
        assert session.remote_id is not None, "a bot session gets its botSessionId when it starts"
        recorder = self._recorder
        recorder.set_state(session, SessionState.TALKING)
        request = requests.execute_request(
            params,
            session.remote_id,
            text,
            correlation_id=f"{session.session_id[:8]}-{len(session.turns) + 1}",
            choice=choice,
        )
        first_exchange = session.exchange_count
        started = time.perf_counter()
        started_at = datetime.now(UTC)
        recorder.flush(session)  # what came before this request is on disk before we wait
        try:
            reply = await self._client.execute(request, on_exchange=recorder.exchange_hook(session))
        except TextbotsError as error:
            recorder.failed(session, error, unsent=shown, fatal=False)
            return
        except asyncio.CancelledError:
            # The caller gave up waiting: the session must not stay "talking" forever.
            recorder.set_state(session, SessionState.WAITING)
            raise
        latency = round_trip_ms(session, first_exchange, started)
        bot_state = str(reply.bot_state)
        recorder.add_turn(
            session,
            Turn(len(session.turns) + 1, "Execute", started_at, latency, text=shown, next_action=bot_state),
        )
        recorder.emit(session, UserInputSent(session.session_id, shown, "Execute", choice=choice))
        items = parse.items_from_messages(reply.reply_messages or ())
        session.offer(items, more=False)
        slots = None
        if reply.slots is not None:
            slots = {name: "" if value is None else str(value) for name, value in reply.slots.items()}
        output = BotOutput(
            session.session_id,
            items,
            latency_ms=latency,
            language=params.language,
            bot_state=bot_state,
            intent=reply.intent_name or None,
            slots=slots,
        )
        recorder.emit(session, output)
        if session.state is SessionState.CLOSED:
            return
        recorder.set_state(session, SessionState.WAITING)
        recorder.emit(session, WaitingForInput(session.session_id, turn_id=None, choices=session.choices))
