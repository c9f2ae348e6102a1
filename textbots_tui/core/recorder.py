"""Where every event goes out: the session's own list, the journal, then the listeners, in that order.

The journal comes before the listeners so a listener that raises cannot cost a line of the transcript; a
listener that raises is logged and the others still get the event. A journal that cannot be written (a full
disk) stops recording that session and says so once, but never stops the conversation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Literal

from textbots_tui.api.errors import TextbotsError
from textbots_tui.core.errors import OUT_OF_STEP_TITLE
from textbots_tui.core.events import (
    ErrorOccurred,
    Event,
    ExchangeRecorded,
    Notice,
    SessionChanged,
    SessionCreated,
)
from textbots_tui.core.params import SessionState
from textbots_tui.core.sessions import Session, Turn, seconds_for_people

if TYPE_CHECKING:
    from textbots_tui.api.exchange import Exchange
    from textbots_tui.core.journal import Journal

log = logging.getLogger(__name__)

Listener = Callable[[Event], None]
"""A synchronous event callback. One that raises is logged and skipped; the others still get the event."""


class Recorder:
    """Delivers a controller's events and keeps its sessions' records (exchanges, turns, state)."""

    def __init__(self, journal: Journal | None) -> None:
        self.journal = journal
        self.listeners: list[Listener] = []
        self._unjournalled: set[str] = set()

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

    def emit(self, session: Session, event: Event, *, record: bool = True) -> None:
        """Deliver one event. ``record=False`` only tells the listeners (a reload of history)."""
        if record:
            session.record(event)
            # History reloaded from the journal is only written to for a rename, so its new name sticks.
            if not session.read_only or isinstance(event, SessionChanged):
                self._journal_write(session, event)
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
        if exchange.retry_after_s is not None:
            if exchange.status == 429:
                why = "rate limited"
            else:
                why = f"request failed ({exchange.status or exchange.error or 'no response'})"
            self.notice(session, f"{why}, retrying in {seconds_for_people(exchange.retry_after_s)}")

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
        if self.journal is not None:
            self.journal.close_session(session_id)

    def close(self) -> None:
        """Close every journal file."""
        if self.journal is not None:
            self.journal.close()

    def _journal_write(self, session: Session, record: Event | Turn) -> None:
        if self.journal is None or session.session_id in self._unjournalled:
            return
        try:
            if isinstance(record, Turn):
                self.journal.append_turn(session.session_id, record)
            else:
                self.journal.append_event(record)
        except OSError as exc:
            self._journal_failed(session, exc)

    def _journal_failed(self, session: Session, exc: OSError) -> None:
        # A full disk must not stop a demo: stop journalling this session and say so once.
        self._unjournalled.add(session.session_id)
        log.warning("journal write failed for session %s: %s", session.session_id, exc)
        self.notice(session, f"the journal could not be written ({exc}): this session is not recorded")


def round_trip_ms(session: Session, first_exchange: int, started: float) -> float:
    """The round trip of the attempt that succeeded (waits before retries left out).

    ``first_exchange`` is how many exchanges the session had before the call, ``started`` the
    ``time.perf_counter()`` then; with no successful exchange recorded, the call's wall time.
    """
    for exchange in reversed(session.exchanges[first_exchange:]):
        if exchange.status is not None and 200 <= exchange.status < 300:
            return exchange.duration_ms
    return (time.perf_counter() - started) * 1000.0
