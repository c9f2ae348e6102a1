"""OAuth 2 client credentials for Genesys Cloud, as an ``httpx.Auth`` flow (§8).

The token is fetched from ``{login_url}/oauth/token`` with a Basic header and the form body
``grant_type=client_credentials``, cached until shortly before it expires, and fetched again once if the API
answers 401. Fetches run under an ``asyncio.Lock`` with a second look after acquiring it, so any number of
concurrent calls that find no valid token make a single token request. Token requests go through the same
client as API calls, so they are recorded (redacted) like any other exchange.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import math
import time
from collections.abc import AsyncGenerator, Callable, Generator

import httpx
from pydantic import ValidationError

from textbots_tui.api.errors import AuthenticationError, TextbotsError
from textbots_tui.api.models.error_body import OAuthTokenResponse
from textbots_tui.api.response_errors import error_from_response
from textbots_tui.api.text import redact_url

DEFAULT_TOKEN_LIFETIME_S = 900.0
"""Assumed lifetime when the token response has no ``expires_in`` (a 401 still triggers a refresh)."""


def token_refresh_delay(expires_in: float) -> float:
    """Seconds after issue to fetch a new token: at 90% of the lifetime or 60 s before expiry, the earlier.

    Very short lifetimes still get half their length, so a 30 s token is not refetched on every call.
    """
    return max(min(0.9 * expires_in, expires_in - 60.0), 0.5 * expires_in)


class ClientCredentialsAuth(httpx.Auth):
    """Bearer authentication with a client-credentials token, or with a ready access token.

    With only ``access_token``, that token is used as is and a 401 is final. With client credentials (and
    optionally a first ``access_token``), tokens are fetched, cached, and refreshed on expiry or on a 401.
    """

    requires_response_body = True

    def __init__(
        self,
        *,
        token_url: str,
        client_id: str | None = None,
        client_secret: str | None = None,
        access_token: str | None = None,
        user_agent: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not access_token and not (client_id and client_secret):
            raise ValueError("ClientCredentialsAuth needs client_id and client_secret, or an access_token")
        self.token_url = token_url
        self._basic = (
            base64.b64encode(f"{client_id}:{client_secret}".encode()).decode("ascii")
            if client_id and client_secret
            else None
        )
        self._user_agent = user_agent
        self._clock = clock
        self._lock = asyncio.Lock()
        self._token: str | None = access_token or None
        # A ready access token has no known expiry: it is used until the API refuses it.
        self._refresh_at = math.inf if access_token else -math.inf
        self._fetches = 0  # token responses handled so far
        self._last_failure: TextbotsError | None = None
        self.token_requests = 0
        """How many token requests were sent (for diagnostics and tests)."""

    @property
    def can_fetch_tokens(self) -> bool:
        """True when client credentials are configured."""
        return self._basic is not None

    def _fresh(self) -> bool:
        return self._token is not None and self._clock() < self._refresh_at

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Not supported: the client is async only."""
        raise RuntimeError("ClientCredentialsAuth works with httpx.AsyncClient only")

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Add a valid bearer token; on a 401, fetch a new token once and send the request once more."""
        if not self._fresh():
            seen = self._fetches
            async with self._lock:
                if not self._fresh():
                    self._raise_if_failed_meanwhile(seen)
                    token_response = yield self._token_request(request)
                    await self._accept(token_response)
        used = self._token
        request.headers["Authorization"] = f"Bearer {used}"
        response = yield request
        if response.status_code != 401 or not self.can_fetch_tokens:
            return
        seen = self._fetches
        async with self._lock:
            # Another call may have refreshed the token while this one waited for the lock.
            if self._token == used or not self._fresh():
                self._raise_if_failed_meanwhile(seen)
                token_response = yield self._token_request(request)
                await self._accept(token_response)
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

    def _raise_if_failed_meanwhile(self, seen: int) -> None:
        # Calls queued behind a token request that failed share its error rather than each trying again
        # (a copy each, so their tracebacks stay apart).
        if self._fetches != seen and self._last_failure is not None:
            raise copy.copy(self._last_failure).with_traceback(None)

    def _token_request(self, api_request: httpx.Request) -> httpx.Request:
        headers = {
            "Authorization": f"Basic {self._basic}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        }
        if self._user_agent:
            headers["User-Agent"] = self._user_agent
        self.token_requests += 1
        # Requests made inside an auth flow skip the client's defaults: carry the API request's timeouts over.
        extensions = {k: v for k, v in api_request.extensions.items() if k == "timeout"}
        return httpx.Request(
            "POST",
            self.token_url,
            headers=headers,
            content=b"grant_type=client_credentials",
            extensions=extensions,
        )

    async def _accept(self, response: httpx.Response) -> None:
        # Count finished fetches: a call that saw N before waiting for the lock knows one ended meanwhile.
        self._fetches += 1
        await response.aread()
        try:
            self._token, self._refresh_at = self._parse(response)
        except TextbotsError as exc:
            self._token, self._refresh_at = None, -math.inf
            self._last_failure = exc
            raise
        self._last_failure = None

    def _parse(self, response: httpx.Response) -> tuple[str, float]:
        status = response.status_code
        if status == 429 or status >= 500:
            # The login service is busy or down: the retry policy may try again (the API request never
            # went out, so that is always safe).
            error = error_from_response(response)
            error.message = f"Token request failed: {error.message}"
            error.args = (error.message,)
            error.may_have_been_processed = False
            raise error
        if status != 200:
            failed = error_from_response(response)
            raise AuthenticationError(
                f"Token request refused (HTTP {status}): {failed.message}",
                title="Authentication failed",
                hint=(
                    "Check the OAuth client id and secret, and that the client belongs to this region's org "
                    f"(token URL {redact_url(self.token_url)})."
                ),
                status=status,
                code=_oauth_error_code(failed.body) or failed.code,
                correlation_id=failed.correlation_id,
                body=failed.body,
                may_have_been_processed=False,
            )
        try:
            token = OAuthTokenResponse.from_wire(response.content)
        except ValidationError:
            # The body is never quoted: a form-encoded or plain-text answer may be the token itself.
            kind = response.headers.get("content-type") or "no content type"
            raise AuthenticationError(
                f"The token endpoint answered HTTP {status} without a JSON token "
                f"({kind}, {len(response.content)} bytes; not shown, it may hold a token)",
                title="Authentication failed",
                hint=f"Check the login URL ({redact_url(self.token_url)}).",
                status=status,
                may_have_been_processed=False,
            ) from None
        lifetime = float(token.expires_in) if token.expires_in else DEFAULT_TOKEN_LIFETIME_S
        return token.access_token, self._clock() + token_refresh_delay(lifetime)


def _oauth_error_code(body: object) -> str | None:
    if isinstance(body, dict):
        error = body.get("error")
        return error if isinstance(error, str) else None
    return None
