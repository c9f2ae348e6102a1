"""The journal's JSON codec rebuilds every event exactly (tuples, enums, datetimes, raw JSON, errors)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from textbots_tui.api.errors import ConflictError, RateLimitError, TextbotsError
from textbots_tui.api.exchange import Exchange, RawBody, RawHeaders
from textbots_tui.core import codec
from textbots_tui.core.errors import FlowStalledError
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    ExchangeRecorded,
    FlowLocation,
    Milestone,
    Outcome,
    SessionChanged,
    SessionEnded,
    WaitingForInput,
)
from textbots_tui.core.items import (
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    LocationItem,
    TextItem,
    TimeSlot,
    UnknownItem,
)
from textbots_tui.core.journal import register_codecs
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionInfo, SessionState

register_codecs()  # what a journal does before it writes or reads

AT = datetime(2026, 5, 20, 14, 3, 11, 482000, tzinfo=UTC)


def round_trip(value: object, hint: object) -> object:
    return codec.decode(json.loads(codec.dumps(value)), hint)


def test_bot_output_with_every_item_kind() -> None:
    event = BotOutput(
        "s1",
        (
            TextItem("Hi"),
            ChoicesItem((Choice("Morning", "am", group="When?"),), title="When?"),
            CarouselItem((CardItem("Eye Test", actions=(CardAction("What to expect", "link", url="u"),)),)),
            DatePickerItem(title="Day", available_times=(TimeSlot("2026-05-21T09:00:00Z", 28800),)),
            LocationItem(text="Store", latitude=53.48),
            # Raw JSON keeps lists as lists, and a key that looks like the codec's tag stays data.
            UnknownItem("Hologram", {"_type": "BotOutput", "frames": [1, 2], "nested": {"a": [None]}}),
        ),
        turn_id="t1",
        latency_ms=12.5,
        language="en-us",
        at=AT,
    )
    assert codec.decode_tagged(json.loads(codec.dumps(event))) == event


def test_session_events_with_enums_and_nested_values() -> None:
    info = SessionInfo(
        "s1", "flow", "Order Status", SessionState.EXITED, 4, AT, remote_id="r1", end_reason="x"
    )
    changed = SessionChanged("s1", info=info, at=AT)
    ended = SessionEnded(
        "s1",
        how="exit",
        reason="TriggeredByFlow",
        flow_location=FlowLocation("Exit Bot Flow", 14, "Main Menu"),
        output_variables={"Flow.OrderNumber": "12345", "Flow.Items": ["a", "b"]},
        outcomes=(Outcome("o1", "SUCCESS", milestones=(Milestone("m1", "2026-05-20T14:03:40Z", 1),)),),
        at=AT,
    )
    waiting = WaitingForInput("s1", "t2", choices=(Choice("Yes", "yes"),), no_input_timeout_ms=300000, at=AT)
    for event in (changed, ended, waiting):
        assert codec.decode_tagged(json.loads(codec.dumps(event))) == event
    decoded = codec.decode_tagged(json.loads(codec.dumps(changed)))
    assert decoded.info.state is SessionState.EXITED


def test_params_round_trip() -> None:
    flow = FlowLaunchParams(
        "f1", input_variables={"Flow.IsVip": True, "Flow.List": [1]}, choice_mode="rich_media"
    )
    bot = BotParams(
        "b1", "i1", bot_channels=("Messaging",), amazon_lex={"sessionAttributes": {"tier": "gold"}}
    )
    assert round_trip(flow, FlowLaunchParams | BotParams) == flow
    assert round_trip(bot, FlowLaunchParams | BotParams) == bot


def test_exchange_and_errors_round_trip() -> None:
    exchange = Exchange(
        "POST",
        "http://simulator.local/api/v2/textbots/botflows/sessions/x/turns",
        "/api/v2/textbots/botflows/sessions/x/turns",
        409,
        AT,
        3.25,
        correlation_id="c1",
        request_headers={"authorization": "Bearer <redacted>"},
        request_body={"inputEventType": "UserInput"},
        response_body={"status": 409, "code": "conflict"},
    )
    recorded = ExchangeRecorded("s1", exchange=exchange, at=AT)
    assert codec.decode_tagged(json.loads(codec.dumps(recorded))) == recorded

    conflict = ConflictError(
        "stale turn", status=409, code="conflict", correlation_id="c1", exchange=exchange
    )
    event = ErrorOccurred("s1", error=conflict, unsent_input="12345", at=AT)
    back = codec.decode_tagged(json.loads(codec.dumps(event)))
    assert isinstance(back.error, ConflictError)
    assert (back.error.message, back.error.status, back.error.code, back.error.title) == (
        "stale turn",
        409,
        "conflict",
        "Conflict",
    )
    assert back.error.exchange == exchange
    assert back.unsent_input == "12345"

    limited = round_trip(RateLimitError("slow down", retry_after_s=7.0, status=429), TextbotsError)
    assert isinstance(limited, RateLimitError) and limited.retry_after_s == 7.0
    stalled = round_trip(FlowStalledError(50), TextbotsError)
    assert isinstance(stalled, FlowStalledError) and stalled.turns == 50
    assert "after 50 turns" in stalled.message


def test_odd_values_inside_raw_json_still_serialise() -> None:
    class Headers(dict[str, str]):
        pass

    odd = ExchangeRecorded(
        "s1",
        exchange=Exchange(
            "GET",
            "u",
            "/p",
            200,
            AT,
            1.0,
            request_headers=Headers(accept="json"),
            response_body={"t": (1, 2)},
        ),
        at=AT,
    )
    back = codec.decode_tagged(json.loads(codec.dumps(odd)))
    assert back.exchange.request_headers == {"accept": "json"}
    assert back.exchange.response_body == {"t": [1, 2]}


def test_raw_json_is_spliced_in_as_it_is() -> None:
    fragments = [codec.RawJSON(f'{{"n": {n},  "spaced" : true}}') for n in range(12)]
    text = codec.dumps({"items": fragments, "last": codec.RawJSON("[1, 2]")})
    # Written exactly as given (spacing kept), each in its own place.
    assert text.startswith('{"items":[{"n": 0,  "spaced" : true},{"n": 1,')
    assert text.endswith('{"n": 11,  "spaced" : true}],"last":[1, 2]}')
    assert json.loads(text)["items"][10] == {"n": 10, "spaced": True}


def test_strings_that_look_like_placeholders_stay_data() -> None:
    lookalikes = ["\x000#0", "\x00" + "0" * 16 + "#0", "#0", codec._MARK[:-1]]
    value = {"texts": lookalikes, "raw": codec.RawJSON('{"a": 1}')}
    assert json.loads(codec.dumps(value)) == {"texts": lookalikes, "raw": {"a": 1}}


def test_journal_copies_vouched_api_bodies_and_reads_them_back() -> None:
    request = b'{"inputEventType":"NoOp"}'
    response = b'{"id": "t1",   "nextActionType": "WaitForInput", "note": "caf\xc3\xa9 \\u00e9"}'
    exchange = Exchange(
        "POST",
        "http://simulator.local/api/v2/textbots/botflows/sessions/x/turns",
        "/api/v2/textbots/botflows/sessions/x/turns",
        200,
        AT,
        3.25,
        request_headers=RawHeaders([(b"Authorization", b"Bearer secret-token")]),  # type: ignore[arg-type]
        request_body=RawBody(request, verbatim=True),
        response_body=RawBody(response, verbatim=True),
    )
    line = codec.dumps(ExchangeRecorded("s1", exchange=exchange, at=AT))
    assert request.decode() in line and response.decode() in line  # as they came, not re-dumped
    assert "secret-token" not in line
    back = codec.decode_tagged(json.loads(line))
    assert back.exchange == exchange
    assert back.exchange.response_body["note"] == "café é"
    assert back.exchange.request_headers == {"authorization": "Bearer <redacted>"}


def test_journal_writes_the_redacted_value_of_bodies_not_vouched_for() -> None:
    body = b'{"id": "t1", "access_token": "secret-token"}'
    for raw in (RawBody(body), RawBody(body.replace(b", ", b",\n"), verbatim=True)):
        exchange = Exchange("POST", "u", "/p", 200, AT, 1.0, response_body=raw)
        line = codec.dumps(ExchangeRecorded("s1", exchange=exchange, at=AT))
        assert "secret-token" not in line and "\n" not in line
        back = codec.decode_tagged(json.loads(line))
        assert back.exchange.response_body == {"id": "t1", "access_token": "<redacted>"}
