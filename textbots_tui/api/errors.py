"""Typed errors of the textbots API client.

Every failure leaves ``textbots_tui.api`` as a ``TextbotsError``: one class per HTTP status family (built by
``error_from_response``), plus connection errors, timeouts and responses that are not what the API returns.
Each carries a short ``title`` for people, a ``hint`` on what to do, the server's ``code`` and ``message``,
the correlation id to quote to support, and ``may_have_been_processed``: whether the server may have acted
on the request (which decides whether sending it again is safe).

This module does not import httpx, so code that only handles errors stays cheap to import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textbots_tui.api.text import redact_url

if TYPE_CHECKING:
    import httpx

    from textbots_tui.api.exchange import Exchange
    from textbots_tui.api.models.error_body import ErrorBody

SNIPPET_CHARS = 200


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


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    429: RateLimitError,
}

_SERVER_TITLES: dict[int, tuple[str, str]] = {
    500: ("Internal server error", "The service failed; it may have processed the request."),
    502: ("Bad gateway", "A gateway in front of the service failed; the request may have been processed."),
    503: ("Service unavailable", "The service is unavailable and did not process the request; try again."),
    504: (
        "Gateway timeout",
        "The service did not answer the gateway in time; it may have processed the request.",
    ),
}

# Statuses where the server rejected the request before acting on it (503 by the reference's own rule).
_NOT_PROCESSED_5XX = frozenset({501, 503, 505})

_RETRY_IN_MESSAGE = re.compile(r"in\s*\[(\d+(?:\.\d+)?)\]\s*seconds?", re.IGNORECASE)
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def error_from_response(
    response: httpx.Response | int,
    body: Any = None,
    headers: Mapping[str, str] | None = None,
    exchange: Exchange | None = None,
) -> APIStatusError:
    """Build the error for an error response: the class from the status, the details from the body.

    ``response`` is an ``httpx.Response`` (status, headers and body are taken from it unless given) or a bare
    status code. ``body`` may be parsed JSON, text or bytes.
    """
    if isinstance(response, int):
        status = response
    else:
        status = response.status_code
        if headers is None:
            headers = response.headers
        if body is None:
            body = response.content
    body = _decode_body(body)
    error_body = _as_error_body(body)
    header_correlation = _header(headers, "inin-correlation-id")

    code = error_body.code if error_body else None
    message = _message_from(status, body, error_body)
    correlation_id = (error_body.context_id if error_body else None) or header_correlation

    cls: type[APIStatusError] = _STATUS_CLASSES.get(status, ServerError if status >= 500 else APIStatusError)
    if 300 <= status < 400:
        # The client never follows redirects (a turn must not go out twice): say where it pointed.
        cls = RedirectError
        location = _header(headers, "location")
        where = f"to {redact_url(location)}" if location else "without a Location header"
        said = f": {message}" if error_body is not None and message != f"HTTP {status}" else ""
        message = f"HTTP {status} redirect {where}{said}"
    kwargs: dict[str, Any] = {
        "status": status,
        "code": code,
        "correlation_id": correlation_id,
        "body": body,
        "error_body": error_body,
        "exchange": exchange,
    }
    if cls is ServerError:
        title, hint = _SERVER_TITLES.get(status, (f"Server error (HTTP {status})", ServerError.default_hint))
        kwargs.update(title=title, hint=hint, may_have_been_processed=status not in _NOT_PROCESSED_5XX)
    elif cls is APIStatusError:
        kwargs.update(title=f"HTTP {status}")
    if isinstance(body, str) and _looks_like_html(body):
        kwargs["hint"] = "The server answered with an HTML page, not the API: check the API URL."
    # A 429 may say how long to wait in its message; other statuses only in the header.
    retry_after_s = retry_after_from(headers, message if cls is RateLimitError else None)
    return cls(message, retry_after_s=retry_after_s, **kwargs)


def retry_after_from(headers: Mapping[str, str] | None, message: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or HTTP date), else "in [N] seconds" text."""
    value = _header(headers, "retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            # Imported here: the email package is only needed for this rare form, and the TUI's first screen
            # imports this module.
            from email.utils import parsedate_to_datetime

            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                if when.tzinfo is None:
                    when = when.replace(tzinfo=UTC)
                return max(0.0, (when - datetime.now(UTC)).total_seconds())
    if message:
        match = _RETRY_IN_MESSAGE.search(message)
        if match:
            return float(match.group(1))
    return None


def snippet(body: Any, limit: int = SNIPPET_CHARS) -> str:
    """A short one-line excerpt of a body for error messages (an HTML page's title when it has one)."""
    if body is None:
        return ""
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    if _looks_like_html(text):
        title = _HTML_TITLE.search(text)
        text = title.group(1) if title else re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _decode_body(body: Any) -> Any:
    """Bytes or text become parsed JSON when they are JSON, else text; anything else is returned as is."""
    if isinstance(body, bytes):
        if not body:
            return None
        body = body.decode("utf-8", errors="replace")
    if isinstance(body, str):
        stripped = body.strip()
        if stripped[:1] in ("{", "["):
            try:
                return json.loads(stripped)
            except ValueError:
                return body
        return body or None
    return body


def _as_error_body(body: Any) -> ErrorBody | None:
    if not isinstance(body, dict):
        return None
    from pydantic import ValidationError

    from textbots_tui.api.models.error_body import ErrorBody

    try:
        return ErrorBody.from_wire(body)
    except ValidationError:
        return None


def _message_from(status: int, body: Any, error_body: ErrorBody | None) -> str:
    if error_body is not None:
        if error_body.message:
            return error_body.message
        if error_body.message_with_params:
            params = error_body.message_params or {}
            return re.sub(
                r"\{(\w+)\}", lambda m: params.get(m.group(1), m.group(0)), error_body.message_with_params
            )
    if isinstance(body, dict):
        # An OAuth error body: {"error": "invalid_client", "error_description": "..."}.
        error = body.get("error")
        description = body.get("error_description") or body.get("description")
        if isinstance(error, str):
            return f"{error}: {description}" if description else error
    if isinstance(body, str) and body:
        return f"HTTP {status}: {snippet(body)}"
    return f"HTTP {status}"


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    value = headers.get(name)
    if value is None:
        # Plain dicts are case-sensitive; httpx.Headers are not.
        lowered = {k.lower(): v for k, v in headers.items()}
        value = lowered.get(name)
    return value


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head
