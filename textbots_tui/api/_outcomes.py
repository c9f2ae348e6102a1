"""How a call ends: a success response parsed into its model, or a ``TextbotsError`` that says what happened.

These turn httpx's outcomes into the client's: a response that is not what the API returns becomes an
``InvalidResponseError`` (with a short snippet, never a traceback), and httpx exceptions become
``APIConnectionError`` / ``APITimeoutError`` that say whether the server may have processed the request.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TypeVar

import httpx
from pydantic import ValidationError

from textbots_tui.api.errors import (
    APIConnectionError,
    APITimeoutError,
    InvalidResponseError,
    RateLimitError,
    TextbotsError,
)
from textbots_tui.api.models._base import ResponseModel
from textbots_tui.api.response_errors import error_from_response, snippet
from textbots_tui.api.retry import RetryPolicy
from textbots_tui.api.text import redact_url

if TYPE_CHECKING:
    from textbots_tui.api._recording import RawAttempt

ModelT = TypeVar("ModelT", bound=ResponseModel)


def parse_response(response: httpx.Response, model: type[ModelT], method: str, path: str) -> ModelT:
    """Parse a success response into ``model``; ``InvalidResponseError`` when it is not that."""
    content = response.content
    try:
        return model.from_wire(content)
    except ValidationError as exc:
        errors = exc.errors()
        status = response.status_code
        correlation_id = response.headers.get("inin-correlation-id")
        if errors and errors[0]["type"] == "json_invalid":
            text = response.text
            what = "an empty body" if not text.strip() else "a body that is not JSON"
            html = "HTML" in error_from_response(status, text).hint
            raise InvalidResponseError(
                f"{method} {path} answered HTTP {status} with {what}: {snippet(text)}".rstrip(": "),
                status=status,
                correlation_id=correlation_id,
                body=text,
                hint="The server answered with an HTML page, not the API: check the API URL."
                if html
                else None,
            ) from None
        data = json.loads(content)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(body)'}: {err['msg']}" for err in errors[:3]
        )
        raise InvalidResponseError(
            f"{method} {path} answered with JSON that does not fit {model.__name__} "
            f"({problems}): {snippet(data)}",
            status=status,
            correlation_id=correlation_id,
            body=data,
        ) from None


def transport_error(
    exc: httpx.HTTPError, method: str, path: str, *, api_request: httpx.Request
) -> TextbotsError:
    """Wrap an httpx exception: was the request possibly processed, and what should the user check?"""
    failed = exc.request if isinstance(exc, httpx.RequestError) else api_request
    detail = str(exc) or type(exc).__name__
    if failed is not api_request:
        # The token request failed: the API request itself never went out.
        return APIConnectionError(
            f"Token request to {redact_url(str(failed.url))} failed ({detail})",
            title="Login service unreachable",
            hint="Check the network and the login URL (region); the API request was not sent.",
            may_have_been_processed=False,
        )
    where = f"{method} {path}"
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return APITimeoutError(
            f"{where}: could not connect in time ({detail})",
            title="Connection timed out",
            hint="Check the network and the API URL; the request was not sent.",
            may_have_been_processed=False,
        )
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            f"{where}: no answer in time ({detail})",
            title="Timed out",
            hint="The server did not answer in time; it may have processed the request.",
            may_have_been_processed=True,
        )
    if isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol | httpx.ProxyError):
        return APIConnectionError(
            f"{where}: could not connect ({detail})",
            hint="Check the network and the API URL; the request was not sent.",
            may_have_been_processed=False,
        )
    return APIConnectionError(
        f"{where}: the connection failed ({detail})",
        title="Connection broken",
        hint="The connection broke after the request went out; the server may have processed it.",
        may_have_been_processed=True,
    )


def deadline_error(
    deadline_s: float | None,
    method: str,
    path: str,
    attempts: list[RawAttempt],
    *,
    api_request: httpx.Request,
) -> TextbotsError:
    """The attempt took longer than the client's total deadline: a read timeout, unless the API request
    never went out (the deadline passed during the token request)."""
    if not any(raw.request is api_request for raw in attempts):
        return APITimeoutError(
            f"{method} {path}: the token request took longer than the {deadline_s:g} s deadline",
            title="Login service too slow",
            hint="Check the network and the login URL (region); the API request was not sent.",
            may_have_been_processed=False,
        )
    return APITimeoutError(
        f"{method} {path}: no complete answer within the {deadline_s:g} s deadline",
        title="Timed out",
        hint="The server did not finish answering in time; it may have processed the request.",
        may_have_been_processed=True,
    )


def unexpected_error(exc: Exception, method: str, path: str) -> TextbotsError:
    """An exception httpx did not wrap: the request may or may not have gone out, so it counts as sent."""
    detail = f"{type(exc).__name__}: {exc}".rstrip(": ")
    return APIConnectionError(
        f"{method} {path}: the request failed ({detail})",
        hint="Check the API URL (host and port) and the network; the server may have processed the request.",
        may_have_been_processed=True,
    )


def explain_rate_limit(error: RateLimitError, policy: RetryPolicy) -> None:
    """Say in the hint why a 429 was not retried (again)."""
    wait = policy.rate_limit_wait(error)
    if wait > policy.retry_after_cap_s:
        error.hint = (
            f"The API asked to wait {wait:g} s, longer than the {policy.retry_after_cap_s:g} s "
            "the client waits; try again later."
        )
    else:
        error.hint = f"Still rate limited after {policy.max_attempts} attempts; wait a little and try again."
