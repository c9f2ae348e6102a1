"""Calls out to the controller, made in workers of the screen that asks.

:class:`ControllerCalls` runs every controller call in a worker owned by its host screen, so that a slow
org never blocks the screen and every worker failure reaches the host's one ``on_worker_state_changed``
handler. What the host must react to comes back as messages: :class:`CallRefused` when the controller (or
the UI, before asking) refused and nothing was sent, :class:`CallFinished` once a call for a session is
over, whatever its outcome.

The controller comes some time after the first frame (the app opens the client in the background). Calls
made before that wait for it (:meth:`ControllerCalls.ready`): a dialog opened by the first key works at once,
and what it starts goes out when the client is open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Literal

from textual.message import Message

if TYPE_CHECKING:
    from textual.screen import Screen

    from textbots_tui.core.controller import Controller
    from textbots_tui.core.journal_read import HistoryScan
    from textbots_tui.core.params import BotParams, FlowLaunchParams, TargetSummary

SessionCall = Callable[["Controller", str], Awaitable[object]]
"""A controller call for one session: ``call(controller, session_id)``."""


class CallRefused(Message):
    """A call was refused and nothing was sent; ``typed`` is the user's text, to give back."""

    def __init__(self, session_id: str, reason: str, typed: str | None) -> None:
        self.session_id = session_id
        """The session the call was for ("" when there was none)."""
        self.reason = reason
        self.typed = typed
        super().__init__()


class CallFinished(Message):
    """A call for ``session_id`` is over (answered, refused or failed): bring the widgets in line."""

    def __init__(self, session_id: str | None) -> None:
        self.session_id = session_id
        super().__init__()


class ControllerCalls:
    """The host screen's way to the controller: each call in a worker, refusals and ends as messages."""

    def __init__(self, host: Screen[Any]) -> None:
        self._host = host
        self.controller: Controller | None = None
        """Set by :meth:`attach` once the client is open."""
        self._failure: BaseException | None = None
        self._settled: asyncio.Event | None = None
        """Set once the controller came or opening the client failed; made by the first waiter (in the
        app's event loop, which does not exist yet when the screen is built)."""

    def attach(self, controller: Controller) -> None:
        """The client is open: use ``controller`` from now on, and let the calls waiting for it go."""
        self.controller = controller
        if self._settled is not None:
            self._settled.set()

    def failed(self, error: BaseException) -> None:
        """Opening the client failed: the calls waiting for it fail with ``error`` (the app shows it)."""
        self._failure = error
        if self._settled is not None:
            self._settled.set()

    async def ready(self) -> Controller:
        """The controller, once the client is open; raises what opening it raised."""
        while self.controller is None:
            if self._failure is not None:
                raise self._failure
            if self._settled is None:
                self._settled = asyncio.Event()
            await self._settled.wait()
        return self.controller

    async def list_targets(self, kind: Literal["flow", "bot"]) -> list[TargetSummary]:
        """The org's flows (``kind`` ``flow``) or bots, once the client is open."""
        controller = await self.ready()
        return await controller.list_targets(kind)

    def load_history(self, reading: Callable[[bool], None], scan: HistoryScan | None = None) -> None:
        """List the journal's past sessions (the controller announces each one), from ``scan`` if the
        journal was scanned already.

        ``reading(True)`` is called when the reading starts and ``reading(False)`` when it ends; a toast
        says how many damaged files were skipped.
        """
        if self.controller is not None:
            work = self._load_history(self.controller, reading, scan)
            self._host.run_worker(work, group="sessions", exit_on_error=False)

    async def _load_history(
        self, controller: Controller, reading: Callable[[bool], None], scan: HistoryScan | None
    ) -> None:
        reading(True)
        try:
            await controller.load_history(scan)
        finally:
            reading(False)
        skipped = controller.history_skipped
        if skipped:
            files = "file" if skipped == 1 else "files"
            self._warn(f"{skipped} damaged journal {files} skipped: the other sessions are listed")

    def open_history(self, session_id: str, then: Callable[[], None]) -> bool:
        """Read a history session's events from the journal in a worker, then call ``then``; a toast says
        what was damaged. Returns False (nothing to do) when its events are in memory already."""
        controller = self.controller
        if controller is None or not controller.history_pending(session_id):
            return False
        work = self._open_history(controller, session_id, then)
        self._host.run_worker(work, group="history", exit_on_error=False)
        return True

    async def _open_history(self, controller: Controller, session_id: str, then: Callable[[], None]) -> None:
        try:
            entry = await controller.open_history(session_id)
        finally:
            then()
        said = []
        if entry is not None and entry.skipped_lines:
            lines = "line" if entry.skipped_lines == 1 else "lines"
            said.append(f"{entry.skipped_lines} damaged {lines} skipped")
        if entry is not None and entry.cut_off:
            said.append("the file was cut off at its size limit: later events are missing")
        if said:
            self._warn("; ".join(said))

    def _warn(self, message: str) -> None:
        self._host.notify(message, title="History", severity="warning", markup=False)

    def refuse(self, session_id: str, reason: str, typed: str | None = None) -> None:
        """Report a refusal the UI decided before asking the controller (no session, a stale choice)."""
        self._host.post_message(CallRefused(session_id, reason, typed))

    def run(self, session_id: str, call: SessionCall, typed: str | None = None) -> None:
        """Run ``call(controller, session_id)`` in a worker (nothing without a controller)."""
        controller = self.controller
        if controller is not None:
            self._host.run_worker(
                self._call(session_id, lambda: call(controller, session_id), typed),
                group="turns",
                exit_on_error=False,
            )

    async def _call(self, session_id: str, call: Callable[[], Awaitable[object]], typed: str | None) -> None:
        from textbots_tui.core.errors import InputRefused

        try:
            await call()
        except InputRefused as refusal:
            self.refuse(session_id, str(refusal), typed)
        finally:
            self._host.post_message(CallFinished(session_id))

    def start(self, params: FlowLaunchParams | BotParams) -> None:
        """Launch a flow or start a bot (once the client is open); the new session shows itself when the
        controller announces it."""
        self._host.run_worker(self._start(params), group="sessions", exit_on_error=False)

    async def _start(self, params: FlowLaunchParams | BotParams) -> None:
        from textbots_tui.core.errors import InputRefused
        from textbots_tui.core.params import FlowLaunchParams

        try:
            controller = await self.ready()
        except Exception as error:  # the client did not open (the app showed why when it happened)
            message = f"the connection could not be opened ({type(error).__name__}): ctrl+e shows why"
            self._host.notify(message, title="Not started", severity="error", markup=False)
            return
        try:
            if isinstance(params, FlowLaunchParams):
                await controller.launch_flow(params)
            else:
                await controller.start_bot(params)
        except InputRefused as refusal:
            self._host.notify(str(refusal), title="Not started", severity="warning", markup=False)
        self._host.post_message(CallFinished(None))

    def name_from_org(self, session_id: str) -> None:
        """Name a session started from a bare flow or bot id after its target in the org's list."""
        self._host.run_worker(self._name_from_org(session_id), group="names", exit_on_error=False)

    async def _name_from_org(self, session_id: str) -> None:
        """Quiet on failure: a real org may not grant the permission to list, and the id then stays the name.
        A session the user renamed meanwhile keeps the user's name."""
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
