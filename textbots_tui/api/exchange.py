"""``Exchange``: a redacted record of one HTTP attempt, for the inspector, the journal and bug reports.

Secrets never get into an ``Exchange``: the ``Authorization`` header keeps only its scheme, and token-like
keys in bodies (``access_token``, ``client_secret``...) are replaced, so the record can be logged, exported
and shown as is.

Every turn of every session makes one, so building one is cheap: headers and the bodies of the textbots API
(JSON with no credentials in it) can be handed over as they came off the wire (:class:`RawHeaders`,
:class:`RawBody`) and are decoded, parsed and redacted only when first read, then kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar, cast
from urllib.parse import urlencode

from textbots_tui.api.text import redact_url

REDACTED = "<redacted>"

_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_SECRET_HEADER_BYTES = frozenset(name.encode() for name in _SECRET_HEADERS)
_SECRET_KEYS = frozenset(
    {"access_token", "refresh_token", "id_token", "client_secret", "password", "accessToken", "clientSecret"}
)
# Headers a copied curl command does not need: curl computes or sets them itself.
_CURL_SKIP_HEADERS = frozenset({"host", "content-length", "connection", "accept-encoding", "user-agent"})

T = TypeVar("T")
_PENDING: Any = object()


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Copy headers (lower-case names), keeping only the scheme of credentials (``Bearer <redacted>``)."""
    out = {name.lower(): value for name, value in headers}
    for key in _SECRET_HEADERS.intersection(out):
        out[key] = _redact_header(key, out[key])
    return out


def _redact_header(name: str, value: str) -> str:
    scheme, sep, _ = value.partition(" ")
    return f"{scheme} {REDACTED}" if sep and name.endswith("authorization") else REDACTED


def redact_body(body: Any) -> Any:
    """Return ``body`` with token-like top-level keys replaced (the same object when nothing is hidden)."""
    if isinstance(body, dict) and not _SECRET_KEYS.isdisjoint(body):
        return {k: (REDACTED if k in _SECRET_KEYS else v) for k, v in body.items()}
    return body


class Deferred(Generic[T]):
    """A field value of an ``Exchange`` worked out on first read, then kept.

    Working it out has no side effects, so two threads racing on the first read merely both do it and get
    equal values; on one event loop there is no race at all.
    """

    __slots__ = ("_value",)

    def __init__(self) -> None:
        self._value: Any = _PENDING

    def get(self) -> T:
        """The value (worked out now if this is the first read)."""
        value = self._value
        if value is _PENDING:
            value = self._value = self._compute()
        return cast(T, value)

    def _compute(self) -> T:
        raise NotImplementedError


class RawHeaders(Deferred[dict[str, str]]):
    """Headers as they went over the wire; read as a redacted ``dict`` with lower-case names.

    Credentials are redacted here already, so no secret is kept even unread.
    """

    __slots__ = ("_encoding", "_items")

    def __init__(self, items: Iterable[tuple[bytes, bytes]], encoding: str = "ascii") -> None:
        self._value = _PENDING  # Deferred.__init__, inlined: several are made per HTTP attempt
        # Kept as given (names in their own case: lowered when read), only credentials replaced.
        kept = list(items)
        for index, (key, value) in enumerate(kept):
            if key.lower() in _SECRET_HEADER_BYTES:
                name = key.decode(encoding).lower()
                kept[index] = (key, _redact_header(name, value.decode(encoding)).encode(encoding))
        self._encoding = encoding
        self._items = kept

    def first(self, name: str) -> str | None:
        """The first value of header ``name`` (lower case), without decoding the others."""
        wanted = name.encode(self._encoding)
        for key, value in self._items:
            if key.lower() == wanted:
                return value.decode(self._encoding)
        return None

    def get(self) -> dict[str, str]:
        """The headers as a redacted ``dict`` with lower-case names, made anew on every read.

        Not kept: the raw pairs are kept already, and a dict beside them for every exchange of a session
        would double what its headers cost in memory (the journal and the inspector read them once).
        """
        return self._compute()

    def _compute(self) -> dict[str, str]:
        encoding = self._encoding
        # str.lower() too: it also folds the non-ASCII letters a latin-1 name may hold, as before.
        return {key.decode(encoding).lower(): value.decode(encoding) for key, value in self._items}


