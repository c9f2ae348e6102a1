"""Which session the main screen shows, and its widgets kept in line with that session.

:class:`SessionView` draws the shown session's conversation and exchanges, and brings the input line, the
header and the keys in line with its state (:func:`~textbots_tui.ui.shown_state.shown_state` works that out).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from textbots_tui.ui.actions import KeyState
from textbots_tui.ui.calls import CallFinished
from textbots_tui.ui.outcome_names import OutcomeNamer
from textbots_tui.ui.shown_state import shown_state
from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.connection_bar import ConnectionBar
from textbots_tui.ui.widgets.countdown import Countdown
from textbots_tui.ui.widgets.input_bar import InputBar
from textbots_tui.ui.widgets.session_sidebar import SessionSidebar

if TYPE_CHECKING:
    from textual.screen import Screen

    from textbots_tui.core.events import Event
    from textbots_tui.core.journal_read import HistoryScan
    from textbots_tui.core.names import FlowNames
    from textbots_tui.core.sessions import Session
    from textbots_tui.ui.calls import ControllerCalls
    from textbots_tui.ui.replay import Replay
    from textbots_tui.ui.typing_pacer import TypingPacer
    from textbots_tui.ui.widgets.inspector import Inspector


class SessionView:
    """The shown session of ``host`` (the main screen) and what its widgets show of it."""

    def __init__(
        self, host: Screen[Any], calls: ControllerCalls, replay: Replay, pacer: TypingPacer | None = None
    ) -> None:
        self._host = host
        self._calls = calls
        self._replay = replay
        self._pacer = pacer
        """Paces bot messages behind a typing indicator in presenter mode (none: drawn at once)."""
        self.current_id: str | None = None
        """The session shown."""
        self.keys = KeyState()
        """What decided the keys last (``check_action`` reads it)."""
        self._drawn: set[int] = set()
        """Identities of the events already drawn when a session was (re)shown: the messages for them may
        still be queued, and must not draw them twice."""
        self._names = OutcomeNamer(host, lambda: self.current_id, self._show_names)
        """Names the shown session's outcomes in the chat and the inspector once it has ended."""

    def _show_names(self, names: FlowNames) -> None:
        self._host.query_one(ChatPane).names = names
        if self.inspector is not None:
            self.inspector.names = names

    @property
    def session(self) -> Session | None:
        """The session shown now."""
        controller = self._calls.controller
        if controller is None or self.current_id is None:
            return None
        return controller.session(self.current_id)

    @property
    def inspector(self) -> Inspector | None:
        """The inspector, once it has been opened (it is built on first use: the first frame is lighter)."""
        # Looked up by id so that asking (on every event) does not import the inspector's module.
        for node in self._host.query("#inspector"):
            return cast("Inspector", node)
        return None

    def show(self, session_id: str) -> None:
        """Show one session: its conversation, its exchanges, and an input line fit for its state."""
        controller = self._calls.controller
        if controller is None:
            return
        self._replay.stop(restore=False)
        self.current_id = session_id
        self._host.query_one(SessionSidebar).select(session_id)
        if self._calls.open_history(session_id, lambda: self._history_opened(session_id)):  # read first
            self._host.query_one(ChatPane).show_events([])
            return
        self.restore_transcript()
        if self.inspector is not None:
            shown = controller.session(session_id)
            self.inspector.show_exchanges(list(shown.exchanges), dropped=shown.exchanges_dropped)
        self._names.session_shown(controller, controller.session(session_id))
        self._host.query_one(Countdown).stop()
        self._host.query_one(InputBar).clear_message()

    def show_none(self) -> None:
        """Show no session (the shown one was deleted): an empty chat and inspector."""
        self._replay.stop(restore=False)
        self.current_id = None
        self._host.query_one(SessionSidebar).select(None)
        self._host.query_one(ChatPane).show_events([])
        if self.inspector is not None:
            self.inspector.show_exchanges([])
        self._host.query_one(Countdown).stop()

    def history_reading(self, reading: bool) -> None:
        """Say in the session list while the journal's past sessions are read."""
        self._host.query_one(SessionSidebar).history_loading = reading

    def list_history(self, scan: HistoryScan) -> None:
        """List a journal scan's past sessions before the client is open (the controller announces the same
        ones when it comes; only then can they be opened)."""
        sidebar = self._host.query_one(SessionSidebar)
        for summary in scan.summaries:
            sidebar.upsert(summary.info)

    def _history_opened(self, session_id: str) -> None:
        """A history session's events were read: show it, if it is still the one to show."""
        if session_id == self.current_id:
            self.show(session_id)
            self._host.post_message(CallFinished(session_id))  # the host brings the keys in line

    def restore_transcript(self) -> None:
        """Show every event of the shown session; those still queued as messages are then not drawn again."""
        session = self.session
        if self._pacer is not None:
            self._pacer.clear()
        if session is not None:
            self._drawn = {id(event) for event in session.events}
            self._host.query_one(ChatPane).show_events(list(session.events))

    def draw(self, event: Event) -> None:
        """Draw an event of the shown session (an exchange goes to the inspector), unless already drawn."""
        from textbots_tui.core.events import ExchangeRecorded, SessionEnded

        controller = self._calls.controller
        if isinstance(event, SessionEnded) and controller is not None:
            self._names.session_shown(controller, controller.session(event.session_id))
        if id(event) in self._drawn:
            self._drawn.discard(id(event))
        elif isinstance(event, ExchangeRecorded):
            if self.inspector is not None:
                self.inspector.add_exchange(event.exchange)
        elif self._replay.session_id is None:  # a replay owns the chat; the transcript comes back after it
            if self._pacer is not None:
                self._pacer.draw(event)
            else:
                self._host.query_one(ChatPane).add_event(event)

    async def toggle_inspector(self) -> None:
        """Show or hide the inspector (built and filled the first time)."""
        if self.inspector is None:
            from textbots_tui.ui.widgets.inspector import Inspector

            inspector = Inspector(id="inspector")
            await self._host.query_one("#panes").mount(inspector)
            inspector.names = self._host.query_one(ChatPane).names
            session = self.session
            if session is None:
                inspector.show_exchanges([])
            else:
                inspector.show_exchanges(list(session.exchanges), dropped=session.exchanges_dropped)
            return
        self.inspector.display = not self.inspector.display

    def sync(self, *, has_error: bool) -> None:
        """Match the input line, header and keys to the shown session's state."""
        input_bar = self._host.query_one(InputBar)
        session, chat = self.session, self._host.query_one(ChatPane)
        replaying = self._replay.session_id is not None
        ended = session is not None and (session.read_only or not session.state.is_open)
        if ended and not replaying and chat.current_choices:
            chat.end_choices()  # a closed or history session offers nothing to pick: no numbers, no Pick keys
        controller = self._calls.controller
        shown = shown_state(
            self.session,
            connected=controller is not None,
            current_target=controller.org_target if controller is not None else None,
            has_error=has_error,
            choices=len(self._host.query_one(ChatPane).current_choices),
            replaying=self._replay.session_id is not None,
            input_empty=input_bar.empty,
        )
        input_bar.choice_count = shown.keys.choices
        input_bar.busy, input_bar.unavailable = shown.busy, shown.unavailable
        input_bar.resumable = shown.resumable
        self._host.query_one(ConnectionBar).session_summary = shown.summary
        self._set_keys(shown.keys)

    def show_busy(self) -> None:
        """A call goes out: the input line and the keys show busy at once, before the controller says so."""
        if self._pacer is not None:
            self._pacer.skip()  # what the bot said before comes first
        from textbots_tui.core.availability import session_actions

        self._host.query_one(InputBar).busy = True
        self._set_keys(
            replace(self.keys, busy=True, session_actions=session_actions(self.session, busy=True))
        )

    def input_emptied(self, empty: bool) -> None:
        """The alt+number picks come and go with text in the input line."""
        self._set_keys(replace(self.keys, input_empty=empty))

    def _set_keys(self, keys: KeyState) -> None:
        # The footer rebuilds itself on every refresh: only ask when what check_action reads has changed.
        if keys != self.keys:
            self.keys = keys
            self._host.refresh_bindings()
