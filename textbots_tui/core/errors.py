"""Errors the conversation engine raises itself.

Network and server failures are not raised by the controller: they arrive as ``ErrorOccurred`` events carrying
the typed API error. What is raised is input that cannot be sent now.
"""

from __future__ import annotations

from textbots_tui.api.errors import APIStatusError, TextbotsError

OUT_OF_STEP_TITLE = "Session out of step"
LAUNCH_REFUSED_TITLE = "Flow not launched"

# 4xx statuses that say something other than "this session is out of step": credentials, a request the
# server never fully received, a body over the size limit, rate limiting.
_NOT_ABOUT_THE_SESSION = frozenset({401, 403, 408, 413, 429})


def out_of_step(error: TextbotsError) -> TextbotsError:
    """A turn's error as the user should read it: a 4xx about the session says the session is out of step.

    The API does not document what a stale ``previousTurn`` or a forgotten session gets (409, 400, 404...),
    so any such 4xx means the same: the server's view of the session is not this client's. It was refused,
    not processed, and is never retried. The error keeps its class, status, code, message and correlation
    id (the body's ``contextId``); only what people read changes.
    """
    status = error.status
    about_the_session = status is not None and 400 <= status < 500 and status not in _NOT_ABOUT_THE_SESSION
    if isinstance(error, APIStatusError) and about_the_session:
        error.title = OUT_OF_STEP_TITLE
        error.hint = (
            "The server refused this turn: its view of the session differs from this client's (a stale "
            "turn, a session it no longer knows). Nothing was processed; try again, or restart the session."
        )
    return error


def launch_refused(error: TextbotsError) -> TextbotsError:
    """A launch's error as the user should read it: 400 and 404 both mean the flow cannot be launched.

    Which of the two an unknown or unpublished flow id gets is not documented, so both read the same.
    """
    if isinstance(error, APIStatusError) and error.status in (400, 404):
        error.title = LAUNCH_REFUSED_TITLE
        error.hint = (
            "The API refused to launch this flow: check the flow id, that the flow is published, and that it "
            "is a bot flow or digital bot flow of this org and region."
        )
    return error


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
