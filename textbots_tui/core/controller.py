"""The conversation engine: runs sessions against a :class:`TextbotsClient` and emits events.

The TUI, the script runner and the load runner drive the same controller, so what passes headless is what the
TUI does. Every public coroutine returns when the bot waits for the user again (``NoOp`` responses drained)
or the session ended. Network and server failures never raise: they become :class:`ErrorOccurred` events
that keep the user's unsent input. Input that cannot be sent now raises :class:`InputRefused`, sending
nothing. Only :meth:`Controller.list_targets`, which is not part of a conversation, raises API errors.

Two details of the textbots API shape the behaviour:

- A stale ``previousTurn`` gets a 409. The API gives no way to learn the server's latest turn id, so the
  controller reports the refused turn as "out of step" (with the unsent input) and a warning
  :class:`Notice`, and keeps the session open (waiting): the user may try again, or restart the session.
- The client already retries what is safe to retry (429, 503, connect errors) and refreshes tokens; the
  controller never retries on top. Each "about to retry" exchange becomes a :class:`Notice`.
- A ``NoOp`` that fails while the bot is talking (the flow's start, or draining) leaves the server expecting
  a ``NoOp``. When the server cannot have processed the failed one, the session waits for the user again
  and remembers it (``Session.pending_noop``): the next ``send_text``, ``choose`` or ``send_event``, or an
  explicit :meth:`Controller.resume`, first sends that ``NoOp`` and drains, and the user's input follows
  only if the flow then waits (if it ends instead, the input is refused, unsent). When the server may have
  processed it (a read timeout, a 500), the flow's state is unknown: the session fails with a
  ``SessionStateUnknownError`` and the user restarts it. See :mod:`textbots_tui.core.flow_turns`.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from textbots_tui.api.models import TextBotFlowTurnRequest
from textbots_tui.core import listing, requests
from textbots_tui.core.bot_turns import BotDriver
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import SessionCreated, SessionDeleted, WaitingForInput
from textbots_tui.core.flow_turns import FlowDriver
from textbots_tui.core.items import Choice
from textbots_tui.core.journal import Journal
from textbots_tui.core.names import NameResolver
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionState, TargetSummary
from textbots_tui.core.recorder import Listener, Recorder
from textbots_tui.core.sessions import Session
from textbots_tui.core.targets import target_refusal

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.core.journal_read import HistoryScan, JournalEntry, JournalSummary

__all__ = ["EVENT_TYPES", "Controller", "Listener"]

EVENT_TYPES = ("NoInput", "NoMatch", "Error", "UserDisconnect", "ClientSessionExpired")
"""The input events a user can send to a bot flow besides text and choices."""

HISTORY_KEPT = 8
"""How many opened history sessions keep their events in memory (the journal holds them all)."""


class Controller:
    """Owns the sessions of one client, drives their conversations and emits their events.

    ``max_noop_turns`` bounds how many ``NoOp`` responses in a row are drained before the flow is reported as
    never waiting for input.
    """

    def __init__(
        self, client: TextbotsClient, *, journal: Journal | None = None, max_noop_turns: int = 50
    ) -> None:
        self._client = client
        self._journal = journal
        self._sessions: dict[str, Session] = {}
        self._recorder = Recorder(journal)
        self._unloaded: dict[str, JournalSummary] = {}
        """History sessions listed from their file's summary, events still on disk."""
        self._kept: OrderedDict[str, JournalSummary] = OrderedDict()
        """History sessions whose events are in memory, the most recently opened last."""
        self._opening = asyncio.Lock()
        self.history_skipped = 0
        """How many journal files the last :meth:`load_history` skipped (damaged headers)."""
        self._flows = FlowDriver(client, self._recorder, max_noop_turns)
        self._bots = BotDriver(client, self._recorder)
        self._names = NameResolver(client)

    @property
    def org_target(self) -> dict[str, str] | None:
        """The org this controller's sessions talk to, as the journal records it (``None`` without one)."""
        return dict(self._journal.target) if self._journal is not None and self._journal.target else None

    @property
    def names(self) -> NameResolver:
        """Outcome and milestone names for this controller's connection (cached; never raises)."""
        return self._names

    # Sessions and listeners

    @property
    def sessions(self) -> Mapping[str, Session]:
        """Every session by local id, in creation (or reload) order. A read-only view."""
        return MappingProxyType(self._sessions)

    def session(self, session_id: str) -> Session:
        """The session with this local id (``KeyError`` when there is none)."""
        try:
            return self._sessions[session_id]
        except KeyError:
            raise KeyError(f"no session {session_id!r}") from None

    @contextmanager
    def _turn(self, session: Session) -> Iterator[None]:
        """Hold the session's turn slot for one call; its journal step is written when the call ends."""
        with session.sending():
            try:
                yield
            finally:
                self._recorder.settle(session)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every event from now on. Returns the function that unsubscribes it."""
        return self._recorder.subscribe(listener)

    # Starting sessions

    async def launch_flow(self, params: FlowLaunchParams) -> str:
        """Launch a bot flow session, start it (``NoOp``) and drain until it waits or ends. Returns its id."""
        return await self._launch_flow(params, name=None)

    async def start_bot(self, params: BotParams) -> str:
        """Start a bot session; nothing is sent until the first text. Returns its id.

        Raises :class:`InputRefused` when the parameters cannot make a valid request (bad provider settings).
        """
        return self._start_bot(params, name=None)

    async def restart(self, session_id: str) -> str:
        """Close the session (if still open) and start a new one with the same parameters and name.

        History too, of this org only (another target's raises :class:`InputRefused`). Returns the new id.
        """
        old = self.session(session_id)
        refusal = target_refusal(old.org_target, self.org_target)
        if refusal is not None:
            raise InputRefused(refusal)
        await self.close(session_id)
        if isinstance(old.params, FlowLaunchParams):
            return await self._launch_flow(old.params, name=old.name)
        return self._start_bot(old.params, name=old.name)

    async def _launch_flow(self, params: FlowLaunchParams, name: str | None) -> str:
        session = self._new_session(params, name)
        with self._turn(session):
            await self._flows.launch(session, params)
        return session.session_id

    def _start_bot(self, params: BotParams, name: str | None) -> str:
        bot_session_id = str(uuid.uuid4())
        try:
            requests.execute_request(params, bot_session_id, "", correlation_id="")
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise InputRefused(f"the bot settings cannot make a valid request: {exc}") from exc
        session = self._new_session(params, name, remote_id=bot_session_id)
        self._recorder.emit(session, WaitingForInput(session.session_id, turn_id=None))
        return session.session_id

    def _new_session(
        self, params: FlowLaunchParams | BotParams, name: str | None, remote_id: str | None = None
    ) -> Session:
        session = Session(uuid.uuid4().hex, params, name=name, org_target=self.org_target)
        session.bind_remote(remote_id)
        self._sessions[session.session_id] = session
        self._recorder.created(session)
        return session

    # Input

    async def send_text(self, session_id: str, text: str) -> None:
        """Send typed text: a ``UserInput`` turn (flow) or an ``execute`` call (bot)."""
        session = self.session(session_id)
        with self._turn(session):
            if isinstance(session.params, BotParams):
                await self._bots.send(session, session.params, text, shown=text)
            else:
                await self._flows.drive(
                    session,
                    lambda previous: TextBotFlowTurnRequest.user_input(text, previous),
                    "UserInput",
                    shown=text,
                    unsent=text,
                )

    async def choose(self, session_id: str, choice: Choice | str) -> None:
        """Pick a choice, given as a :class:`Choice` or as the label or payload of an offered one.

        A flow gets the payload as ``UserInput`` text, or a ``ButtonResponse`` (type ``QuickReply``,
        ``Button`` for card postbacks, ``ListPicker``, ``DatePicker``) when the choice mode is ``rich_media``.
        A bot gets the payload as text. Raises :class:`InputRefused` when the text matches no offered choice
        (the message names the offered labels) or several, and for a card link (links are never sent).
        """
        session = self.session(session_id)
        session.check_can_send()
        picked = session.find_choice(choice) if isinstance(choice, str) else choice
        with self._turn(session):
            if isinstance(session.params, BotParams):
                await self._bots.send(
                    session, session.params, picked.payload, shown=picked.label, choice=picked
                )
                return
            rich = session.params.choice_mode == "rich_media"
            input_type = "RichMediaInput" if rich else "UserInput"
            await self._flows.drive(
                session,
                lambda previous: requests.choice_turn(picked, rich, previous),
                input_type,
                shown=picked.label,
                unsent=picked.label,
                choice=picked,
            )

    async def send_event(
        self, session_id: str, event_type: str, *, code: str | None = None, message: str | None = None
    ) -> None:
        """Send an input event to a flow (any letter case).

        ``NoInput``, ``NoMatch``, ``Error`` (with ``code`` and ``message``; defaults when left out),
        ``UserDisconnect`` or ``ClientSessionExpired``.
        """
        session = self.session(session_id)
        canonical = {name.casefold(): name for name in EVENT_TYPES}.get(event_type.strip().casefold())
        if canonical is None:
            raise InputRefused(f"unknown event {event_type!r}: use one of {', '.join(EVENT_TYPES)}")
        if session.kind == "bot":
            raise InputRefused("input events exist only for bot flow sessions; a bot takes text")
        shown = canonical
        if canonical == "Error":
            code = code or "client.error"
            message = message or "The client reported an error."
            shown = f"Error {code}: {message}"
        with self._turn(session):
            await self._flows.drive(
                session,
                lambda previous: TextBotFlowTurnRequest.event(
                    canonical, previous, code=code, message=message
                ),
                canonical,
                shown=shown,
            )

    async def resume(self, session_id: str) -> None:
        """Get the rest of what a flow was saying when a request failed: send the ``NoOp`` the server still
        expects (quoting the latest turn) and drain until the flow waits or ends.

        The next ``send_text``, ``choose`` or ``send_event`` does this by itself first. Raises
        :class:`InputRefused` when nothing is pending (``Session.pending_noop``) or input cannot go now.
        """
        session = self.session(session_id)
        session.check_can_send()
        if not session.pending_noop:
            raise InputRefused("nothing to resume: the flow is not in the middle of saying something")
        with self._turn(session):
            await self._flows.resume(session)

    # Session management

    async def close(self, session_id: str) -> None:
        """Close a session for input; it keeps everything. No request is made (the API has no "end").

        Closing while the bot is talking stops draining after the response in flight.
        """
        session = self.session(session_id)
        if session.state.is_open and not session.read_only:
            self._recorder.set_state(session, SessionState.CLOSED)
        self._recorder.close_session(session_id)

    def notice(
        self, session_id: str, message: str, level: Literal["information", "warning"] = "information"
    ) -> None:
        """Put a note in a session's transcript (and journal): what a replay against live found, say."""
        self._recorder.notice(self.session(session_id), message, level)

    async def rename(self, session_id: str, name: str) -> None:
        """Give a session a new display name (history too: its journal file keeps the new name)."""
        session = self.session(session_id)
        name = name.strip()
        if not name:
            raise InputRefused("a session name cannot be empty")
        await self.open_history(session_id)  # the renamed state line counts its turns
        session.rename(name)
        self._recorder.changed(session)

    async def load_history(self, scan: HistoryScan | None = None) -> list[str]:
        """List the journal's past sessions as read-only history; returns their ids, oldest first.

        Only each file's header and latest state are read (in a worker thread), so this is quick however
        long the sessions were; a session's events are read when it is opened (:meth:`open_history`). Each
        gets a ``SessionCreated`` with ``info.read_only``. Sessions already known (this run's, or loaded
        before) are skipped; files with a damaged header are counted in :attr:`history_skipped`. ``scan``
        is a scan of the journal's directory made already (the app lists it before the controller exists).
        """
        if self._journal is None:
            return []
        if scan is None:
            scan = await asyncio.to_thread(self._journal.scan)
        self.history_skipped = len(scan.skipped_files)
        loaded = []
        for summary in scan.summaries:
            if summary.session_id in self._sessions:
                continue
            info = summary.info
            session = Session(info.session_id, summary.params, created_at=info.created_at, read_only=True)
            session.take_info(info)
            self._sessions[session.session_id] = session
            self._unloaded[session.session_id] = summary
            self._journal.adopt(session.session_id, summary.path)
            loaded.append(session.session_id)
            self._recorder.emit(session, SessionCreated(session.session_id, info=info), record=False)
        return loaded

    def history_pending(self, session_id: str) -> bool:
        """Whether a history session's events are still on disk only (:meth:`open_history` reads them)."""
        return session_id in self._unloaded

    async def open_history(self, session_id: str) -> JournalEntry | None:
        """Read a history session's events, turns and exchanges from its file (in a worker thread).

        Returns what was read (its ``skipped_lines`` and ``cut_off`` say what is missing), or None when the
        session was in memory already. At most :data:`HISTORY_KEPT` history sessions stay in memory: the one
        opened longest ago goes back to disk.
        """
        # The journal's reader, imported when history is first opened: a run never opens any.
        from textbots_tui.core.journal_read import JournalEntry, fill_session, read_session_file

        async with self._opening:
            summary = self._unloaded.get(session_id)
            if summary is None:
                if session_id in self._kept:
                    self._kept.move_to_end(session_id)
                return None
            assert self._journal is not None
            entry = await asyncio.to_thread(
                read_session_file, summary.path, max_bytes=self._journal.max_file_bytes
            )
            if entry is None:  # the file went, or its header was damaged since the scan
                entry = JournalEntry(
                    summary.path, session_id, summary.info.kind, summary.params, summary.info.created_at
                )
            fill_session(self.session(session_id), entry)
            del self._unloaded[session_id]
            self._kept[session_id] = summary
            while len(self._kept) > HISTORY_KEPT:
                old_id, old_summary = self._kept.popitem(last=False)
                old = self._sessions[old_id]
                old.unload()
                self._unloaded[old_id] = old_summary
            return entry

    async def delete_history(self, session_id: str) -> None:
        """Delete a history session's journal file and forget the session (``SessionDeleted`` says so).

        This run's sessions raise :class:`InputRefused`: the journal still writes them (a step after the
        delete would leave a file with no header). ``OSError`` (permission, file in use) raises as it came.
        """
        session = self.session(session_id)
        summary = self._unloaded.get(session_id) or self._kept.get(session_id)
        if not session.read_only or summary is None or self._journal is None:
            raise InputRefused("only past sessions can be deleted: this run's are still being journalled")
        async with self._opening:  # not while its events are being read
            self._journal.close_session(session_id)
            await asyncio.to_thread(summary.path.unlink, missing_ok=True)
            del self._sessions[session_id]
            self._unloaded.pop(session_id, None)
            self._kept.pop(session_id, None)
        self._recorder.emit(session, SessionDeleted(session_id), record=False)

    async def list_targets(self, kind: Literal["flow", "bot"]) -> list[TargetSummary]:
        """The org's bot flows or its other bots (:func:`textbots_tui.core.listing.list_targets`); API errors
        raise the typed ``TextbotsError`` here (the dialog shows it)."""
        return await listing.list_targets(self._client, kind)

    async def aclose(self) -> None:
        """Close the journal's files. The client belongs to the caller and stays open."""
        self._recorder.close()
