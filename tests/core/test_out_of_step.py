"""Any 4xx on a turn says the session is out of step; 400 and 404 on launch read alike; no transport
exception leaves a session launching or talking."""

from __future__ import annotations

import httpx
import pytest

from textbots_tui.core.errors import LAUNCH_REFUSED_TITLE, OUT_OF_STEP_TITLE
from textbots_tui.core.events import ErrorOccurred, Notice
from textbots_tui.core.params import FlowLaunchParams, SessionState

from .conftest import ORDER_STATUS, Harness, body_of

ORDER = FlowLaunchParams(flow_id=ORDER_STATUS)


def is_user_turn(request: httpx.Request) -> bool:
    return request.url.path.endswith("/turns") and body_of(request)["inputEventType"] == "UserInput"


def refusal(status: int) -> httpx.Response:
    return httpx.Response(
        status,
        json={
            "status": status,
            "code": "bad.turn",
            "message": "previousTurn is not the latest",
            "contextId": "ctx-9",
        },
    )


@pytest.mark.parametrize("status", [400, 409, 410, 422])
async def test_a_4xx_on_a_user_turn_is_out_of_step_and_never_retried(sim: Harness, status: int) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    sim.transport.answer = lambda r: refusal(status) if is_user_turn(r) else None
    await sim.controller.send_text(sid, "track my order")
    (occurred,) = sim.of(ErrorOccurred)
    error = occurred.error
    assert error.title == OUT_OF_STEP_TITLE
    assert (error.status, error.code, error.message, error.correlation_id) == (
        status,
        "bad.turn",
        "previousTurn is not the latest",
        "ctx-9",
    )
    assert not error.may_have_been_processed
    assert occurred.unsent_input == "track my order"  # refused, so it may go again as typed
    assert sum(1 for r in sim.transport.requests if is_user_turn(r)) == 1
    assert any("out of step" in n.message for n in sim.of(Notice))
    assert sim.controller.session(sid).state is SessionState.WAITING


@pytest.mark.parametrize("status", [401, 403, 413])
async def test_other_4xx_keep_their_own_meaning(sim: Harness, status: int) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    sim.transport.answer = lambda r: refusal(status) if is_user_turn(r) else None
    await sim.controller.send_text(sid, "track my order")
    assert sim.of(ErrorOccurred)[0].error.title != OUT_OF_STEP_TITLE


@pytest.mark.parametrize("status", [400, 404])
async def test_400_and_404_on_launch_read_alike(sim: Harness, status: int) -> None:
    sim.transport.answer = lambda r: refusal(status) if r.url.path.endswith("/sessions") else None
    sid = await sim.controller.launch_flow(ORDER)
    (occurred,) = sim.of(ErrorOccurred)
    assert occurred.error.title == LAUNCH_REFUSED_TITLE
    assert "flow id" in occurred.error.hint
    assert occurred.error.correlation_id == "ctx-9"
    assert sim.controller.session(sid).state is SessionState.FAILED


def overflow(request: httpx.Request) -> httpx.Response:
    raise OverflowError("getsockaddrarg: port must be 0-65535.")


async def test_a_transport_exception_on_launch_fails_the_session(sim: Harness) -> None:
    sim.transport.answer = lambda r: overflow(r) if r.url.path.endswith("/sessions") else None
    sid = await sim.controller.launch_flow(ORDER)
    (occurred,) = sim.of(ErrorOccurred)
    assert "OverflowError" in occurred.error.message
    assert sim.controller.session(sid).state is SessionState.FAILED


async def test_a_transport_exception_on_a_turn_leaves_the_session_usable(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    sim.transport.answer = lambda r: overflow(r) if is_user_turn(r) else None
    await sim.controller.send_text(sid, "track my order")
    (occurred,) = sim.of(ErrorOccurred)
    assert occurred.error.may_have_been_processed
    session = sim.controller.session(sid)
    assert session.state is SessionState.WAITING and not session.in_flight
