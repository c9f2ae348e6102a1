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


class SessionStateUnknownError(TextbotsError):
    """A ``NoOp`` turn failed in a way the server may have processed: the flow's state is unknown.

    The session cannot go on (its next ``previousTurn`` is unknown, and sending the ``NoOp`` again could
    apply it twice). It keeps the failed attempt's status, code, correlation id, body and exchange.
    """

    default_title = "Session state unknown"
    default_hint = (
        "The server may have taken the bot's turn before the error, so the flow may have moved on without "
        "this client. Restart the session."
    )
    default_may_have_been_processed = True

    @classmethod
    def after(cls, error: TextbotsError) -> SessionStateUnknownError:
        """The error for a ``NoOp`` that failed with ``error``."""
        status = " ".join(str(part) for part in (error.status, error.code) if part)
        cause = (
            error.title + (f" ({status})" if status else "") + (f": {error.message}" if error.message else "")
        )
        unknown = cls(
            f"the bot's NoOp turn failed and the server may have processed it ({cause})",
            status=error.status,
            code=error.code,
            correlation_id=error.correlation_id,
            body=error.body,
            error_body=error.error_body,
            exchange=error.exchange,
        )
        unknown.__cause__ = error
        return unknown
