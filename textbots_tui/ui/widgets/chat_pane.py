"""The chat pane: the transcript of one session, with its choices and links picked by key or by mouse.

The transcript itself (virtualised layout, scrolling, selection) is :class:`TranscriptView`; this adds the
look, the number keys, and the messages for a picked choice or an activated link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from textbots_tui.ui.bindings import PICK
from textbots_tui.ui.widgets.transcript.strips import target_of
from textbots_tui.ui.widgets.transcript.view import TranscriptView

if TYPE_CHECKING:
    from textbots_tui.core.items import Choice


class ChatPane(TranscriptView, can_focus=True):
    """The conversation of one session: user and bot messages, rich bot items, banners, errors, notices.

    Feed it controller events with :meth:`add_event` (or all of a session's at once with
    :meth:`show_events`). It posts :class:`ChatPane.ChoicePicked` and :class:`ChatPane.LinkActivated`
    when the user clicks a current choice or a link; it never talks to the controller itself.
    """

    DEFAULT_CSS = """
    ChatPane {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        & > .chat-pane--meta { color: $text-muted; }
        & > .chat-pane--user-label { color: $text-primary; text-style: bold; }
        & > .chat-pane--user-bubble { background: $primary 30%; color: $foreground; }
        & > .chat-pane--bot-label { color: $text-accent; text-style: bold; }
        & > .chat-pane--bot-bubble { background: $panel; color: $foreground; }
        & > .chat-pane--title { color: $foreground; text-style: bold; }
        & > .chat-pane--chip { background: $primary-muted; color: $foreground; }
        & > .chat-pane--chip-number { background: $primary-muted; color: $text-accent; text-style: bold; }
        & > .chat-pane--chip-stale { background: $panel; color: $text-muted; }
        & > .chat-pane--link { color: $text-primary; text-style: underline; }
        & > .chat-pane--card { color: $primary 60%; }
        & > .chat-pane--error { color: $text-error; }
        & > .chat-pane--warning { color: $text-warning; }
        & > .chat-pane--success { color: $text-success; }
        & > .chat-pane--notice { color: $text-muted; text-style: italic; }
        & > .chat-pane--unknown { color: $text-disabled; }
        & > .chat-pane--hover { background: $accent 60%; color: $foreground; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            str(n),
            f"pick({n})",
            f"Pick choice {n}",
            show=False,
            id=f"chat-pane.pick-{n}",
            tooltip="Pick the choice with that number while the chat has the focus",
            group=PICK,
        )
        for n in range(1, 10)
    ]

    class ChoicePicked(Message):
        """The user clicked (or pressed the number of) one of the choices on offer now."""

        def __init__(self, pane: ChatPane, choice: Choice) -> None:
            super().__init__()
            self.pane = pane
            self.choice = choice

        @property
        def control(self) -> ChatPane:
            """The chat pane the choice was picked in."""
            return self.pane

    class LinkActivated(Message):
        """The user clicked a link: a card's link button, an attachment, a location, a media URL."""

        def __init__(self, pane: ChatPane, url: str) -> None:
            super().__init__()
            self.pane = pane
            self.url = url

        @property
        def control(self) -> ChatPane:
            """The chat pane the link was clicked in."""
            return self.pane

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the chip or link under the pointer."""
        target = target_of(event.style)
        if target != self._hover:
            self._hover = target
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        """Drop the highlight when the pointer leaves the pane."""
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """Post ChoicePicked or LinkActivated for a click on a current choice or a link."""
        target = target_of(event.style)
        if target is None:
            return
        event.stop()
        kind, value = target
        if kind == "choice" and isinstance(value, int):
            self.action_pick(value + 1)
        elif kind == "link" and isinstance(value, str):
            self.post_message(self.LinkActivated(self, value))

    def action_pick(self, number: int) -> None:
        """Pick the current choice with this number (1-based)."""
        current = self.current_choices
        if 1 <= number <= len(current):
            self.post_message(self.ChoicePicked(self, current[number - 1]))