class RawBody(Deferred[Any]):
    """A JSON body as it went over the wire; read as the parsed, redacted JSON.

    Only for a body known to be one JSON document (serialised or validated by the client's models) from an
    endpoint whose bodies carry no credentials: the textbots API, never the token endpoint. ``verbatim``
    says no top-level key of it is one redaction hides, so the text itself may be written out.
    """

    __slots__ = ("_content", "_verbatim")

    def __init__(self, content: bytes, *, verbatim: bool = False) -> None:
        self._value = _PENDING  # Deferred.__init__, inlined: several are made per HTTP attempt
        self._content = content
        self._verbatim = verbatim

    def mentions(self, text: bytes) -> bool:
        """Whether ``text`` occurs in the raw body: a cheap test before parsing it."""
        return text in self._content

    def json_text(self) -> str | None:
        """The body as one line of JSON text that says exactly what the redacted value says, else ``None``.

        Writing this saves a parse and a dump; ``None`` means go through the parsed value.
        """
        content = self._content
        # A JSON document holds raw line breaks only between tokens, but a JSON-lines file cannot.
        if not self._verbatim or b"\n" in content or b"\r" in content:
            return None
        return content.decode("utf-8", errors="replace")

    def _compute(self) -> Any:
        return redact_body(json.loads(self._content.decode("utf-8", errors="replace")))


class RawUrl(Deferred[str]):
    """A request's URL; read as text with any user name and password in it redacted."""

    __slots__ = ("_url",)

    def __init__(self, url: object) -> None:
        self._value = _PENDING  # Deferred.__init__, inlined: several are made per HTTP attempt
        self._url = url

    def _compute(self) -> str:
        return redact_url(str(self._url))


def hides_nothing(keys: Iterable[str]) -> bool:
    """Whether a JSON object with these top-level keys comes out of :func:`redact_body` unchanged."""
    return _SECRET_KEYS.isdisjoint(keys)


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP attempt: the request, the response (or the error), timings and the correlation id.

    Bodies are the parsed JSON (or form fields, or text when not JSON): treat them as read-only. The
    headers and bodies may be given as :class:`Deferred` values; they read as what they stand for, worked
    out on the first read.
    """

    method: str
    url: str
    """Redacted: any password in it is replaced."""
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

    def body_json_text(self, part: Literal["request", "response"]) -> str | None:
        """The request or response body as JSON text that may be written out as is, else ``None``.

        Saves a parse and a dump for a body kept as it came (:meth:`RawBody.json_text`); ``None`` means
        use ``request_body`` / ``response_body``.
        """
        stored = _BODY_SLOTS[part].__get__(self, Exchange)
        return stored.json_text() if isinstance(stored, RawBody) else None

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


class _DeferredField:
    """Fronts a slot of ``Exchange`` so that a :class:`Deferred` stored there reads as its value."""

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:
        self._slot = slot

    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self._slot.__get__(instance, owner)
        return value.get() if isinstance(value, Deferred) else value

    def __set__(self, instance: object, value: Any) -> None:
        # Only the dataclass __init__ gets here (object.__setattr__): the frozen __setattr__ refuses others.
        self._slot.__set__(instance, value)

    def __delete__(self, instance: object) -> None:
        self._slot.__delete__(instance)


def _install_deferred_fields() -> dict[str, Any]:
    slots = {}
    for name in ("url", "request_headers", "request_body", "response_headers", "response_body"):
        slot = Exchange.__dict__[name]
        slots[name] = slot
        setattr(Exchange, name, _DeferredField(slot))
    return slots


_SLOTS = _install_deferred_fields()
_BODY_SLOTS = {"request": _SLOTS["request_body"], "response": _SLOTS["response_body"]}
(
    _set_method,
    _set_url,
    _set_path,
    _set_status,
    _set_started_at,
    _set_duration_ms,
    _set_correlation_id,
    _set_request_headers,
    _set_request_body,
    _set_response_headers,
    _set_response_body,
    _set_error,
    _set_attempt,
    _set_retry_after_s,
) = ((_SLOTS[f.name] if f.name in _SLOTS else Exchange.__dict__[f.name]).__set__ for f in fields(Exchange))


def make_exchange(
    method: str,
    url: str | RawUrl,
    path: str,
    status: int | None,
    started_at: datetime,
    duration_ms: float,
    correlation_id: str | None,
    request_headers: Mapping[str, str] | RawHeaders,
    request_body: Any,
    response_headers: Mapping[str, str] | RawHeaders,
    response_body: Any,
    error: str | None,
    attempt: int,
    retry_after_s: float | None,
) -> Exchange:
    """An ``Exchange`` from every field in order, made in a fraction of the time the dataclass's own
    ``__init__`` takes (the client makes one per HTTP attempt). ``url``, headers and bodies may be
    :class:`Deferred` values."""
    exchange: Exchange = object.__new__(Exchange)
    # One C-level slot store each: no frozen-dataclass __setattr__ detour, no loop.
    _set_method(exchange, method)
    _set_url(exchange, url)
    _set_path(exchange, path)
    _set_status(exchange, status)
    _set_started_at(exchange, started_at)
    _set_duration_ms(exchange, duration_ms)
    _set_correlation_id(exchange, correlation_id)
    _set_request_headers(exchange, request_headers)
    _set_request_body(exchange, request_body)
    _set_response_headers(exchange, response_headers)
    _set_response_body(exchange, response_body)
    _set_error(exchange, error)
    _set_attempt(exchange, attempt)
    _set_retry_after_s(exchange, retry_after_s)
    return exchange
