"""Where Textual and the controller meet, in both directions.

Events come in: the controller calls its listeners from its own task with plain events, and a widget must
only be touched from its own message loop, so :class:`Bridge` posts each event as a message to one target (the
main screen); events keep their order and every update happens in the screen's handlers.

Calls go out: :class:`ControllerScreen` runs every controller call in a worker, turns a refusal
(``InputRefused``: nothing was sent) into a hook the screen shows, and routes every worker failure to one
handler, so the app never dies on a bad response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from textbots_tui.core.controller import Controller
    from textbots_tui.core.events import Event
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.core.sessions import Session


class ControllerEventReceived(Message):
    """A controller event, delivered on the target's message loop."""

    def __init__(self, event: Event) -> None:
        self.event = event
        super().__init__()


class Bridge:
    """A controller listener that forwards every event to ``target`` as :class:`ControllerEventReceived`."""

    def __init__(self, target: MessagePump) -> None:
        self._target = target

    def __call__(self, event: Event) -> None:
        """Receive one controller event."""
        self._target.post_message(ControllerEventReceived(event))


class ControllerScreen(Screen[None]):
    """A screen that drives a controller: calls run in workers, refusals and failures come back to hooks."""

    def __init__(self) -> None:
        super().__init__()
        self.controller: Controller | None = None
        """Set by :meth:`attach` once the client is open."""
        self.current_id: str | None = None
        """The session the screen shows."""

    @property
    def session(self) -> Session | None:
        """The session shown now."""
        if self.controller is None or self.current_id is None:
            return None
        return self.controller.session(self.current_id)

    async def attach(
        self, controller: Controller, *, start: FlowLaunchParams | BotParams | None = None
    ) -> None:
        """Start using ``controller`` (called once the client is open): launch ``start``, load history."""
        self.controller = controller
        self.sync()
        if start is not None:
            self.start_session(start)
        self._load_history()

    # Hooks for the screen.

    def sync(self) -> None:
        """Bring the widgets in line with the shown session (after a call, once the controller is ready)."""

    def sending(self) -> None:
        """A call for the shown session is about to go out."""

    def refused(self, session_id: str, reason: str, typed: str | None) -> None:
        """The controller refused a call; nothing was sent. ``typed`` is the user's text, to give back."""
        self.notify(reason, title="Not sent", severity="warning")

    def report_failure(self, error: BaseException) -> None:
        """A worker (or a handler) failed: show it, never exit."""
        self.notify(str(error), title=type(error).__name__, severity="error")

    # Calls.

    def on_current(
        self, call: Callable[[Controller, str], Awaitable[object]], typed: str | None = None
    ) -> None:
        """Run ``call(controller, session_id)`` for the shown session in a worker (nothing without one)."""
        controller, session_id = self.controller, self.current_id
        if controller is not None and session_id is not None:
            self.sending()
            self._call(session_id, lambda: call(controller, session_id), typed)

    @work(group="turns", exit_on_error=False)
    async def _call(self, session_id: str, call: Callable[[], Awaitable[object]], typed: str | None) -> None:
        from textbots_tui.core.errors import InputRefused

        try:
            await call()
        except InputRefused as refusal:
            self.refused(session_id, str(refusal), typed)
        finally:
            if session_id == self.current_id:
                self.sync()

    @work(group="sessions", exit_on_error=False)
    async def start_session(self, params: FlowLaunchParams | BotParams) -> None:
        """Launch a flow or start a bot; the new session shows itself when the controller announces it."""
        from textbots_tui.core.errors import InputRefused
        from textbots_tui.core.params import FlowLaunchParams

        assert self.controller is not None
        try:
            if isinstance(params, FlowLaunchParams):
                await self.controller.launch_flow(params)
            else:
                await self.controller.start_bot(params)
        except InputRefused as refusal:
            self.notify(str(refusal), title="Not started", severity="warning")
        self.sync()

    @work(group="names", exit_on_error=False)
    async def name_from_org(self, session_id: str) -> None:
        """Name a session started from a bare flow or bot id after its target in the org's list.

        Quiet on failure: a real org may not grant the permission to list, and the id then stays the name.
        A session the user renamed meanwhile keeps the user's name.
        """
        from textbots_tui.core.params import FlowLaunchParams
        from textbots_tui.core.sessions import default_name

        controller = self.controller
        assert controller is not None
        session = controller.session(session_id)
        params = session.params
        named = params.flow_name if isinstance(params, FlowLaunchParams) else params.bot_name
        if named or session.name != default_name(params):
            return
        try:
            targets = await controller.list_targets(session.kind)
        except Exception:  # any failure to list (forbidden, offline, a bad response) leaves the id as name
            return
        name = next((t.name for t in targets if t.target_id == session.target_id and t.name.strip()), None)
        if name is not None and session.name == default_name(params):
            await controller.rename(session_id, name)

    def history_loading(self, loading: bool) -> None:
        """The journal is being read (``True``) or has been (``False``): say so while it takes."""

    def show_session(self, session_id: str) -> None:
        """Show one session (the screen draws it)."""

    @work(group="sessions", exit_on_error=False)
    async def _load_history(self) -> None:
        """List the journal's past sessions (the controller announces each one); say what was skipped."""
        assert self.controller is not None
        self.history_loading(True)
        try:
            await self.controller.load_history()
        finally:
            self.history_loading(False)
        skipped = self.controller.history_skipped
        if skipped:
            files = "file" if skipped == 1 else "files"
            self.notify(
                f"{skipped} damaged journal {files} skipped: the other sessions are listed",
                title="History",
                severity="warning",
            )

    def open_history(self, session_id: str) -> bool:
        """Read a history session's events from the journal in a worker, then show it if still chosen.

        Returns False (nothing to do) when its events are in memory already.
        """
        if self.controller is None or not self.controller.history_pending(session_id):
            return False
        self._open_history(session_id)
        return True

    @work(group="history", exit_on_error=False)
    async def _open_history(self, session_id: str) -> None:
        assert self.controller is not None
        entry = await self.controller.open_history(session_id)
        if entry is not None and (entry.skipped_lines or entry.cut_off):
            said = []
            if entry.skipped_lines:
                lines = "line" if entry.skipped_lines == 1 else "lines"
                said.append(f"{entry.skipped_lines} damaged {lines} skipped")
            if entry.cut_off:
                said.append("the file was cut off at its size limit: later events are missing")
            self.notify("; ".join(said), title="History", severity="warning")
        if self.current_id == session_id:
            self.show_session(session_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures go."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.report_failure(event.worker.error)
