"""A lost answer: the request was processed, then the connection drops halfway through the response.

This is what a client sees when a proxy or the network fails after the server acted: it cannot know whether
its turn was taken, so it must not send it again. Over loopback (uvicorn) the client gets a broken
connection; the simulator's own log line for it is filtered out (:func:`quiet_lost_answers`).
"""

from __future__ import annotations

import logging

from starlette.responses import Response
from starlette.types import Receive, Scope, Send


class AnswerDropped(Exception):
    """Raised once half of an answer is out, so that the server closes the connection."""


class LostAnswer(Response):
    """A response that sends its headers and half its body, then breaks the connection."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the start of the answer, then fail: the server closes the connection."""
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        half = self.body[: len(self.body) // 2]
        await send({"type": "http.response.body", "body": half, "more_body": True})
        raise AnswerDropped("answer dropped on purpose (lost_answer_rate)")


class _DropLostAnswers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], AnswerDropped))


_FILTER = _DropLostAnswers()


def quiet_lost_answers(logger: logging.Logger) -> None:
    """Keep the server's "Exception in ASGI application" lines for dropped answers out of ``logger``."""
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
