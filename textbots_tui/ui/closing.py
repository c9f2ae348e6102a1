"""Closing a session and quitting without leaving flow sessions open on the org.

ctrl+w and ctrl+q used to send nothing: a flow session then stayed open on the org until it expired, which
skews the flow's analytics and outcomes. Closing a live flow session offers to send ``UserDisconnect``
(the ``disconnect_on_close`` setting picks the default: ``ask``, ``send`` or ``keep``), and quitting with live
flow sessions asks the same for all of them.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

    from textbots_tui.core.controller import Controller
    from textbots_tui.core.sessions import Session
    from textbots_tui.ui.screens.disconnect_modal import DisconnectAnswer
    from textbots_tui.ui.turns import Turns

DISCONNECT_CHOICES: Final = ("ask", "send", "keep")
"""The values of the ``disconnect_on_close`` setting."""
DISCONNECT_TIMEOUT_S: Final = 5.0
"""How long quitting waits for the org to take the ``UserDisconnect`` turns."""

HISTORY_NOT_OPEN = "This is history from the journal: it is not open on the org, there is nothing to close."


def is_live_flow(session: Session) -> bool:
    """A flow session still open on the org (a bot session has nothing to disconnect)."""
    return session.kind == "flow" and not session.read_only and session.state.is_open


def close_session(screen: Widget, session: Session | None, turns: Turns, default: str) -> None:
    """ctrl+w: close ``session`` (shown on ``screen``) through ``turns``; for a live flow session, send
    ``UserDisconnect`` as ``default`` says (or as the user answers when it says ``ask``). A history entry says
    why nothing happens."""
    from textbots_tui.ui.screens.disconnect_modal import DisconnectModal

    if session is None:
        return
    if session.read_only:
        screen.notify(HISTORY_NOT_OPEN, title="Nothing to close", markup=False)
        return
    if not is_live_flow(session):
        turns.run(lambda controller, sid: controller.close(sid))
        return

    def answered(answer: DisconnectAnswer | None) -> None:
        if answer == "send":
            turns.send_event("UserDisconnect")
        elif answer == "keep":
            turns.run(lambda controller, sid: controller.close(sid))

    if default in ("send", "keep"):
        answered("send" if default == "send" else "keep")
        return
    modal = DisconnectModal(
        "Close this flow session",
        "The org keeps the session open until it expires unless it is told the user left. "
        "Send UserDisconnect before closing?",
        send_label="Send UserDisconnect",
        keep_label="Just close",
        default="send",
    )
    screen.app.push_screen(modal, answered)


def live_flow_sessions(controller: Controller | None) -> list[Session]:
    """The flow sessions still open on the org."""
    if controller is None:
        return []
    return [session for session in controller.sessions.values() if is_live_flow(session)]


def quit_app(app: App[Any], controller: Controller | None, default: str) -> None:
    """ctrl+q: quit; live flow sessions are first sent ``UserDisconnect`` as ``default`` says (or ask)."""
    from textbots_tui.ui.screens.disconnect_modal import DisconnectModal

    live = live_flow_sessions(controller)
    if not live or controller is None or default == "keep":
        app.exit()
        return

    async def disconnect_and_quit() -> None:
        calls = [controller.send_event(session.session_id, "UserDisconnect") for session in live]
        # Failures are the controller's to report; a slow org does not hold the app for ever.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), DISCONNECT_TIMEOUT_S)
        app.exit()

    def answered(answer: DisconnectAnswer | None) -> None:
        if answer == "send":
            app.run_worker(disconnect_and_quit(), group="quit", exit_on_error=False)
        elif answer == "keep":
            app.exit()

    if default == "send":
        answered("send")
        return
    count = len(live)
    modal = DisconnectModal(
        "Quit",
        f"{count} flow session{'s are' if count > 1 else ' is'} still open on the org. They stay open until "
        "they expire unless the org is told the user left. Send UserDisconnect before quitting?",
        send_label="Disconnect and quit",
        keep_label="Just quit",
        default="send",
    )
    app.push_screen(modal, answered)
