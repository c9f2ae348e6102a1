"""Errors the conversation engine raises itself.

Network and server failures are not raised by the controller: they arrive as ``ErrorOccurred`` events carrying
the typed API error. What is raised is input that cannot be sent now.
"""

from __future__ import annotations

from textbots_tui.api.errors import TextbotsError


class InputRefused(ValueError):
    """Input that cannot be sent now: the session is closed or history, a turn is in flight, no such choice.

    Nothing was sent. The message is written for people (the UI shows it and keeps the typed text).
    """


class FlowStalledError(TextbotsError):
    """The flow kept answering ``NoOp`` and never waited for input: the controller stopped draining it."""

    default_title = "Flow never waited for input"
    default_hint = (
        "The flow answered NoOp turn after turn. Look for a loop without an input step in the flow, "
        "then restart the session."
    )
    default_may_have_been_processed = True

    def __init__(self, turns: int) -> None:
        super().__init__(f"the flow never waited for input after {turns} turn{'' if turns == 1 else 's'}")
        self.turns = turns
