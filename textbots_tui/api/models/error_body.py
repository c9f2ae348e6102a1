"""Error bodies (§10) and the OAuth token endpoint's bodies (§8)."""

from __future__ import annotations

from pydantic import Field

from textbots_tui.api.models._base import ResponseModel, SnakeWireModel, WireModel


class Detail(WireModel):
    """One detail of an error, often naming the offending field."""

    error_code: str | None = None
    field_name: str | None = None
    entity_id: str | None = None
    entity_name: str | None = None


class Limit(WireModel):
    """The limit that was hit, for limit errors."""

    key: str | None = None
    namespace: str | None = None
    value: int | None = None


class ErrorBody(ResponseModel):
    """The body of every API error. Every field is optional."""

    message: str | None = None
    code: str | None = None
    status: int | None = None
    entity_id: str | None = None
    entity_name: str | None = None
    message_with_params: str | None = None
    message_params: dict[str, str] | None = None
    context_id: str | None = None
    """The correlation id (normally equal to the ``ININ-Correlation-Id`` header)."""
    details: list[Detail] | None = None
    errors: list[ErrorBody] | None = None
    limit: Limit | None = None


class OAuthTokenRequest(SnakeWireModel):
    """The form fields of a client-credentials token request (sent form-encoded, never as JSON)."""

    grant_type: str = "client_credentials"


class OAuthTokenResponse(SnakeWireModel):
    """A token from ``/oauth/token``. ``access_token`` is a secret: it never appears in a repr."""

    access_token: str = Field(repr=False)
    token_type: str | None = None
    expires_in: int | None = None
    """Lifetime in seconds."""


class OAuthErrorBody(SnakeWireModel):
    """The body of a failed token request, for example ``{"error": "invalid_client", ...}``."""

    error: str | None = None
    description: str | None = None
    error_description: str | None = None
