"""Recording every HTTP attempt of a call (token requests and 401 replays included) as ``Exchange`` records.

httpx event hooks see every request the client sends, including those an auth flow makes; a context
variable collects them per call, so concurrent calls never mix their records. Building the redacted
``Exchange`` is left until someone needs it (an ``on_exchange`` hook, or an error to attach it to).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from time import perf_counter
from typing import Any
from urllib.parse import parse_qsl

import httpx

from textbots_tui.api.errors import ResponseTooLargeError
from textbots_tui.api.exchange import (
    REDACTED,
    Exchange,
    RawBody,
    RawHeaders,
    RawUrl,
    hides_nothing,
    make_exchange,
    redact_body,
)
from textbots_tui.api.models._base import WireModel

_UNSET: Any = object()


@dataclass(slots=True)
class RawAttempt:
    """What was sent and what came back, before redaction."""

    request: httpx.Request
    started_at: datetime
    t0: float
    response: httpx.Response | None = None
    duration_ms: float | None = None
    error: BaseException | None = None


current_attempts: ContextVar[list[RawAttempt] | None] = ContextVar("textbots_attempts", default=None)


async def on_request(request: httpx.Request) -> None:
    """httpx request hook: note the attempt and its start time."""
    attempts = current_attempts.get()
    if attempts is not None:
        attempts.append(RawAttempt(request=request, started_at=datetime.now(UTC), t0=perf_counter()))


def restart_clock(request: httpx.Request) -> None:
    """Start the open attempt of ``request`` now: time spent before it went out (a rate cap's wait) is not
    the server's."""
    for raw in reversed(current_attempts.get() or ()):
        if raw.request is request and raw.response is None:
            raw.started_at = datetime.now(UTC)
            raw.t0 = perf_counter()
            return


def response_hook(max_body_bytes: int) -> Callable[[httpx.Response], Awaitable[None]]:
    """The httpx response hook: read at most ``max_body_bytes`` of the decoded body, close the attempt.

    Reading here (before httpx would) lets the timing include the body and stops a body that inflates
    without end (a small gzip answer can decode to gigabytes) at the limit: ``ResponseTooLargeError``.
    """

    async def on_response(response: httpx.Response) -> None:
        attempts = current_attempts.get()
        await read_capped(response, max_body_bytes, attempts)
        if attempts is not None:
            _close_attempt(attempts, response)

    return on_response


async def read_capped(response: httpx.Response, limit: int, attempts: list[RawAttempt] | None = None) -> None:
    """Read ``response``'s decoded body, raising ``ResponseTooLargeError`` once it passes ``limit`` bytes.

    What was read up to the limit stays readable as ``response.content`` (the exchange shows the start).
    """
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            kept = b"".join(chunks)
            # httpx keeps a fully read body in _content; this is the body as far as it was read.
            response._content = kept[:limit]
            await response.aclose()
            if attempts is not None:
                _close_attempt(attempts, response)
            raise ResponseTooLargeError(
                f"{response.request.method} {response.request.url.path} answered HTTP "
                f"{response.status_code} with a body over the {limit:,}-byte limit: dropped",
                status=response.status_code,
                correlation_id=response.headers.get("inin-correlation-id"),
            )
        chunks.append(chunk)
    response._content = b"".join(chunks)


def _close_attempt(attempts: list[RawAttempt], response: httpx.Response) -> None:
    end = perf_counter()
    # The same Request object is sent twice when a 401 leads to a new token: match the open attempt.
    for raw in reversed(attempts):
        if raw.request is response.request and raw.response is None:
            raw.response = response
            raw.duration_ms = (end - raw.t0) * 1000.0
            break


def json_body(content: bytes | None, model: WireModel | None) -> RawBody | None:
    """The body ``model`` was serialised to or validated from, kept as it came: parsed only when read.

    Only for the textbots API's own requests and responses, whose bodies carry no credentials. It may even
    be written out as is when the model shows no top-level key that redaction would hide (extra keys
    included, which pydantic has already unescaped).
    """
    if not content or model is None:
        return None
    extra = model.model_extra
    verbatim = _declares_no_secret(type(model)) and (not extra or hides_nothing(extra))
    return RawBody(content, verbatim=verbatim)


def _declares_no_secret(cls: type[WireModel]) -> bool:
    found = _declared.get(cls)
    if found is None:
        names = {name for name in cls.model_fields} | {f.alias for f in cls.model_fields.values() if f.alias}
        found = _declared[cls] = hides_nothing(names)
    return found


_declared: dict[type[WireModel], bool] = {}


def build_exchange(
    raw: RawAttempt,
    *,
    attempt: int,
    retry_after_s: float | None = None,
    request_json: RawBody | None = None,
    response_json: RawBody | None = None,
    response_body: Any = _UNSET,
    token_request: bool = False,
) -> Exchange:
    """The redacted ``Exchange`` of one attempt, built in a few microseconds.

    ``request_json`` and ``response_json`` are the API's own bodies (see :func:`json_body`), kept as they
    came. Any other body (token requests, error responses) is parsed and redacted now, so no credential is
    kept even unread; ``response_body`` saves that parse when the caller has it already. A
    ``token_request``'s answer that is not JSON is never kept as text: it may be the token itself.
    """
    request = raw.request
    response = raw.response
    duration = raw.duration_ms if raw.duration_ms is not None else (perf_counter() - raw.t0) * 1000.0
    status = None
    # Any: these may hold Deferred values where the Exchange fields are typed as what they read as.
    response_headers: Any = _NO_HEADERS
    request_body: Any = request_json
    correlation_id = None
    if response is not None:
        status = response.status_code
        headers = response.headers
        response_headers = RawHeaders(headers.raw, headers.encoding)
        correlation_id = headers.get("inin-correlation-id")
        if response_json is not None:
            response_body = response_json
            if correlation_id is None and response_json.mentions(b'"contextId"'):
                correlation_id = _context_id(response_json.get())
        else:
            if response_body is _UNSET:
                response_body = _parse_body(response.content, headers.get("content-type"))
            if token_request:
                response_body = _token_body(response_body, status)
            response_body = redact_body(response_body)
            if correlation_id is None:
                correlation_id = _context_id(response_body)
    else:
        response_body = None
    error = None if raw.error is None else (f"{type(raw.error).__name__}: {raw.error}".rstrip(": "))
    headers = request.headers
    request_headers = RawHeaders(headers.raw, headers.encoding)
    if request_body is None:
        request_body = redact_body(_parse_body(request.content, headers.get("content-type")))
    url = request.url
    return make_exchange(
        request.method,
        RawUrl(url),
        url.path,
        status,
        raw.started_at,
        duration,
        correlation_id,
        request_headers,
        request_body,
        response_headers,
        response_body,
        error,
        attempt,
        retry_after_s,
    )


_NO_HEADERS: dict[str, str] = {}
"""The response headers of an attempt that got no response (shared: an Exchange's fields are read-only)."""


def build_exchanges(
    attempts: list[RawAttempt],
    api_request: httpx.Request,
    *,
    attempt: int,
    delay: float | None,
    request_json: RawBody | None,
    response_json: RawBody | None,
    response_body: Any,
) -> list[Exchange]:
    """The Exchange records of one attempt of a call; the last one carries the retry delay, if any.

    ``request_json`` is the API request's body and ``response_json`` the last response's when it was
    parsed into its model, both kept as they came; ``response_body`` is the last response's body when it
    is already parsed (an error's).
    """
    exchanges = []
    last_index = len(attempts) - 1
    for i, raw in enumerate(attempts):
        last = i == last_index
        exchanges.append(
            build_exchange(
                raw,
                attempt=attempt,
                retry_after_s=delay if last else None,
                request_json=request_json if raw.request is api_request else None,
                response_json=response_json if last else None,
                response_body=response_body if last else _UNSET,
                token_request=raw.request is not api_request,
            )
        )
    return exchanges


def _token_body(body: Any, status: int) -> Any:
    """A token endpoint's answer as it may be kept: form fields (redacted later), JSON, or no text at all.

    Some OAuth servers answer form-encoded or plain text; a success answer's text is the token, and even an
    error page is only kept when it is clearly no form (no ``key=value`` pairs to hide).
    """
    if not isinstance(body, str):
        return body
    fields = dict(parse_qsl(body.strip(), keep_blank_values=True))
    if fields and "=" in body:
        return fields
    if status < 400:
        return f"{REDACTED} ({len(body)} characters of text)"
    return body


def _context_id(body: Any) -> str | None:
    """The body's ``contextId`` (error bodies have one): the correlation id when the header is missing."""
    context_id = body.get("contextId") if isinstance(body, dict) else None
    return context_id if isinstance(context_id, str) else None


def _parse_body(content: bytes, content_type: str | None) -> Any:
    if not content:
        return None
    text = content.decode("utf-8", errors="replace")
    if content_type and content_type.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(text, keep_blank_values=True))
    try:
        return json.loads(text)
    except ValueError:
        return text
