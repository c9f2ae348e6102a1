"""The journal's line encoder writes what the codec writes (pydantic-core instead of the json module)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from textbots_tui.api.errors import ConflictError
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
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.items import (
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    TextItem,
    TimeSlot,
    UnknownItem,
)
from textbots_tui.core.journal import register_codecs
from textbots_tui.core.line_encoder import LineEncoder
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionInfo, SessionState
from textbots_tui.core.sessions import Turn

register_codecs()

AT = datetime(2026, 5, 20, 14, 3, 11, 482000, tzinfo=UTC)
EXCHANGE = Exchange(
    "POST",
    "http://simulator.local/api/v2/textbots/botflows/sessions/x/turns",
    "/api/v2/textbots/botflows/sessions/x/turns",
    200,
    AT,
    3.25,
    request_headers=RawHeaders([(b"Authorization", b"Bearer secret-token")]),  # type: ignore[arg-type]
    request_body=RawBody(b'{"inputEventType":"NoOp"}', verbatim=True),
    response_body=RawBody(b'{"id": "t1",  "note": "caf\xc3\xa9 \\u00e9"}', verbatim=True),
)
CHOICE = Choice("Morning", "am", group="When?")
SAMPLES: list[Any] = [
    BotOutput(
        "s1",
        (
            TextItem("Hi \u2028 there"),
            ChoicesItem((CHOICE,), title="When?"),
            CarouselItem((CardItem("Eye Test", actions=(CardAction("What to expect", "link", url="u"),)),)),
            DatePickerItem(title="Day", available_times=(TimeSlot("2026-05-21T09:00:00Z", 28800),)),
            UnknownItem("Hologram", {"_type": "BotOutput", "frames": [1, 2.5, None], "n": {"a": True}}),
        ),
        turn_id="t1",
        latency_ms=12.5,
        slots={"size": "M"},
        at=AT,
    ),
    SessionChanged("s1", info=SessionInfo("s1", "flow", "Order", SessionState.EXITED, 4, AT), at=AT),
    SessionEnded(
        "s1",
        how="exit",
        reason="TriggeredByFlow",
        flow_location=FlowLocation("Exit Bot Flow", 14, "Main Menu"),
        output_variables={"Flow.Items": ["a", "b"], "Flow.N": 1},
        outcomes=(Outcome("o1", "SUCCESS", milestones=(Milestone("m1", "2026-05-20T14:03:40Z", 1),)),),
        at=AT,
    ),
    WaitingForInput("s1", "t2", choices=(CHOICE,), language_preferences=("en-us",), at=AT),
    UserInputSent("s1", "Morning", "UserInput", choice=CHOICE, at=AT),
    ExchangeRecorded("s1", exchange=EXCHANGE, at=AT),
    ErrorOccurred("s1", error=ConflictError("stale", status=409, exchange=EXCHANGE), unsent_input="x", at=AT),
    ErrorOccurred("s1", error=FlowStalledError(50), at=AT),
    Turn(3, "UserInput", AT, 1.5, text="hi", turn_id="t3", next_action="WaitForInput"),
    FlowLaunchParams("f1", input_variables={"Flow.IsVip": True}, choice_mode="rich_media"),
    BotParams("b1", "i1", bot_channels=("Messaging",), amazon_lex={"sessionAttributes": {"t": "g"}}),
    {"line": "step", "events": [codec.RawJSON('{"a":  1}'), codec.RawJSON("[1, 2]")], "n": (1, 2)},
]


@pytest.mark.parametrize("value", SAMPLES, ids=lambda value: type(value).__name__)
def test_it_writes_what_the_codec_writes(value: Any) -> None:
    line = LineEncoder().encode(value)
    assert json.loads(line) == json.loads(codec.dumps(value))
    assert b"\n" not in line and b"secret-token" not in line


def test_raw_json_is_spliced_in_as_it_came() -> None:
    line = LineEncoder().encode(ExchangeRecorded("s1", exchange=EXCHANGE, at=AT))
    assert b'"response_body":{"id": "t1",  "note": "caf\xc3\xa9 \\u00e9"}' in line
    back = codec.decode_tagged(json.loads(line))
    assert back.exchange == EXCHANGE


def test_strings_that_look_like_placeholders_stay_data() -> None:
    # The mark holds a random token no data can know: nothing short of it passes for a placeholder.
    lookalikes = ["\x000#0", codec.FRAGMENT_MARK + "0", codec._MARK[:-1] + "0", "#0"]
    line = LineEncoder().encode({"texts": lookalikes, "raw": codec.RawJSON('{"a": 1}')})
    assert json.loads(line) == {"texts": lookalikes, "raw": {"a": 1}}


def test_a_lone_surrogate_is_written_as_the_json_module_writes_it() -> None:
    # pydantic-core refuses a lone surrogate (it came from a JSON escape): the json module writes it.
    value = {"text": "half \ud83d pair", "raw": codec.RawJSON('{"b": 2}')}
    line = LineEncoder().encode(value)
    assert line == b'{"text":"half \\ud83d pair","raw":{"b": 2}}'
    assert json.loads(line) == {"text": "half \ud83d pair", "raw": {"b": 2}}


def test_an_override_encodes_its_class_exactly() -> None:
    encoder = LineEncoder()
    encoder.override(UserInputSent, encoder.dataclass_encoder(UserInputSent, leave_out=("session_id", "at")))
    line = encoder.encode([UserInputSent("s1", "Morning", "UserInput", choice=CHOICE, at=AT)])
    (written,) = json.loads(line)
    assert "session_id" not in written and "at" not in written
    assert written["choice"] == json.loads(codec.dumps(CHOICE))
