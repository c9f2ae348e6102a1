"""What the main screen does with each controller event: the sidebar, the chat, the countdown, toasts.

Errors of the shown session are drawn in the chat as a panel (ctrl+e shows the details); a toast would
cover that panel, so only errors of other sessions get one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textbots_tui.core.events import Event
    from textbots_tui.ui.screens.main_screen import MainScreen


def route_event(screen: MainScreen, event: Event) -> None:
    """Update ``screen``'s widgets for one controller event."""
    from textbots_tui.core import events as ev

    current = event.session_id == screen.current_id
    if isinstance(event, ev.SessionCreated):
        screen.sidebar.upsert(event.info)
        if not event.info.read_only:
            screen.show_session(event.session_id)
            screen.calls.name_from_org(event.session_id)
            # Started from a dialog or by restart while the session list had the focus: what the user
            # types next is for the new session.
            screen.action_focus_input()
        return
    if isinstance(event, ev.SessionChanged):
        screen.sidebar.upsert(event.info)
    elif isinstance(event, ev.Notice):
        screen.notify(event.message, severity=event.level, markup=False)
    elif isinstance(event, ev.ErrorOccurred):
        error = event.error
        screen.last_error = error
        if not current:
            text = f"{error.message or error.title} (ctrl+e: details)"
            screen.notify(text, title=error.title, severity="error", markup=False)
        if current and event.unsent_input and not screen.input_bar.value:
            screen.input_bar.restore(event.unsent_input)
    elif isinstance(event, ev.WaitingForInput) and current and event.no_input_timeout_ms:
        screen.countdown.start(event.no_input_timeout_ms)
    elif isinstance(event, (ev.UserInputSent, ev.SessionEnded)) and current:
        screen.countdown.stop()
    if current:
        screen.view.draw(event)
    screen.sync()
