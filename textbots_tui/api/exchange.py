"""``Exchange``: a redacted record of one HTTP attempt, for the inspector, the journal and bug reports.

Secrets never get into an ``Exchange``: the ``Authorization`` header keeps only its scheme, and token-like
keys in bodies (``access_token``, ``client_secret``...) are replaced, so the record can be logged, exported
and shown as is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

REDACTED = "<redacted>"

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_SECRET_KEYS = frozenset(
    {"access_token", "refresh_token", "id_token", "client_secret", "password", "accessToken", "clientSecret"}
)
# Headers a copied curl command does not need: curl computes or sets them itself.
_CURL_SKIP_HEADERS = frozenset({"host", "content-length", "connection", "accept-encoding", "user-agent"})


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Copy headers (lower-case names), keeping only the scheme of credentials (``Bearer <redacted>``)."""
    out = {name.lower(): value for name, value in headers}
    for key in _SECRET_HEADERS.intersection(out):
        scheme, sep, _ = out[key].partition(" ")
        out[key] = f"{scheme} {REDACTED}" if sep and key.endswith("authorization") else REDACTED
    return out


def redact_body(body: Any) -> Any:
    """Return ``body`` with token-like top-level keys replaced (the same object when nothing is hidden)."""
    if isinstance(body, dict) and not _SECRET_KEYS.isdisjoint(body):
        return {k: (REDACTED if k in _SECRET_KEYS else v) for k, v in body.items()}
    return body


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP attempt: the request, the response (or the error), timings and the correlation id.

    Bodies are the parsed JSON (or form fields, or text when not JSON) and are shared with the parsed
    models: treat them as read-only.
    """

    method: str
    url: str
    path: str
    status: int | None
    """HTTP status, ``None`` when no response came (connection error, timeout)."""
    started_at: datetime
    """When the request went out (UTC)."""
    duration_ms: float
    correlation_id: str | None = None
    """``ININ-Correlation-Id`` header or the error body's ``contextId``."""
    request_headers: Mapping[str, str] = field(default_factory=dict)
    request_body: Any = None
    response_headers: Mapping[str, str] = field(default_factory=dict)
    response_body: Any = None
    error: str | None = None
    """What went wrong at the transport level (connection refused, timed out...)."""
    attempt: int = 1
    """1 for the first try of a call, 2 for its first retry, and so on."""
    retry_after_s: float | None = None
    """Set when the client will retry this call after waiting this long."""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of this exchange (already redacted)."""
        return {
            "method": self.method,
            "url": self.url,
            "path": self.path,
            "status": self.status,
            "started_at": self.started_at.isoformat(),
            "duration_ms": round(self.duration_ms, 3),
            "correlation_id": self.correlation_id,
            "request_headers": dict(self.request_headers),
            "request_body": self.request_body,
            "response_headers": dict(self.response_headers),
            "response_body": self.response_body,
            "error": self.error,
            "attempt": self.attempt,
            "retry_after_s": self.retry_after_s,
        }

    def to_curl(self) -> str:
        """A curl command that replays this request, with credentials taken from environment variables.

        The bearer token comes from ``$GENESYS_TOKEN`` and client credentials from
        ``$GENESYSCLOUD_OAUTHCLIENT_ID`` / ``$GENESYSCLOUD_OAUTHCLIENT_SECRET``; those arguments are
        double-quoted so the shell expands them, everything else is single-quoted literally.
        """
        parts = ["curl", "-X", self.method, _quote(self.url)]
        form = False
        for name, value in self.request_headers.items():
            if name in _CURL_SKIP_HEADERS:
                continue
            if name == "authorization":
                scheme = value.partition(" ")[0]
                if scheme.lower() == "basic":
                    parts += ["-u", '"$GENESYSCLOUD_OAUTHCLIENT_ID:$GENESYSCLOUD_OAUTHCLIENT_SECRET"']
                else:
                    parts += ["-H", '"Authorization: Bearer $GENESYS_TOKEN"']
                continue
            form = form or value.startswith("application/x-www-form-urlencoded")
            parts += ["-H", _quote(f"{_title_case(name)}: {value}")]
        if self.request_body is not None:
            if form and isinstance(self.request_body, Mapping):
                data = urlencode(self.request_body)
            elif isinstance(self.request_body, str):
                data = self.request_body
            else:
                data = json.dumps(self.request_body, ensure_ascii=False, separators=(",", ":"))
            parts += ["--data", _quote(data)]
        return " ".join(parts)


def _quote(text: str) -> str:
    """Single-quote for a POSIX shell, always (``shlex.quote`` leaves "safe" strings bare)."""
    return "'" + text.replace("'", "'\"'\"'") + "'"


def _title_case(header: str) -> str:
    return "-".join(word.capitalize() for word in header.split("-"))
