"""What the user sends in the shown session: typed text, a picked choice, a turn event, or any other call.

:class:`Turns` decides what a typed line means (a choice's label or number picks it, anything else is text)
and refuses a pick that cannot go now; refusals go out as :class:`~textbots_tui.ui.calls.CallRefused`
messages through :class:`~textbots_tui.ui.calls.ControllerCalls`, exactly as the controller's own do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textbots_tui.core.items import Choice
    from textbots_tui.core.sessions import Session
    from textbots_tui.ui.calls import ControllerCalls, SessionCall


class Turns:
    """Sends for the session ``session()`` returns (``None``: none shown, nothing is sent).

    ``numbered()`` are the choices numbered on screen, ``busy()`` the screen's own view of a turn in flight,
    ``interrupt()`` stops whatever must stop before a pick (a replay), ``sending()`` shows a call going out.
    """

    def __init__(
        self,
        calls: ControllerCalls,
        *,
        session: Callable[[], Session | None],
        numbered: Callable[[], Sequence[Choice]],
        busy: Callable[[], bool],
        interrupt: Callable[[], None],
        sending: Callable[[], None],
    ) -> None:
        self._calls = calls
        self._session = session
        self._numbered = numbered
        self._busy = busy
        self._interrupt = interrupt
        self._sending = sending

    def run(self, call: SessionCall, typed: str | None = None) -> None:
        """Run ``call(controller, session_id)`` for the shown session (nothing without one)."""
        session = self._session()
        if session is not None:
            self._sending()
            self._calls.run(session.session_id, call, typed)

    def send_text(self, text: str) -> None:
        """Send typed text, or pick the choice it names: its label, or its number while choices are shown."""
        from textbots_tui.core.availability import NO_SESSION
        from textbots_tui.ui.picking import refusal_text, typed_choice

        session = self._session()
        if session is None:
            self._calls.refuse("", refusal_text(NO_SESSION), text)
            return
        choice = typed_choice(text, session.choices, self._numbered())
        if choice is not None:
            self.choose(choice, text)
        else:
            self.run(lambda controller, sid: controller.send_text(sid, text), text)

    def choose(self, choice: Choice | None, typed: str | None = None) -> None:
        """Pick ``choice`` unless it is stale or a turn is in flight; then say why and keep ``typed``."""
        from textbots_tui.core.availability import pick_refusal
        from textbots_tui.ui.picking import refusal_text

        self._interrupt()
        refusal = pick_refusal(self._session(), choice, busy=self._busy())
        if refusal is not None or choice is None:  # no choice is refused: pick_refusal said why
            self._calls.refuse("", refusal_text(refusal) if refusal else "", typed)
            return
        self.run(lambda controller, sid: controller.choose(sid, choice), typed)

    def pick(self, number: int) -> None:
        """Pick the choice numbered ``number`` on screen (a number beyond them is refused)."""
        numbered = self._numbered()
        self.choose(numbered[number - 1] if 0 < number <= len(numbered) else None)

    def send_event(self, event_type: str, code: str | None = None, message: str | None = None) -> None:
        """Send a synthetic turn event (NoInput, NoMatch, Error, UserDisconnect, ClientSessionExpired)."""
        self.run(lambda controller, sid: controller.send_event(sid, event_type, code=code, message=message))
