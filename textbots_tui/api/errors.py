"""Typed errors of the textbots API client.

Every failure leaves ``textbots_tui.api`` as a ``TextbotsError``: one class per HTTP status family (which of
them an error response becomes is :mod:`textbots_tui.api.response_errors`'s), plus connection errors, timeouts
and responses that are not what the API returns.
Each carries a short ``title`` for people, a ``hint`` on what to do, the server's ``code`` and ``message``,
the correlation id to quote to support, and ``may_have_been_processed``: whether the server may have acted
on the request (which decides whether sending it again is safe).

This module does not import httpx, so code that only handles errors stays cheap to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from textbots_tui.api.exchange import Exchange
    from textbots_tui.api.models.error_body import ErrorBody


class TextbotsError(Exception):
    """Base of every error raised by the textbots API client."""

    default_title: ClassVar[str] = "Request failed"
    default_hint: ClassVar[str] = ""
    default_may_have_been_processed: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        *,
        title: str | None = None,
        hint: str | None = None,
        status: int | None = None,
        code: str | None = None,
        correlation_id: str | None = None,
        body: Any = None,
        error_body: ErrorBody | None = None,
        exchange: Exchange | None = None,
        may_have_been_processed: bool | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.title = title or self.default_title
        self.hint = hint if hint is not None else self.default_hint
        self.status = status
        self.code = code
        self.correlation_id = correlation_id
        self.body = body
        """The response body as parsed (JSON) or text; ``None`` when there was no response."""
        self.error_body = error_body
        """The body as an ``ErrorBody`` when it was one."""
        self.exchange = exchange
        """The attempt that failed (the last one, after retries)."""
        self.may_have_been_processed = (
            self.default_may_have_been_processed
            if may_have_been_processed is None
            else may_have_been_processed
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, message={self.message!r})"


class APIStatusError(TextbotsError):
    """The API answered with an error status. Also the class for statuses without a class of their own."""

    def __init__(self, message: str, *, retry_after_s: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_s = retry_after_s
        """How long the server asked to wait before trying again (``Retry-After``), when it said."""


class BadRequestError(APIStatusError):
    """400: the request was malformed or a value was invalid."""

    default_title = "Bad request"
    default_hint = "The API rejected the request as invalid; the details name the field."


class AuthenticationError(APIStatusError):
    """401, or a failed token request: the credentials were refused."""

    default_title = "Not authenticated"
    default_hint = (
        "Check the OAuth client id and secret (or the access token), and that the region is the org's region."
    )


class PermissionDeniedError(APIStatusError):
    """403: the OAuth client lacks a permission."""

    default_title = "Permission denied"
    default_hint = (
        "The OAuth client's role needs textbots:botFlowSession:execute (bot flows) or "
        "textbots:session:execute (bots); listing needs architect:flow:view / integrations:integration:view."
    )


class NotFoundError(APIStatusError):
    """404: no such flow, bot, or session."""

    default_title = "Not found"
    default_hint = "Check the flow or bot id, the session, and that the region is the org's region."


class RequestTimeoutError(APIStatusError):
    """408: the server gave up waiting for the request."""

    default_title = "Request timeout"
    default_hint = "The server did not receive the whole request in time; try again."


class ConflictError(APIStatusError):
    """409: the request conflicts with the session's state (a stale previous turn, an ended session)."""

    default_title = "Conflict"
    default_hint = "The session has moved on (a stale previous turn) or has ended."


class PayloadTooLargeError(APIStatusError):
    """413: the request body is over the size limit."""

    default_title = "Request too large"
    default_hint = "The request is over the API's size limit (512,000 bytes by default); send less data."


class UnsupportedMediaTypeError(APIStatusError):
    """415: the request was not sent as JSON."""

    default_title = "Unsupported media type"
    default_hint = "The API expects Content-Type: application/json."


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after_s`` is how long the server asked to wait, when it said."""

    default_title = "Rate limited"
    default_hint = "Too many requests for this OAuth client; wait and try again."


class ServerError(APIStatusError):
    """5xx: the service failed. Whether it processed the request depends on the status (503: it did not)."""

    default_title = "Server error"
    default_hint = "The service had a problem; try again shortly. It may have processed the request."
    default_may_have_been_processed = True


class APIConnectionError(TextbotsError):
    """No usable response: the connection failed or broke."""

    default_title = "Connection failed"
    default_hint = "Check the network and the API URL."


class APITimeoutError(APIConnectionError):
    """The request timed out. A read timeout may have been processed; a connect timeout was not."""

    default_title = "Timed out"
    default_hint = "The server did not answer in time."


class InvalidResponseError(TextbotsError):
    """A success status, but not what the textbots API returns (not JSON, an HTML page, a wrong shape)."""

    default_title = "Invalid response"
    default_hint = (
        "The answer is not what the textbots API returns; check the API URL. The exchange shows the raw body."
    )
    default_may_have_been_processed = True


class ResponseTooLargeError(InvalidResponseError):
    """The answer's decoded body went past the client's size limit (``max_body_bytes``); it was dropped.

    The server answered, so it processed the request: this is never sent again.
    """

    default_title = "Answer too large"
    default_hint = (
        "No bot answer comes near this size: check the API URL (a proxy or a wrong host may be answering)."
    )


class RedirectError(APIStatusError):
    """3xx: the URL answered with a redirect, which the client does not follow (it would resend a turn)."""

    default_title = "Redirected"
    default_hint = (
        "The API URL redirects elsewhere: use the URL it points to (check the region or --api-url)."
    )
