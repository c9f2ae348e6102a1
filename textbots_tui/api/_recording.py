"""Recording every HTTP attempt of a call (token requests and 401 replays included) as ``Exchange`` records.

httpx event hooks see every request the client sends, including those an auth flow makes; a context
variable collects them per call, so concurrent calls never mix their records. Building the redacted
``Exchange`` is left until someone needs it (an ``on_exchange`` hook, or an error to attach it to).
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from time import perf_counter
from typing import Any
from urllib.parse import parse_qsl

import httpx

from textbots_tui.api.exchange import Exchange, redact_body, redact_headers

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


async def on_response(response: httpx.Response) -> None:
    """httpx response hook: read the body (so the timing includes it) and close the attempt."""
    attempts = current_attempts.get()
    if attempts is None:
        return
    await response.aread()
    end = perf_counter()
    # The same Request object is sent twice when a 401 leads to a new token: match the open attempt.
    for raw in reversed(attempts):
        if raw.request is response.request and raw.response is None:
            raw.response = response
            raw.duration_ms = (end - raw.t0) * 1000.0
            break


def build_exchange(
    raw: RawAttempt,
    *,
    attempt: int,
    retry_after_s: float | None = None,
    request_body: Any = _UNSET,
    response_body: Any = _UNSET,
) -> Exchange:
    """The redacted ``Exchange`` of one attempt.

    ``request_body`` and ``response_body`` save a parse when the caller has them already.
    """
    request = raw.request
    response = raw.response
    duration = raw.duration_ms if raw.duration_ms is not None else (perf_counter() - raw.t0) * 1000.0
    status = None
    response_headers: dict[str, str] = {}
    correlation_id = None
    if response is not None:
        status = response.status_code
        # Plain dict lookups from here on: httpx.Headers.get re-encodes the key on every call.
        response_headers = redact_headers(response.headers.multi_items())
        if response_body is _UNSET:
            response_body = _parse_body(response.content, response_headers.get("content-type"))
        response_body = redact_body(response_body)
        correlation_id = response_headers.get("inin-correlation-id")
        if correlation_id is None and isinstance(response_body, dict):
            context_id = response_body.get("contextId")
            correlation_id = context_id if isinstance(context_id, str) else None
    else:
        response_body = None
    error = None if raw.error is None else (f"{type(raw.error).__name__}: {raw.error}".rstrip(": "))
    request_headers = redact_headers(request.headers.multi_items())
    if request_body is _UNSET:
        request_body = _parse_body(request.content, request_headers.get("content-type"))
    url = request.url
    return Exchange(
        method=request.method,
        url=str(url),
        path=url.path,
        status=status,
        started_at=raw.started_at,
        duration_ms=duration,
        correlation_id=correlation_id,
        request_headers=request_headers,
        request_body=redact_body(request_body),
        response_headers=response_headers,
        response_body=response_body,
        error=error,
        attempt=attempt,
        retry_after_s=retry_after_s,
    )


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
