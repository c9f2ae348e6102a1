"""OAuth client credentials: the token endpoint and the bearer-token check of every API call."""

from __future__ import annotations

import base64
import binascii
import random
from collections.abc import Callable, Mapping
from urllib.parse import parse_qs

from .errors import ApiError, OAuthError


class TokenStore:
    """Issues access tokens to accepted clients and checks them on API calls."""

    def __init__(
        self,
        *,
        accepted_clients: Mapping[str, str] | None,
        lifetime_s: int,
        rng: random.Random,
        clock: Callable[[], float],
    ) -> None:
        self.accepted_clients = dict(accepted_clients) if accepted_clients is not None else None
        self.lifetime_s = lifetime_s
        self.rng = rng
        self.clock = clock
        self._tokens: dict[str, float] = {}
        """Token -> the clock time it expires."""

    def issue(self, content_type: str | None, authorization: str | None, body: bytes) -> dict[str, object]:
        """Answer a client-credentials token request; raises :class:`OAuthError`."""
        if (content_type or "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
            raise OAuthError(400, "invalid_request", "the body must be application/x-www-form-urlencoded")
        try:
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
        except UnicodeDecodeError:
            raise OAuthError(400, "invalid_request", "the body is not valid UTF-8") from None
        grant = form.get("grant_type")
        if not grant:
            raise OAuthError(400, "invalid_request", "grant_type is required")
        if grant != "client_credentials":
            raise OAuthError(400, "unsupported_grant_type", f"grant type '{grant}' is not supported")
        client_id, secret = _basic_credentials(authorization)
        if client_id is None:
            client_id, secret = form.get("client_id"), form.get("client_secret")
        if not client_id or secret is None:
            raise OAuthError(401, "invalid_client", "client credentials are required")
        if self.accepted_clients is not None:
            expected = self.accepted_clients.get(client_id)
            if expected is None:
                raise OAuthError(401, "invalid_client", "client not found")
            if secret != expected:
                raise OAuthError(401, "invalid_client", "authentication failed")
        now = self.clock()
        if len(self._tokens) > 1000:
            self._tokens = {t: exp for t, exp in self._tokens.items() if exp > now}
        token = base64.urlsafe_b64encode(self.rng.randbytes(48)).decode("ascii")
        self._tokens[token] = now + self.lifetime_s
        return {"access_token": token, "token_type": "bearer", "expires_in": self.lifetime_s}

    def check(self, authorization: str | None) -> str:
        """The bearer token of a request; raises 401 when it is missing, unknown or expired."""
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise ApiError(401, code="authentication.required")
        expires = self._tokens.get(token)
        if expires is None:
            raise ApiError(401, "Invalid login credentials.", code="bad.credentials")
        if self.clock() >= expires:
            raise ApiError(
                401, "Invalid login credentials. The access token has expired.", code="bad.credentials"
            )
        return token


def _basic_credentials(authorization: str | None) -> tuple[str | None, str | None]:
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None, None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise OAuthError(401, "invalid_client", "the Basic authorization header is malformed") from None
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise OAuthError(401, "invalid_client", "the Basic authorization header is malformed")
    return client_id, secret
