"""Outcome and milestone names: resolved through the simulator, cached per connection, ids on any failure."""

from __future__ import annotations

import httpx

from textbots_tui.core.events import SessionEnded
from textbots_tui.core.names import NO_NAMES, FlowNames, ids_of
from textbots_tui.core.params import FlowLaunchParams

from .conftest import ORDER_STATUS, Harness, HarnessFactory

ORDER = FlowLaunchParams(flow_id=ORDER_STATUS, input_variables={"Flow.CustomerName": "Alex"})
TRACKED = "f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13"
SELF_SERVICE = "c2e8f4a6-0b3d-4e7f-9a1c-5d7b9e2f4a68"
CAPTURED = "a4c6e8f0-1b3d-4f5a-9c7e-0d2f4b6a8c35"
FOUND = "b7d9f1a3-5c2e-4a8b-9d0f-1e3a5c7b9d46"
MENU = "e9a1c3b5-7d2f-4a6e-8b0c-3f5d7a9c1e24"


async def track_order(sim: Harness) -> SessionEnded:
    sid = await sim.controller.launch_flow(ORDER)
    await sim.controller.choose(sid, "Track an order")
    await sim.controller.send_text(sid, "12345")
    await sim.controller.choose(sid, "No")
    (ended,) = sim.of(SessionEnded, sid)
    return ended


def name_requests(sim: Harness) -> list[httpx.Request]:
    return [r for r in sim.transport.requests if r.url.path.endswith(("/outcomes", "/milestones"))]


async def test_a_finished_session_gets_its_names_once(sim: Harness) -> None:
    ended = await track_order(sim)
    names = await sim.controller.names.resolve_outcomes(ended.outcomes)
    assert names.outcome(TRACKED) == "Order tracked"
    assert names.outcome(SELF_SERVICE) == "Self-service"
    assert [names.milestone(m) for m in (MENU, CAPTURED, FOUND)] == [
        "Menu answered",
        "Order number captured",
        "Order found",
    ]
    asked = name_requests(sim)
    assert [r.url.path for r in asked] == ["/api/v2/flows/outcomes", "/api/v2/flows/milestones"]
    assert asked[0].url.params.get_list("id") == [SELF_SERVICE, TRACKED]
    # Cached for the connection: a second session with the same outcomes asks nothing.
    again = await track_order(sim)
    assert await sim.controller.names.resolve_outcomes(again.outcomes) == names
    assert len(name_requests(sim)) == 2


async def test_403_shows_ids_and_is_not_asked_again(make_harness: HarnessFactory) -> None:
    async with make_harness(missing_permissions=frozenset({"architect:flowOutcome:view"})) as sim:
        ended = await track_order(sim)
        names = await sim.controller.names.resolve_outcomes(ended.outcomes)
        assert names.outcome(TRACKED) == TRACKED
        assert not names.has_outcome(TRACKED)
        assert names.milestone(FOUND) == "Order found"  # the other permission is there
        assert sim.controller.names.refused == {"outcome"}
        await sim.controller.names.resolve_outcomes(ended.outcomes)
        assert [r.url.path for r in name_requests(sim)] == [
            "/api/v2/flows/outcomes",
            "/api/v2/flows/milestones",
        ]


async def test_any_failure_shows_ids_and_asks_again_later(sim: Harness) -> None:
    ended = await track_order(sim)
    sim.transport.answer = lambda request: (
        httpx.Response(500, json={"message": "boom", "status": 500})
        if request.url.path.endswith(("/outcomes", "/milestones"))
        else None
    )
    names = await sim.controller.names.resolve_outcomes(ended.outcomes)
    assert names == NO_NAMES
    assert names.outcome(TRACKED) == TRACKED
    assert names.milestone(FOUND) == FOUND
    sim.transport.answer = lambda request: (
        httpx.Response(200, text="<html>not the API</html>")
        if request.url.path.endswith("/outcomes")
        else None
    )
    names = await sim.controller.names.resolve_outcomes(ended.outcomes)
    assert names.outcome(TRACKED) == TRACKED
    assert names.milestone(FOUND) == "Order found"
    sim.transport.answer = None
    names = await sim.controller.names.resolve_outcomes(ended.outcomes)
    assert names.outcome(TRACKED) == "Order tracked"


async def test_the_session_is_untouched_by_a_failed_lookup(sim: Harness) -> None:
    sim.transport.answer = lambda request: (
        httpx.Response(403, json={"message": "no", "status": 403, "code": "missing.any.permissions"})
        if request.url.path.endswith(("/outcomes", "/milestones"))
        else None
    )
    ended = await track_order(sim)
    await sim.controller.names.resolve_outcomes(ended.outcomes)
    assert sim.controller.sessions[ended.session_id].state.value == "exited"


def test_unknown_ids_show_as_ids() -> None:
    names = FlowNames({"o": "Paid"}, {})
    assert (names.outcome("o"), names.outcome("x"), names.outcome(None), names.milestone("m")) == (
        "Paid",
        "x",
        "?",
        "m",
    )
    assert ids_of(()) == ([], [])
