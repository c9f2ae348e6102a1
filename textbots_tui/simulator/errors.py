"""Genesys-shaped errors: the ``ErrorBody`` JSON of the Platform API and the OAuth error body.

Handlers raise :class:`ApiError`; the app turns it into a response whose ``contextId`` is the request's
``ININ-Correlation-Id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MESSAGES = {
    400: "The request could not be understood by the server due to malformed syntax.",
    401: "No authentication bearer token specified in authorization header.",
    403: "You are not authorized to perform the requested action.",
    404: "The requested operation failed with status 404",
    405: "The requested method is not supported for this resource.",
    409: "The request conflicts with the current state of the target resource.",
    413: "The request is over the size limit. Maximum bytes: 512000",
    415: "Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type "
    "value in the header.",
    429: "Rate limit exceeded the maximum. Retry the request in [{seconds}] seconds",
    500: "The server encountered an unexpected condition which prevented it from fulfilling the request.",
    503: "Service Unavailable - The server is currently unavailable (because it is overloaded or down for "
    "maintenance).",
}
"""The Platform API's usual message per status."""

CODES = {
    400: "bad.request",
    401: "authentication.required",
    403: "missing.any.permissions",
    404: "not.found",
    405: "method.not.allowed",
    409: "conflict",
    413: "request.entity.too.large",
    415: "unsupported.media.type",
    429: "too.many.requests.retry.after",
    500: "internal.server.error",
    503: "service.unavailable",
}
"""The usual ``code`` per status."""


class ApiError(Exception):
    """An error response of the Platform API."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        code: str | None = None,
        details: Sequence[Mapping[str, Any]] = (),
        entity_id: str | None = None,
        entity_name: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.message = message or MESSAGES.get(status, f"The request failed with status {status}")
        self.code = code or CODES.get(status, "error")
        self.details = [dict(d) for d in details]
        self.entity_id = entity_id
        self.entity_name = entity_name
        self.headers = dict(headers or {})
        super().__init__(f"{status} {self.code}: {self.message}")

    def body(self, context_id: str) -> dict[str, Any]:
        """The ``ErrorBody`` JSON."""
        body: dict[str, Any] = {
            "message": self.message,
            "code": self.code,
            "status": self.status,
            "messageParams": {},
            "contextId": context_id,
            "details": self.details,
            "errors": [],
        }
        if self.entity_id is not None:
            body["entityId"] = self.entity_id
        if self.entity_name is not None:
            body["entityName"] = self.entity_name
        return body


def field_error(
    field: str,
    problem: str,
    *,
    status: int = 400,
    code: str = "bad.request",
    error_code: str = "invalid.value",
) -> ApiError:
    """A 400 naming the offending field (``details[].fieldName``)."""
    return ApiError(
        status, f"{field}: {problem}", code=code, details=[{"errorCode": error_code, "fieldName": field}]
    )


class OAuthError(Exception):
    """An error of the token endpoint, answered as ``{error, description, error_description}``."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(f"{status} {error}: {description}")
        self.status = status
        self.error = error
        self.description = description

    def body(self) -> dict[str, str]:
        """The OAuth error JSON."""
        return {"error": self.error, "description": self.description, "error_description": self.description}
