from __future__ import annotations

import base64
import dataclasses
import gc
import json
import shlex
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.exchange import (
    REDACTED,
    Exchange,
    RawBody,
    RawHeaders,
    RawUrl,
    make_exchange,
    redact_body,
    redact_headers,
)
from textbots_tui.api.models import TextBotFlowTurnRequest

from .conftest import SESSIONS, TURN_OK, FakeGenesys, json_of

TURNS = f"{SESSIONS}/s1/turns"


def make(**kwargs: object) -> Exchange:
    base: dict[str, object] = {
        "method": "POST",
        "url": "https://api.mypurecloud.ie/api/v2/textbots/botflows/sessions",
        "path": "/api/v2/textbots/botflows/sessions",
        "status": 200,
        "started_at": datetime(2026, 5, 20, 14, 3, 11, tzinfo=UTC),
        "duration_ms": 12.3456,
    }
    base.update(kwargs)
    return Exchange(**base)  # type: ignore[arg-type]


def test_redact_headers_keeps_scheme_only() -> None:
    out = redact_headers(
        [
            ("Authorization", "Bearer secret-token"),
            ("Proxy-Authorization", "Basic dXNlcjpwYXNz"),
            ("Cookie", "session=abc"),
            ("Set-Cookie", "session=abc"),
            ("Content-Type", "application/json"),
        ]
    )
    assert out == {
        "authorization": f"Bearer {REDACTED}",
        "proxy-authorization": f"Basic {REDACTED}",
        "cookie": REDACTED,
        "set-cookie": REDACTED,
        "content-type": "application/json",
    }
    assert "secret-token" not in json.dumps(out)


def test_redact_body() -> None:
    token = {"access_token": "tok", "token_type": "bearer", "expires_in": 60}
    assert redact_body(token) == {"access_token": REDACTED, "token_type": "bearer", "expires_in": 60}
    assert token["access_token"] == "tok"  # the original is not modified
    form = {"grant_type": "client_credentials", "client_secret": "s3cret"}
    assert redact_body(form)["client_secret"] == REDACTED
    plain = {"id": "x"}
    assert redact_body(plain) is plain
    assert redact_body("text") == "text"


def test_to_json_is_json_ready() -> None:
    ex = make(request_body={"a": 1}, response_body={"id": "s"}, correlation_id="c", retry_after_s=3.0)
    data = json.loads(json.dumps(ex.to_json()))
    assert data["started_at"] == "2026-05-20T14:03:11+00:00"
    assert data["duration_ms"] == 12.346
    assert data["request_body"] == {"a": 1}
    assert data["retry_after_s"] == 3.0
    assert data["attempt"] == 1


def test_to_curl_bearer() -> None:
    body = {"flow": {"id": "f"}, "language": "it's"}
    ex = make(
        request_headers={
            "authorization": f"Bearer {REDACTED}",
            "content-type": "application/json",
            "accept": "application/json",
            "user-agent": "textbots-tui/0.1.0",
            "content-length": "42",
            "host": "api.mypurecloud.ie",
        },
        request_body=body,
    )
    curl = ex.to_curl()
    assert curl.startswith("curl -X POST 'https://api.mypurecloud.ie/api/v2/textbots/botflows/sessions'")
    assert '-H "Authorization: Bearer $GENESYS_TOKEN"' in curl
    assert "-H 'Content-Type: application/json'" in curl
    assert "Content-Length" not in curl and "Host" not in curl
    assert REDACTED not in curl
    # The command is valid shell: the data comes back as the same JSON.
    argv = shlex.split(curl)
    assert json.loads(argv[argv.index("--data") + 1]) == body


def test_to_curl_token_request_uses_env_credentials() -> None:
    ex = make(
        url="https://login.mypurecloud.ie/oauth/token",
        path="/oauth/token",
        request_headers={
            "authorization": f"Basic {REDACTED}",
            "content-type": "application/x-www-form-urlencoded",
        },
        request_body={"grant_type": "client_credentials"},
    )
    curl = ex.to_curl()
    assert '-u "$GENESYSCLOUD_OAUTHCLIENT_ID:$GENESYSCLOUD_OAUTHCLIENT_SECRET"' in curl
    assert "--data 'grant_type=client_credentials'" in curl


def test_to_curl_get_has_no_data() -> None:
    ex = make(method="GET", url="https://api.x/api/v2/flows?type=digitalbot&pageSize=100", request_body=None)
    curl = ex.to_curl()
    assert curl == "curl -X GET 'https://api.x/api/v2/flows?type=digitalbot&pageSize=100'"


# Exchanges built by the client: cheap to build, read exactly like parsed bodies, no secret kept.


def _graph_text(root: object) -> str:
    """Every str and bytes reachable from ``root`` through containers and slots, joined for searching."""
    seen: set[int] = set()
    found: list[str] = []
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, type):
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            found.append(obj)
        elif isinstance(obj, bytes | bytearray):
            found.append(obj.decode("latin-1"))
        elif not isinstance(obj, int | float | datetime):
            todo.extend(gc.get_referents(obj))
    return "\n".join(found)


