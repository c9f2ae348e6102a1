"""Input the server may have processed: never put back as if unsent; sending it again is an explicit choice.

After a 500, 502, a read timeout or a broken connection on a user's turn, the bot may have taken the input.
Putting the text back in the input line would invite sending it twice, so it is kept aside instead; the
error details (ctrl+e) offer "Send again…", which asks for confirmation first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from textual.app import App

    from textbots_tui.core.events import ErrorOccurred
    from textbots_tui.ui.turns import Turns
    from textbots_tui.ui.widgets.input_bar import InputBar


class ResendHost(Protocol):
    """What the offers need of the screen that owns them."""

    @property
    def app(self) -> App[Any]:
        """The app (to push the confirmation dialog)."""
        ...

    @property
    def input_bar(self) -> InputBar:
        """The input line (to put unsent text back)."""
        ...

    @property
    def turns(self) -> Turns:
        """The turn sender (to send the input again)."""
        ...

    def call_next(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run ``callback`` from the screen's message loop."""
        ...


@dataclass(frozen=True, slots=True)
class MaybeProcessed:
    """The input of a failed turn of a session, which the server may have processed."""

    session_id: str
    text: str


class ResendOffers:
    """What the main screen does with the input of a failed turn: put it back, or keep it aside until the
    user asks to send it again (:meth:`ask`) and confirms."""

    def __init__(self, host: ResendHost) -> None:
        self._host = host
        self._kept: dict[str, MaybeProcessed] = {}

    def failed(self, event: ErrorOccurred, *, current: bool) -> None:
        """Put an unsent input back (``restore``), or keep one the server may have processed aside."""
        if event.unsent_input is None:
            return
        if event.input_may_have_been_processed:
            self._kept[event.session_id] = MaybeProcessed(event.session_id, event.unsent_input)
        elif current:
            self._kept.pop(event.session_id, None)
            self._host.input_bar.restore_unless_typing(event.unsent_input)

    def offer(self, session_id: str | None) -> MaybeProcessed | None:
        """The input kept aside for a session, if any."""
        return None if session_id is None else self._kept.get(session_id)

    def show_details(self, error: BaseException, session_id: str | None) -> None:
        """Open the error details; they offer "Send again…" when the session has an input kept aside."""
        from textbots_tui.ui.screens.error_modal import ErrorModal

        self._host.app.push_screen(ErrorModal(error, resend=self.asker(session_id)))

    def asker(self, session_id: str | None) -> Callable[[], None] | None:
        """What asks to send a session's kept input again, or ``None`` when nothing is kept for it."""
        if session_id is None or session_id not in self._kept:
            return None
        return lambda: self.ask(session_id)

    def ask(self, session_id: str) -> None:
        """Ask whether to send the kept input again; send it (as typed) only on a "Send again"."""
        kept = self._kept.get(session_id)
        if kept is None:
            return

        def answered(send: bool | None) -> None:
            if send and self._kept.get(session_id) is kept:
                del self._kept[session_id]
                self._host.turns.send_text(kept.text)

        # Pushed from the owning screen's own message loop, so the answer comes back to it (not to a dialog
        # that has just closed).
        self._host.call_next(self._host.app.push_screen, ResendModal(kept.text), answered)


class ResendModal(ModalScreen[bool]):
    """Asks before sending again an input the server may have processed. Dismisses with ``True`` to send."""

    BINDINGS = [Binding("escape", "keep", "Keep", id="resend-keep", tooltip="Do not send it again")]
    DEFAULT_CSS = """
    ResendModal { align: center middle; }
    ResendModal > Vertical {
        width: 70; height: auto; padding: 1 2; border: thick $warning; background: $surface;
    }
    ResendModal #resend-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ResendModal Button { margin-left: 1; }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        """The question, the input as typed, and the two answers (keeping it is the default)."""
        with Vertical():
            yield Static(Content("Send it again?"), id="resend-title")
            yield Static(
                Content.assemble(
                    "The server may have processed this input already; sending it again may make the bot "
                    "take it twice:\n\n",
                    (self.text, "bold"),
                ),
                id="resend-text",
            )
            with Horizontal(id="resend-buttons"):
                yield Button("Keep it", variant="primary", id="resend-keep")
                yield Button("Send again", variant="warning", id="resend-send")

    def on_mount(self) -> None:
        """Focus "Keep it": Enter never re-sends by accident."""
        self.query_one("#resend-keep", Button).focus()

    @on(Button.Pressed, "#resend-send")
    def _send_again(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#resend-keep")
    def action_keep(self) -> None:
        """Close without sending."""
        self.dismiss(False)
