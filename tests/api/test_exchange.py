from __future__ import annotations

import json
import shlex
from datetime import UTC, datetime

from textbots_tui.api.exchange import REDACTED, Exchange, redact_body, redact_headers


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
