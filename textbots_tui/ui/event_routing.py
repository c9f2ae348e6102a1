"""What the main screen does with each controller event: the sidebar, the chat, the countdown, toasts.

Errors of the shown session are drawn in the chat as a panel (ctrl+e shows the details); a toast would
cover that panel, so only errors of other sessions get one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from textbots_tui.core.events import Event
    from textbots_tui.ui.calls import ControllerCalls
    from textbots_tui.ui.resend import ResendOffers
    from textbots_tui.ui.session_view import SessionView
    from textbots_tui.ui.show_controls import ShowControls
    from textbots_tui.ui.widgets.countdown import Countdown
    from textbots_tui.ui.widgets.input_bar import InputBar
    from textbots_tui.ui.widgets.session_sidebar import SessionSidebar


class RoutingHost(Protocol):
    """What routing needs of the main screen (named here so that this module need not import it)."""

    last_error: BaseException | None

    @property
    def current_id(self) -> str | None:
        """The session shown."""

    @property
    def sidebar(self) -> SessionSidebar:
        """The session list."""

    @property
    def input_bar(self) -> InputBar:
        """The input line."""

    @property
    def countdown(self) -> Countdown:
        """The no-input countdown."""

    @property
    def calls(self) -> ControllerCalls:
        """The controller-call runner."""

    @property
    def resend(self) -> ResendOffers:
        """What to do with input that failed (restore it, offer to send it again)."""

    @property
    def view(self) -> SessionView:
        """The shown session's view."""

    @property
    def show(self) -> ShowControls:
        """Presenter mode, the typing indicator and scripted demos."""

    def show_session(self, session_id: str) -> None:
        """Show another session."""

    def action_focus_input(self) -> None:
        """Focus the input line."""

    def sync(self) -> None:
        """Match the widgets to the shown session."""

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", markup: bool = True
    ) -> None:
        """Show a toast."""


def route_event(screen: RoutingHost, event: Event) -> None:
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
    if isinstance(event, ev.SessionDeleted):
        screen.sidebar.drop(event.session_id)
        if current:
            screen.view.show_none()
        screen.sync()
        return
    if isinstance(event, ev.SessionChanged):
        screen.sidebar.upsert(event.info)
    elif isinstance(event, ev.Notice) and not screen.show.presenter.active:
        screen.notify(event.message, severity=event.level, markup=False)
    elif isinstance(event, ev.ErrorOccurred):
        screen.last_error = error = event.error
        if not current:
            text = f"{error.message or error.title} (ctrl+e: details)"
            screen.notify(text, title=error.title, severity="error", markup=False)
        screen.resend.failed(event, current=current)
    elif isinstance(event, ev.WaitingForInput) and current and event.no_input_timeout_ms:
        screen.countdown.start(event.no_input_timeout_ms)
    elif isinstance(event, (ev.UserInputSent, ev.SessionEnded)) and current:
        screen.countdown.stop()
    if current:
        screen.view.draw(event)
    screen.sync()
