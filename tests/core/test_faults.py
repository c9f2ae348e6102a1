"""Failures never raise and never lose input; one turn at a time; stale turns, rate limits, server errors."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from textbots_tui.api.errors import ConflictError, NotFoundError, ServerError
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    Event,
    ExchangeRecorded,
    Notice,
    SessionChanged,
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.items import UnknownItem
from textbots_tui.core.params import FlowLaunchParams, SessionState
from textbots_tui.core.retry_words import seconds_for_people

from .conftest import FAQ, ORDER_STATUS, Harness, HarnessFactory, body_of, texts

ORDER = FlowLaunchParams(flow_id=ORDER_STATUS)


def is_user_turn(request: httpx.Request) -> bool:
    return request.url.path.endswith("/turns") and body_of(request)["inputEventType"] == "UserInput"


async def test_stale_turn_409_keeps_the_input_and_the_session_open(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    session = sim.controller.session(sid)
    latest = session.last_turn_id
    # Quote an older turn, as a client that missed a response would.
    session.last_turn_id = session.turns[0].turn_id
    await sim.controller.send_text(sid, "track my order")
    (error,) = sim.of(ErrorOccurred)
    assert isinstance(error.error, ConflictError)
    assert error.error.status == 409
    assert (error.unsent_input, error.fatal) == ("track my order", False)
    assert any("stale turn" in notice.message for notice in sim.of(Notice))
    assert not sim.of(UserInputSent)
    assert session.state is SessionState.WAITING
    assert sim.of(SessionChanged)[-1].info.state is SessionState.WAITING
    # The offered choices survive the failure, and the session goes on once the turn id is right again.
    assert [c.payload for c in session.choices] == ["track_order", "return_item", "agent"]
    session.last_turn_id = latest
    await sim.controller.choose(sid, "Track an order")
    assert "order number" in texts(sim.of(BotOutput)[-1])[0]


async def test_rate_limit_is_retried_by_the_client_with_a_notice(make_harness: HarnessFactory) -> None:
    async with make_harness(rate_limit_per_minute=4) as sim:
        sid = await sim.controller.launch_flow(ORDER)  # launch + 2 NoOps
        await sim.controller.choose(sid, "Track an order")  # the 4th request
        await sim.controller.send_text(sid, "12345")  # the 5th: 429, waits, then goes through
        limited = [e.exchange for e in sim.of(ExchangeRecorded) if e.exchange.status == 429]
        assert len(limited) == 1
        assert limited[0].retry_after_s is not None and limited[0].retry_after_s > 0
        assert sim.clock.sleeps == [limited[0].retry_after_s]
        (notice,) = [n for n in sim.of(Notice) if "rate limited" in n.message]
        assert notice.message == f"rate limited, retrying in {seconds_for_people(limited[0].retry_after_s)}"
        assert not sim.of(ErrorOccurred)
        assert sim.of(UserInputSent)[-1].text == "12345"
        assert sim.controller.session(sid).state is SessionState.WAITING
        assert len([t for t in sim.controller.session(sid).turns if t.text == "12345"]) == 1


async def test_server_error_on_a_turn_keeps_the_typed_text_and_is_not_resent(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)

    def fail_user_turns(request: httpx.Request) -> httpx.Response | None:
        if is_user_turn(request):
            return httpx.Response(
                500, json={"status": 500, "code": "internal.server.error", "message": "boom"}
            )
        return None

    sim.transport.answer = fail_user_turns
    await sim.controller.send_text(sid, "where is my parcel")
    (error,) = sim.of(ErrorOccurred)
    assert isinstance(error.error, ServerError) and error.error.status == 500
    assert (error.unsent_input, error.fatal) == ("where is my parcel", False)
    assert sum(1 for r in sim.transport.requests if is_user_turn(r)) == 1  # a 500 may have been processed
    assert sim.controller.session(sid).state is SessionState.WAITING
    # The user tries again once the server is well: it works.
    sim.transport.answer = None
    await sim.controller.send_text(sid, "where is my parcel")
    assert "order number" in texts(sim.of(BotOutput)[-1])[0]


async def test_a_failing_choice_gives_back_its_label(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    sim.transport.answer = lambda r: httpx.Response(500) if is_user_turn(r) else None
    await sim.controller.choose(sid, "agent")
    assert sim.of(ErrorOccurred)[0].unsent_input == "Talk to an agent"


async def test_unavailable_service_is_retried_then_reported_as_fatal_launch(
    make_harness: HarnessFactory,
) -> None:
    async with make_harness(error_rate_503=1.0) as sim:
        sid = await sim.controller.launch_flow(ORDER)
        (error,) = sim.of(ErrorOccurred)
        assert isinstance(error.error, ServerError) and error.error.status == 503
        assert error.fatal
        assert sim.controller.session(sid).state is SessionState.FAILED
        retries = [n.message for n in sim.of(Notice)]
        assert len(retries) == 3  # four attempts, three waits
        assert all(message.startswith("request failed (503), retrying in") for message in retries)
        with pytest.raises(InputRefused, match="failed"):
            await sim.controller.send_text(sid, "hello")


async def test_session_forgotten_by_the_server_is_fatal(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    sim.controller.session(sid).remote_id = "00000000-0000-4000-8000-000000000000"
    await sim.controller.send_text(sid, "hello")
    (error,) = sim.of(ErrorOccurred)
    assert isinstance(error.error, NotFoundError)
    assert error.fatal and error.unsent_input == "hello"
    assert sim.controller.session(sid).state is SessionState.FAILED


async def test_input_is_refused_while_a_turn_is_in_flight(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    sim.transport.hold_when = is_user_turn
    first = asyncio.create_task(sim.controller.send_text(sid, "track my order"))
    await sim.transport.held.wait()
    session = sim.controller.session(sid)
    assert session.state is SessionState.TALKING
    with pytest.raises(InputRefused, match="a turn is in flight"):
        await sim.controller.send_text(sid, "12345")
    with pytest.raises(InputRefused, match="a turn is in flight"):
        await sim.controller.choose(sid, "Track an order")
    with pytest.raises(InputRefused, match="a turn is in flight"):
        await sim.controller.send_event(sid, "NoInput")
    sim.transport.release.set()
    await first
    assert [r for r in sim.transport.requests if is_user_turn(r)] == [sim.transport.requests[-1]]
    assert sim.controller.session(sid).state is SessionState.WAITING
    assert [e.text for e in sim.of(UserInputSent)] == ["track my order"]


async def test_closing_while_the_bot_talks_stops_after_the_response_in_flight(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(FlowLaunchParams(flow_id=FAQ))
    turns_before = len(sim.transport.bodies())
    sim.transport.hold_when = is_user_turn
    turn = asyncio.create_task(sim.controller.send_text(sid, "returns"))
    await sim.transport.held.wait()
    await sim.controller.close(sid)
    sim.transport.release.set()
    await turn
    session = sim.controller.session(sid)
    assert session.state is SessionState.CLOSED
    # The answer in flight is shown; nothing more is drained and the session does not reopen.
    assert sim.names(sid)[-2:] == ["UserInputSent", "BotOutput"]
    assert len(sim.transport.bodies()) == turns_before + 1  # the user's turn, no NoOp after it
    with pytest.raises(InputRefused, match="closed"):
        await sim.controller.send_text(sid, "hello")


async def test_cancelled_turn_does_not_leave_the_session_busy(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    sim.transport.hold_when = is_user_turn
    turn = asyncio.create_task(sim.controller.send_text(sid, "track my order"))
    await sim.transport.held.wait()
    turn.cancel()
    with pytest.raises(asyncio.CancelledError):
        await turn
    session = sim.controller.session(sid)
    assert not session.in_flight
    assert session.state is SessionState.WAITING


async def test_close_restart_and_rename(sim: Harness) -> None:
    params = FlowLaunchParams(flow_id=ORDER_STATUS, input_variables={"Flow.CustomerName": "Sam"})
    sid = await sim.controller.launch_flow(params)
    await sim.controller.rename(sid, "  Sam's order  ")
    assert sim.of(SessionChanged)[-1].info.name == "Sam's order"
    with pytest.raises(InputRefused, match="empty"):
        await sim.controller.rename(sid, "   ")
    new_sid = await sim.controller.restart(sid)
    assert new_sid != sid
    old, new = sim.controller.session(sid), sim.controller.session(new_sid)
    assert old.state is SessionState.CLOSED
    assert (new.params, new.name, new.state) == (params, "Sam's order", SessionState.WAITING)
    assert new.remote_id != old.remote_id
    assert texts(sim.of(BotOutput, new_sid)[0]) == ["Hi Sam, welcome to Acme Support."]
    assert list(sim.controller.sessions) == [sid, new_sid]
    with pytest.raises(InputRefused, match="closed"):
        await sim.controller.send_text(sid, "hello")
    await sim.controller.close(new_sid)
    await sim.controller.close(new_sid)  # closing twice is harmless
    assert new.state is SessionState.CLOSED
    with pytest.raises(KeyError, match="no session 'nope'"):
        sim.controller.session("nope")


async def test_a_listener_that_raises_does_not_break_the_controller(sim: Harness) -> None:
    seen: list[Event] = []

    def broken(event: Event) -> None:
        raise RuntimeError("listener bug")

    sim.controller.subscribe(broken)
    unsubscribe = sim.controller.subscribe(seen.append)
    sid = await sim.controller.launch_flow(ORDER)
    assert sim.controller.session(sid).state is SessionState.WAITING
    assert seen == sim.events[-len(seen) :] and isinstance(seen[-1], WaitingForInput)
    unsubscribe()
    unsubscribe()
    await sim.controller.choose(sid, "Return an item")
    assert not any(isinstance(e, UserInputSent) for e in seen)
    assert sim.of(UserInputSent)


async def test_unknown_content_reaches_the_view_as_raw_json(sim: Harness) -> None:
    hologram = {"contentType": "Hologram", "hologram": {"frames": 3}}
    typing = {"text": "", "type": "MessageEvent", "events": [{"eventType": "Typing"}]}

    def add_unknown_content(request: httpx.Request, data: Any) -> Any:
        if request.url.path.endswith("/turns") and data.get("prompts"):
            segments = data["prompts"]["textPrompts"]["segments"]
            segments.insert(0, typing)
            segments.append({"text": "", "type": "RichMedia", "content": [hologram]})
        return data

    sim.transport.rewrite = add_unknown_content
    await sim.controller.launch_flow(ORDER)
    first = sim.of(BotOutput)[0]
    assert first.items[0] == UnknownItem("MessageEvent", typing)
    assert first.items[-1] == UnknownItem("Hologram", hologram)
    assert texts(first) == ["Hi there, welcome to Acme Support."]


async def test_latency_is_the_round_trip_of_the_turn(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    session = sim.controller.session(sid)
    turn_exchanges = [x for x in session.exchanges if x.path.endswith("/turns")]
    outputs = sim.of(BotOutput)
    assert [o.latency_ms for o in outputs] == [x.duration_ms for x in turn_exchanges]
    assert [t.latency_ms for t in session.turns] == [x.duration_ms for x in turn_exchanges]
    assert all(x.request_headers.get("authorization") == "Bearer <redacted>" for x in turn_exchanges)
