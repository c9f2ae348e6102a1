"""Which :class:`~textbots_tui.api.errors.TextbotsError` an error response becomes, and what it says.

:func:`error_from_response` picks the class from the status (a 3xx is a redirect the client never follows, a
5xx a server error with its own title and whether the server may have acted), reads the details from the body
(a Genesys error body, an OAuth error, an HTML page or plain text) and the wait from ``Retry-After`` or the
message of a 429. :func:`snippet` is the one-line excerpt of a body that error messages quote.

Like :mod:`textbots_tui.api.errors`, it does not import httpx.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from textbots_tui.api.errors import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    RequestTimeoutError,
    ServerError,
    UnsupportedMediaTypeError,
)
from textbots_tui.api.text import redact_url

if TYPE_CHECKING:
    import httpx

    from textbots_tui.api.exchange import Exchange
    from textbots_tui.api.models.error_body import ErrorBody

SNIPPET_CHARS = 200
"""The longest excerpt of a body an error message quotes."""

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
            # Imported here: the email package is only needed for this rare form.
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
