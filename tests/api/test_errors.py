from __future__ import annotations

import httpx
import pytest

from textbots_tui.api import errors as e
from textbots_tui.api import response_errors
from textbots_tui.api.response_errors import error_from_response, retry_after_from

BODY_404 = {
    "status": 404,
    "code": "not.found",
    "message": "The requested operation failed with status 404",
    "contextId": "ctx-404",
    "details": [],
    "errors": [],
}


@pytest.mark.parametrize(
    ("status", "cls", "processed"),
    [
        (400, e.BadRequestError, False),
        (401, e.AuthenticationError, False),
        (403, e.PermissionDeniedError, False),
        (404, e.NotFoundError, False),
        (408, e.RequestTimeoutError, False),
        (409, e.ConflictError, False),
        (413, e.PayloadTooLargeError, False),
        (415, e.UnsupportedMediaTypeError, False),
        (429, e.RateLimitError, False),
        (500, e.ServerError, True),
        (502, e.ServerError, True),
        (503, e.ServerError, False),
        (504, e.ServerError, True),
        (507, e.ServerError, True),
        (418, e.APIStatusError, False),
    ],
)
def test_status_family(status: int, cls: type[e.TextbotsError], processed: bool) -> None:
    err = error_from_response(status, {"message": "boom", "code": "some.code", "status": status})
    assert type(err) is cls
    assert isinstance(err, e.APIStatusError)
    assert isinstance(err, e.TextbotsError)
    assert err.status == status
    assert err.code == "some.code"
    assert err.message == "boom"
    assert str(err) == "boom"
    assert err.may_have_been_processed is processed
    assert err.title
    if cls is not e.APIStatusError:
        assert err.hint


def test_server_titles_are_status_specific() -> None:
    titles = {s: error_from_response(s).title for s in (500, 502, 503, 504, 599)}
    assert titles[503] == "Service unavailable"
    assert titles[504] == "Gateway timeout"
    assert titles[502] == "Bad gateway"
    assert "599" in titles[599]
    assert len(set(titles.values())) == 5


def test_from_httpx_response_takes_body_and_correlation_header() -> None:
    response = httpx.Response(404, json=BODY_404, headers={"ININ-Correlation-Id": "hdr-id"})
    err = error_from_response(response)
    assert isinstance(err, e.NotFoundError)
    # contextId wins over the header: they are normally equal.
    assert err.correlation_id == "ctx-404"
    assert err.body == BODY_404
    assert err.error_body is not None and err.error_body.code == "not.found"

    no_context = httpx.Response(404, json={"message": "gone"}, headers={"ININ-Correlation-Id": "hdr-id"})
    assert error_from_response(no_context).correlation_id == "hdr-id"


def test_plain_dict_headers_are_case_insensitive() -> None:
    err = error_from_response(500, None, {"ININ-Correlation-Id": "abc"})
    assert err.correlation_id == "abc"
    assert err.message == "HTTP 500"


def test_message_with_params_is_filled() -> None:
    err = error_from_response(
        400,
        {"messageWithParams": "Value {v} is not valid for {f}", "messageParams": {"v": "7", "f": "pageSize"}},
    )
    assert err.message == "Value 7 is not valid for pageSize"


def test_oauth_error_body() -> None:
    body = {
        "error": "invalid_client",
        "description": "client not found",
        "error_description": "client not found",
    }
    err = error_from_response(400, body)
    assert err.message == "invalid_client: client not found"


def test_html_error_page_gives_snippet_and_hint() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"
    )
    err = error_from_response(httpx.Response(502, content=page, headers={"content-type": "text/html"}))
    assert isinstance(err, e.ServerError)
    assert err.message == "HTTP 502: 502 Bad Gateway"
    assert "HTML" in err.hint


def test_rate_limit_retry_after_header_then_message() -> None:
    body = {"message": "Rate limit exceeded the maximum. Retry the request in [7] seconds", "status": 429}
    with_header = error_from_response(httpx.Response(429, json=body, headers={"Retry-After": "12"}))
    assert isinstance(with_header, e.RateLimitError)
    assert with_header.retry_after_s == 12.0
    from_message = error_from_response(httpx.Response(429, json=body))
    assert isinstance(from_message, e.RateLimitError)
    assert from_message.retry_after_s == 7.0
    neither = error_from_response(httpx.Response(429, json={"message": "slow down"}))
    assert isinstance(neither, e.RateLimitError)
    assert neither.retry_after_s is None


def test_retry_after_http_date() -> None:
    assert retry_after_from({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, None) == 0.0
    assert retry_after_from({"retry-after": "junk"}, "Retry the request in [3] seconds") == 3.0
    assert retry_after_from(None, "no number here") is None


def test_snippet_is_short_and_one_line() -> None:
    text = "line one\n" + "x" * 500
    out = response_errors.snippet(text)
    assert "\n" not in out
    assert len(out) == response_errors.SNIPPET_CHARS
    assert out.endswith("…")
    assert response_errors.snippet(b"<html><body><p>Hello</p> <b>there</b></body></html>") == "Hello there"


def test_non_status_errors() -> None:
    conn = e.APIConnectionError("refused", may_have_been_processed=False)
    assert conn.status is None and conn.may_have_been_processed is False
    read = e.APITimeoutError("read timeout", may_have_been_processed=True)
    assert isinstance(read, e.APIConnectionError) and read.may_have_been_processed
    invalid = e.InvalidResponseError("not json", status=200)
    assert invalid.may_have_been_processed is True
    assert "RateLimitError" in repr(e.RateLimitError("x", status=429))
