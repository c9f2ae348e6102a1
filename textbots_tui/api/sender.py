"""``Sender``: how one API request is sent and ends, for ``TextbotsClient``, which says what to send.

It owns the one long-lived ``httpx.AsyncClient`` (connections reused, the auth flow on every request) and, per
call: the retries (``RetryPolicy``), the deadline on each attempt, the redacted records of every HTTP attempt
(token requests included) for the ``on_exchange`` hooks and for the error, and the ending: the parsed model
or a ``TextbotsError``. It knows no endpoint; the client's methods name the path, the body and the model.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import httpx

from textbots_tui.api import _recording
from textbots_tui.api._outcomes import (
    ModelT,
    deadline_error,
    explain_rate_limit,
    parse_response,
    transport_error,
    unexpected_error,
)
from textbots_tui.api.auth import ClientCredentialsAuth
from textbots_tui.api.deadline import Deadlines
from textbots_tui.api.errors import InvalidResponseError, RateLimitError, TextbotsError
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.models._base import WireModel
from textbots_tui.api.response_errors import error_from_response
from textbots_tui.api.retry import RetryPolicy

logger = logging.getLogger(__name__)

ExchangeHook = Callable[[Exchange], None]
"""Called with the redacted record of each HTTP attempt."""
Params = list[tuple[str, str | int | float | bool | None]]
"""A request's query parameters, in order (a name may repeat)."""


class Sender:
    """Sends requests to ``base_url`` and turns what happens into a parsed model or a ``TextbotsError``.

    ``auth`` (or ``None``) is the token handling of every request; ``transport`` replaces the network;
    ``timeout`` bounds each wait and ``deadline_s`` each attempt in all (``None``: no bound);
    ``max_body_bytes`` bounds the decoded size of an answer. ``retry`` decides what is sent again;
    ``on_exchange`` sees every attempt of every call.
    """

    def __init__(
        self,
        *,
        base_url: str,
        auth: ClientCredentialsAuth | None,
        transport: httpx.AsyncBaseTransport | None,
        timeout: httpx.Timeout,
        user_agent: str,
        max_body_bytes: int,
        retry: RetryPolicy,
        deadline_s: float | None,
        on_exchange: ExchangeHook | None,
    ) -> None:
        self.retry = retry
        self.deadline_s = deadline_s
        self._deadlines = None if deadline_s is None else Deadlines(deadline_s)
        self._on_exchange = on_exchange
        self._http = httpx.AsyncClient(
            base_url=base_url,
            auth=auth,
            transport=transport,
            timeout=timeout,
            headers={"Accept": "application/json", "User-Agent": user_agent},
            event_hooks={
                "request": [_recording.on_request],
                "response": [_recording.response_hook(max_body_bytes)],
            },
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        """Close the connections. The sender cannot be used afterwards."""
        await self._http.aclose()

    async def call(
        self,
        method: str,
        path: str,
        model: type[ModelT],
        *,
        body: WireModel | None = None,
        params: Params | None = None,
        hook: ExchangeHook | None = None,
    ) -> ModelT:
        """Send ``method path`` (``body`` as JSON, ``params`` as the query) until it succeeds or may not be
        sent again, and return the answer parsed into ``model``.

        Raises the ``TextbotsError`` of the last attempt, its latest exchange attached. ``hook`` sees this
        call's attempts, besides the sender's own ``on_exchange``; a failing hook is logged, never raised.
        """
        hooks = [h for h in (self._on_exchange, hook) if h is not None]
        idempotent = method == "GET"
        content = None
        headers = None
        if body is not None:
            # Serialised in one step (pydantic-core); the dict form is only built for exchange records.
            content = body.model_dump_json(by_alias=True, exclude_none=True).encode()
            headers = {"Content-Type": "application/json"}
        attempt = 0
        while True:
            attempt += 1
            request = self._http.build_request(method, path, content=content, params=params, headers=headers)
            attempts: list[_recording.RawAttempt] = []
            context = _recording.current_attempts.set(attempts)
            response: httpx.Response | None = None
            error: TextbotsError | None = None
            data: Any = _recording._UNSET
            deadline = None if self._deadlines is None else self._deadlines.arm()
            try:
                response = await self._http.send(request)
            except httpx.HTTPError as exc:
                error = transport_error(exc, method, path, api_request=request)
                if attempts and attempts[-1].response is None:
                    attempts[-1].error = exc
            except TextbotsError as exc:  # raised by the auth flow or the body limit
                error = exc
            except asyncio.CancelledError:
                if deadline is None or not deadline.caused():
                    raise
                error = deadline_error(self.deadline_s, method, path, attempts, api_request=request)
                if attempts and attempts[-1].response is None:
                    attempts[-1].error = TimeoutError()
            except Exception as exc:
                # The socket layer raises more than httpx wraps (an OverflowError for port 99999): whatever
                # it is, the caller gets a TextbotsError, so no session is left waiting on it.
                error = unexpected_error(exc, method, path)
                if attempts and attempts[-1].response is None:
                    attempts[-1].error = exc
            finally:
                if deadline is not None:
                    deadline.disarm()
                _recording.current_attempts.reset(context)

            result: ModelT | None = None
            if response is not None:
                if response.is_success:
                    try:
                        result = parse_response(response, model, method, path)
                    except InvalidResponseError as exc:
                        error = exc
                        data = exc.body
                else:
                    error = error_from_response(response)
                    data = error.body

            delay = None if error is None else self.retry.delay_for(error, attempt, idempotent=idempotent)
            if hooks or error is not None:
                exchanges = _recording.build_exchanges(
                    attempts,
                    request,
                    attempt=attempt,
                    delay=delay,
                    request_json=_recording.json_body(content, body),
                    response_json=_recording.json_body(response.content, result)
                    if response is not None
                    else None,
                    response_body=data,
                )
                if error is not None and exchanges:
                    error.exchange = exchanges[-1]
                for exchange in exchanges:
                    for h in hooks:
                        _notify(h, exchange)
            if error is None and result is not None:
                return result
            assert error is not None
            if delay is None:
                if isinstance(error, RateLimitError):
                    explain_rate_limit(error, self.retry)
                raise error
            await self.retry.sleep(delay)


def _notify(hook: ExchangeHook, exchange: Exchange) -> None:
    # A failing observer must not turn a good API call into a failure.
    try:
        hook(exchange)
    except Exception:
        logger.exception("on_exchange hook failed")
