"""Where controller events come into Textual (calls go out through :mod:`textbots_tui.ui.calls`).

The controller calls its listeners from its own task with plain events, and a widget must only be touched
from its own message loop, so :class:`Bridge` posts each event as a message to one target (the main screen);
events keep their order and every update happens in the screen's handlers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from textbots_tui.core.events import Event


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