async def test_client_exchanges_read_as_parsed_redacted_values(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], exchanges: list[Exchange]
) -> None:
    fake.on(TURNS, httpx.Response(200, json=TURN_OK, headers={"ININ-Correlation-Id": "corr-1"}))
    async with make_client() as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.user_input("hi", "turn-0"))
    token_ex, turn_ex = exchanges
    sent = json_of(fake.seen(TURNS)[0])
    assert turn_ex.request_body == sent and type(turn_ex.request_body) is dict
    assert turn_ex.response_body == TURN_OK and type(turn_ex.response_body) is dict
    assert turn_ex.response_body is turn_ex.response_body  # parsed once, then kept
    assert type(turn_ex.request_headers) is dict and type(turn_ex.response_headers) is dict
    assert turn_ex.request_headers["authorization"] == f"Bearer {REDACTED}"
    assert turn_ex.request_headers["content-type"] == "application/json"
    assert turn_ex.response_headers["inin-correlation-id"] == "corr-1"
    assert turn_ex.correlation_id == "corr-1"
    # The same as an exchange made from plain values, and dataclass tools see the values.
    plain = Exchange(**{f.name: getattr(turn_ex, f.name) for f in dataclasses.fields(Exchange)})
    assert plain == turn_ex and repr(plain) == repr(turn_ex)
    assert dataclasses.replace(turn_ex, duration_ms=1.0).response_body == TURN_OK
    with pytest.raises(dataclasses.FrozenInstanceError):
        turn_ex.response_body = {}  # type: ignore[misc]
    # Token exchanges are redacted when built: nothing secret is kept, read or not.
    assert token_ex.response_body["access_token"] == REDACTED
    for exchange in exchanges:
        held = _graph_text(exchange)
        assert "my-secret" not in held and "tok-1" not in held
        assert base64.b64encode(b"my-client:my-secret").decode() not in held


async def test_a_body_is_parsed_only_when_read() -> None:
    exchange = make(response_body=RawBody(b"{not json", verbatim=True))
    assert exchange.status == 200  # built without looking at the body
    with pytest.raises(ValueError):
        _ = exchange.response_body


async def test_plain_api_bodies_may_be_written_as_they_came(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], exchanges: list[Exchange]
) -> None:
    raw = b'{"id": "turn-1",  "nextActionType" : "WaitForInput", "extraField": {"password": "nested"}}'
    fake.on(TURNS, httpx.Response(200, content=raw, headers={"Content-Type": "application/json"}))
    async with make_client() as client:
        await client.send_turn("s1", TextBotFlowTurnRequest.no_op("turn-0"))
    token_ex, turn_ex = exchanges
    assert turn_ex.body_json_text("response") == raw.decode()
    assert turn_ex.body_json_text("request") == fake.seen(TURNS)[0].content.decode()
    # Redaction hides top-level keys only: a nested one reads the same either way.
    assert turn_ex.response_body == json.loads(raw)
    assert token_ex.body_json_text("request") is None and token_ex.body_json_text("response") is None


@pytest.mark.parametrize(
    "raw",
    [
        b'{"id":"turn-1","nextActionType":"WaitForInput","access_token":"leaked-1"}',
        b'{"id":"turn-1","nextActionType":"WaitForInput","access\\u005ftoken":"leaked-1"}',
        b'{\n  "id": "turn-1",\n  "nextActionType": "WaitForInput",\n  "clientSecret": "leaked-1"\n}',
    ],
    ids=["plain-key", "escaped-key", "pretty-printed"],
)
async def test_secret_keys_in_api_bodies_are_redacted(
    fake: FakeGenesys, make_client: Callable[..., TextbotsClient], exchanges: list[Exchange], raw: bytes
) -> None:
    fake.on(TURNS, httpx.Response(200, content=raw, headers={"Content-Type": "application/json"}))
    request = TextBotFlowTurnRequest.model_validate({"inputEventType": "NoOp", "password": "leaked-2"})
    async with make_client() as client:
        await client.send_turn("s1", request)
    turn_ex = exchanges[-1]
    assert turn_ex.body_json_text("response") is None
    assert turn_ex.body_json_text("request") is None
    assert turn_ex.request_body["password"] == REDACTED
    assert REDACTED in turn_ex.response_body.values()
    exported = json.dumps(turn_ex.to_json()) + turn_ex.to_curl() + repr(turn_ex)
    assert "leaked" not in exported


def test_raw_headers_redact_when_made_and_read_as_a_dict() -> None:
    headers = RawHeaders(
        [
            (b"Authorization", b"Bearer secret-token"),
            (b"Cookie", b"session=abc"),
            (b"X-Name", "Caf\u00e9".encode("latin-1")),
            (b"Accept", b"text/plain"),
            (b"accept", b"application/json"),
        ],
        "iso-8859-1",
    )
    assert "secret-token" not in _graph_text(headers) and "session=abc" not in _graph_text(headers)
    assert headers.first("authorization") == f"Bearer {REDACTED}"
    assert headers.first("accept") == "text/plain"
    assert headers.first("missing") is None
    assert headers.get() == {
        "authorization": f"Bearer {REDACTED}",
        "cookie": REDACTED,
        "x-name": "Caf\u00e9",
        "accept": "application/json",
    }
    assert headers.get() == headers.get() and headers.get() is not headers.get()  # not kept: memory


def test_make_exchange_is_the_dataclass_made_faster() -> None:
    at = datetime(2026, 5, 20, 14, 3, 11, tzinfo=UTC)
    values = ("POST", "http://h/p", "/p", 200, at, 1.5, "c1", {"a": "b"}, {"x": 1}, {}, None, None, 2, 0.5)
    made = make_exchange(*values)
    assert made == Exchange(*values)
    assert [getattr(made, f.name) for f in dataclasses.fields(Exchange)] == list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.status = 500  # type: ignore[misc]


def test_a_raw_url_reads_without_its_password() -> None:
    at = datetime(2026, 5, 20, 14, 3, 11, tzinfo=UTC)
    url = RawUrl("http://user:secret@proxy.local/api/v2/x")
    made = make_exchange("GET", url, "/api/v2/x", 200, at, 1.0, None, {}, None, {}, None, None, 1, None)
    assert made.url == "http://<redacted>@proxy.local/api/v2/x"
    assert "secret" not in repr(made) and "secret" not in made.to_curl()
