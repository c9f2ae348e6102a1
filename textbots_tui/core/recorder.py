"""Where every event goes out: the session's own list, the journal, then the listeners, in that order.

The journal comes before the listeners so a listener that raises cannot cost a line of the transcript; a
listener that raises is logged and the others still get the event. A journal that cannot be written (a full
disk, a file at its size limit) stops recording that session and says so once, but never stops the
conversation.

While a session has a call in flight, what it records is gathered and written as one journal step when the
controller is about to wait: before each request goes out (:meth:`Recorder.flush`) and when the call returns.
Anything recorded while no call is in flight is written at once. So a turn costs one line, and a crash loses
nothing up to the last completed turn.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Literal

from textbots_tui.api.errors import TextbotsError
from textbots_tui.core.errors import OUT_OF_STEP_TITLE
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    Event,
    ExchangeRecorded,
    Notice,
    SessionChanged,
    SessionCreated,
    WaitingForInput,
)
from textbots_tui.core.journal import FromResponse, session_state
from textbots_tui.core.params import SessionState
from textbots_tui.core.retry_words import retry_notice
from textbots_tui.core.sessions import Session, Turn

if TYPE_CHECKING:
    from textbots_tui.api.exchange import Exchange
    from textbots_tui.core.journal import Journal

log = logging.getLogger(__name__)

Listener = Callable[[Event], None]
"""A synchronous event callback. One that raises is logged and skipped; the others still get the event."""


class _Step:
    """What a session recorded since its last journal line."""

    __slots__ = ("events", "turns")

    def __init__(self) -> None:
        self.events: list[Event | FromResponse] = []
        self.turns: list[Turn] = []


class Recorder:
    """Delivers a controller's events and keeps its sessions' records (exchanges, turns, state)."""

    def __init__(self, journal: Journal | None) -> None:
        self.journal = journal
        self.listeners: list[Listener] = []
        self._unjournalled: set[str] = set()
        self._steps: dict[str, _Step] = {}
        self._written: dict[str, dict[str, object]] = {}
        """The state each session's last journal line recorded."""

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns the function that removes it."""
        self.listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self.listeners:
                self.listeners.remove(listener)

        return unsubscribe

    def created(self, session: Session) -> None:
        """A new session: open its journal file, then announce it."""
        if self.journal is not None:
            try:
                self.journal.start_session(
                    session.session_id, session.kind, session.params, session.created_at
                )
            except OSError as exc:
                self._journal_failed(session, exc)
        self.emit(session, SessionCreated(session.session_id, info=session.info()))

    def emit(
        self, session: Session, event: Event, *, record: bool = True, from_response: bool = False
    ) -> None:
        """Deliver one event. ``record=False`` only tells the listeners (a reload of history).

        ``from_response`` says the event was made from the flow's turn response just recorded (a flow's
        bot output or wait): the journal writes it without what its reader derives from that response.
        """
        if record:
            session.record(event)
            # History reloaded from the journal is only written to for a rename, so its new name sticks.
            if not session.read_only or isinstance(event, SessionChanged):
                self._journal_write(session, event, from_response)
        for listener in tuple(self.listeners):
            try:
                listener(event)
            except Exception:
                log.exception("event listener %r failed on %s", listener, type(event).__name__)

    def exchange_hook(self, session: Session) -> Callable[[Exchange], None]:
        """The ``on_exchange`` callback recording a session's HTTP attempts."""
        return partial(self.record_exchange, session)

    def record_exchange(self, session: Session, exchange: Exchange) -> None:
        """Keep one HTTP attempt; when the client is about to retry it, say so."""
        session.record_exchange(exchange)
        self.emit(session, ExchangeRecorded(session.session_id, exchange=exchange))
        if (message := retry_notice(exchange)) is not None:
            self.notice(session, message)

    def add_turn(self, session: Session, turn: Turn) -> None:
        """Keep one completed round trip."""
        session.record_turn(turn)
        self._journal_write(session, turn)

    def set_state(self, session: Session, state: SessionState) -> None:
        """Move a session to ``state`` (announced with ``SessionChanged`` when it changes)."""
        if session.move_to(state):
            self.changed(session)

    def changed(self, session: Session) -> None:
        """Announce a session's new state, name or turn count."""
        self.emit(session, SessionChanged(session.session_id, info=session.info()))

    def notice(
        self, session: Session, message: str, level: Literal["information", "warning"] = "warning"
    ) -> None:
        """Something recoverable worth a toast."""
        self.emit(session, Notice(session.session_id, message, level=level))

    def failed(self, session: Session, error: TextbotsError, *, unsent: str | None, fatal: bool) -> None:
        """A request failed: report it with the input that did not get through.

        A fatal failure leaves the session FAILED; otherwise it waits for the user again (who may retry).
        """
        if session.state is not SessionState.CLOSED:
            session.move_to(SessionState.FAILED if fatal else SessionState.WAITING)
        self.emit(session, ErrorOccurred(session.session_id, error=error, unsent_input=unsent, fatal=fatal))
        if error.title == OUT_OF_STEP_TITLE:
            self.notice(
                session,
                "the server refused the turn as out of step (a stale turn?): "
                "try again, or restart the session",
            )
        self.changed(session)

    def close_session(self, session_id: str) -> None:
        """Close the session's journal file (a later line reopens it)."""
        self._written.pop(session_id, None)
        if self.journal is not None:
            self.journal.close_session(session_id)

    def close(self) -> None:
        """Close every journal file."""
        if self.journal is not None:
            self.journal.close()

    def flush(self, session: Session) -> None:
        """Write what the session recorded since its last journal line as one step (nothing if nothing)."""
        step = self._steps.pop(session.session_id, None)
        if step is not None:
            self._write_step(session, step.events, step.turns)

    def settle(self, session: Session) -> None:
        """A call ended: write what is left, or at least the state the session settled in if it changed."""
        step = self._steps.pop(session.session_id, None)
        if step is not None:
            self._write_step(session, step.events, step.turns)
        elif (
            self.journal is not None
            and session.session_id not in self._unjournalled
            and self._written.get(session.session_id) != session_state(session)
        ):
            self._write_step(session, (), ())

    def _write_step(
        self, session: Session, events: Sequence[Event | FromResponse], turns: Sequence[Turn]
    ) -> None:
        assert self.journal is not None
        state = session_state(session)
        try:
            self.journal.append_step(session.session_id, events, turns, state)
        except OSError as exc:
            self._journal_failed(session, exc)
        else:
            self._written[session.session_id] = state

    def _journal_write(self, session: Session, record: Event | Turn, from_response: bool = False) -> None:
        if self.journal is None or session.session_id in self._unjournalled:
            return
        if isinstance(record, SessionChanged) and session.in_flight:
            return  # a passing state: the step written when the call ends says where the session stands
        step = self._steps.get(session.session_id)
        if step is None:
            step = self._steps[session.session_id] = _Step()
        if isinstance(record, Turn):
            step.turns.append(record)
        elif from_response and isinstance(record, BotOutput | WaitingForInput):
            step.events.append(FromResponse(record))
        elif not isinstance(record, SessionChanged):  # the step's state says where the session stands
            step.events.append(record)
        if not session.in_flight:
            self.flush(session)

    def _journal_failed(self, session: Session, exc: OSError) -> None:
        # A full disk must not stop a demo: stop journalling this session and say so once.
        self._unjournalled.add(session.session_id)
        self._steps.pop(session.session_id, None)
        log.warning("journal write failed for session %s: %s", session.session_id, exc)
        self.notice(session, f"the journal could not be written ({exc}): this session is not recorded")


def round_trip_ms(session: Session, first_exchange: int, started: float) -> float:
    """The round trip of the attempt that succeeded (waits before retries left out).

    ``first_exchange`` is the session's ``exchange_count`` before the call, ``started`` the
    ``time.perf_counter()`` then; with no successful exchange recorded, the call's wall time.
    """
    for exchange in reversed(session.exchanges_since(first_exchange)):
        if exchange.status is not None and 200 <= exchange.status < 300:
            return exchange.duration_ms
    return (time.perf_counter() - started) * 1000.0
