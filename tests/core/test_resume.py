"""A NoOp that fails mid-chain: the session resumes with the next input instead of getting 409 forever."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.errors import APIConnectionError, ServerError
from textbots_tui.api.retry import RetryPolicy
from textbots_tui.core.controller import Controller
from textbots_tui.core.errors import InputRefused, SessionStateUnknownError
from textbots_tui.core.events import (
    BotOutput,
    ErrorOccurred,
    Event,
    Notice,
    SessionEnded,
    UserInputSent,
    WaitingForInput,
)
from textbots_tui.core.flow_turns import PENDING_NOTICE
from textbots_tui.core.items import Choice
from textbots_tui.core.params import FlowLaunchParams, SessionState
from textbots_tui.simulator import SimulatorSettings, create_app

from .conftest import API_URL, FAQ, ORDER_STATUS, Harness, HarnessFactory, texts

ORDER = FlowLaunchParams(flow_id=ORDER_STATUS)
HELP = FlowLaunchParams(flow_id=FAQ)

Answer = Callable[[httpx.Request], httpx.Response | None]


def fail_turns(first: int, count: int, fail: Callable[[httpx.Request], httpx.Response]) -> Answer:
    """Fail the ``first``-th (from 1) ``/turns`` request and the ``count - 1`` after it; pass the rest."""
    seen = 0

    def answer(request: httpx.Request) -> httpx.Response | None:
        nonlocal seen
        if not request.url.path.endswith("/turns"):
            return None
        seen += 1
        return fail(request) if first <= seen < first + count else None

    return answer


def unavailable(request: httpx.Request) -> httpx.Response:
    return httpx.Response(503, json={"status": 503, "code": "service.unavailable", "message": "busy"})


def refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def turn_bodies(sim: Harness) -> list[tuple[str, str | None]]:
    """Every turn request that reached the simulator: (inputEventType, previousTurn id)."""
    return [
        (body["inputEventType"], (body.get("previousTurn") or {}).get("id"))
        for body in sim.transport.bodies()
    ]


def shown(events: list[Event]) -> list[str]:
    """What a chat view shows, in order: bot texts, the user's inputs, waits and ends."""
    out: list[str] = []
    for event in events:
        if isinstance(event, BotOutput):
            out.extend(f"bot: {text}" for text in texts(event))
        elif isinstance(event, UserInputSent):
            out.append(f"user: {event.text}")
        elif isinstance(event, WaitingForInput):
            out.append("waits")
        elif isinstance(event, SessionEnded):
            out.append(f"{event.how}: {event.reason}")
    return out


async def test_a_failed_start_resumes_with_the_first_input(sim: Harness) -> None:
    # The launch's NoOp start gets 503 on all four attempts the client makes.
    sim.transport.answer = fail_turns(1, 4, unavailable)
    sid = await sim.controller.launch_flow(ORDER)
    session = sim.controller.session(sid)
    (error,) = sim.of(ErrorOccurred)
    assert isinstance(error.error, ServerError) and error.error.status == 503
    assert not error.fatal
    assert session.state is SessionState.WAITING and session.pending_noop
    assert PENDING_NOTICE in [n.message for n in sim.of(Notice)]
    assert not sim.of(BotOutput)

    sim.events.clear()
    await sim.controller.send_text(sid, "track my order")
    # The start went again (no previous turn yet), the greeting came, then the user's text.
    assert shown(sim.events) == [
        "bot: Hi there, welcome to Acme Support.",
        "bot: What can I help you with today?",
        "waits",
        "user: track my order",
        "bot: Sure - what is your order number? It's the 5-digit number in your confirmation email.",
        "waits",
    ]
    assert not sim.of(ErrorOccurred)
    assert not session.pending_noop
    assert [t.input_type for t in session.turns] == ["NoOp", "NoOp", "UserInput"]


async def test_a_noop_failing_mid_chain_is_resent_from_the_last_good_turn(sim: Harness) -> None:
    # The help centre talks over three turns (start, NoOp, NoOp); the second NoOp cannot connect.
    sim.transport.answer = fail_turns(3, 4, refused)
    sid = await sim.controller.launch_flow(HELP)
    session = sim.controller.session(sid)
    (error,) = sim.of(ErrorOccurred)
    assert isinstance(error.error, APIConnectionError) and not error.fatal
    assert session.state is SessionState.WAITING and session.pending_noop
    last_good = session.last_turn_id
    assert last_good == session.turns[-1].turn_id and len(session.turns) == 2
    before = shown(sim.events)

    await sim.controller.resume(sid)
    assert [body for body in turn_bodies(sim)][-1] == ("NoOp", last_good)
    assert shown(sim.events)[len(before) :] == ["bot: What would you like to know?", "waits"]
    assert session.state is SessionState.WAITING and not session.pending_noop
    assert len(sim.of(ErrorOccurred)) == 1
    with pytest.raises(InputRefused, match="nothing to resume"):
        await sim.controller.resume(sid)
    # The conversation goes on as if nothing had happened.
    await sim.controller.send_text(sid, "returns")
    assert "within 30 days for a full refund" in " ".join(texts(*sim.of(BotOutput)))


async def test_the_input_waits_for_the_resumed_noop_and_is_given_back_if_it_fails_again(
    sim: Harness,
) -> None:
    sim.transport.answer = fail_turns(2, 8, unavailable)  # the NoOp after the start, and its resend
    sid = await sim.controller.launch_flow(HELP)
    session = sim.controller.session(sid)
    await sim.controller.send_text(sid, "returns")
    errors = sim.of(ErrorOccurred)
    assert len(errors) == 2
    assert (errors[1].unsent_input, errors[1].fatal) == ("returns", False)
    assert not sim.of(UserInputSent)
    assert all(kind == "NoOp" for kind, _ in turn_bodies(sim))  # the user's turn never went out
    assert session.pending_noop and session.state is SessionState.WAITING
    # Third time lucky: the NoOp, then the user's text, each sent once.
    sim.transport.answer = None
    failed_so_far = len(turn_bodies(sim))
    await sim.controller.send_text(sid, "returns")
    assert [kind for kind, _ in turn_bodies(sim)][failed_so_far:] == [
        "NoOp",
        "NoOp",
        "UserInput",
        "NoOp",
        "NoOp",
    ]
    assert [e.text for e in sim.of(UserInputSent)] == ["returns"]
    assert "within 30 days for a full refund" in " ".join(texts(*sim.of(BotOutput)))


async def test_a_choice_and_an_event_also_resume_first(sim: Harness) -> None:
    sid = await sim.controller.launch_flow(ORDER)
    session = sim.controller.session(sid)
    sim.transport.answer = fail_turns(2, 4, unavailable)  # the NoOp after the answer to the choice
    await sim.controller.choose(sid, "Return an item")
    assert session.pending_noop
    sim.transport.answer = None
    sim.events.clear()
    # The menu that ends the chain is not there yet; a choice given as a Choice goes once the flow waits.
    await sim.controller.choose(sid, Choice("No", "no"))
    assert shown(sim.events) == [
        "bot: Is there anything else I can help with?",
        "waits",
        "user: No",
        "bot: Thanks for contacting Acme. Goodbye!",
        "exit: TriggeredByFlow",
    ]
    assert turn_bodies(sim)[-2:] == [
        ("NoOp", session.turns[-3].turn_id),
        ("UserInput", session.turns[-2].turn_id),
    ]

    sim.transport.answer = fail_turns(1, 4, unavailable)  # the next flow's start
    help_sid = await sim.controller.launch_flow(HELP)
    sim.transport.answer = None
    await sim.controller.send_event(help_sid, "UserDisconnect")
    help_session = sim.controller.session(help_sid)
    assert [t.input_type for t in help_session.turns] == ["NoOp", "NoOp", "NoOp", "UserDisconnect"]
    assert help_session.state is SessionState.DISCONNECTED


async def test_the_flow_ending_while_resuming_refuses_the_input(sim: Harness) -> None:
    sim.transport.answer = fail_turns(2, 4, unavailable)
    sid = await sim.controller.launch_flow(HELP)
    sim.transport.answer = None
    # Idle past the simulator's session timeout: the resent NoOp is answered with Disconnect.
    sim.clock.now += 3600
    with pytest.raises(InputRefused, match=r"disconnected \(SessionExpired\).*'returns' was not sent"):
        await sim.controller.send_text(sid, "returns")
    session = sim.controller.session(sid)
    assert session.state is SessionState.DISCONNECTED
    assert not sim.of(UserInputSent)
    assert [kind for kind, _ in turn_bodies(sim)][-1] == "NoOp"


@pytest.mark.parametrize(
    ("fail", "status"),
    [
        (lambda r: httpx.Response(500, json={"status": 500, "code": "internal.server.error"}), 500),
        (lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("no answer", request=r)), None),
    ],
    ids=["500", "read-timeout"],
)
async def test_a_noop_the_server_may_have_processed_is_never_resent(
    sim: Harness, fail: Callable[[httpx.Request], httpx.Response], status: int | None
) -> None:
    sim.transport.answer = fail_turns(2, 1, fail)
    sid = await sim.controller.launch_flow(HELP)
    session = sim.controller.session(sid)
    (error,) = sim.of(ErrorOccurred)
    assert isinstance(error.error, SessionStateUnknownError)
    assert error.error.title == "Session state unknown"
    assert "Restart the session" in error.error.hint
    assert "may have processed" in error.error.message
    assert error.error.status == status and error.error.exchange is not None
    assert error.fatal and session.state is SessionState.FAILED
    sent = len(sim.transport.bodies())
    assert sent == 2  # the start and the failed NoOp: not retried by the client, not resent by the controller
    with pytest.raises(InputRefused, match="failed"):
        await sim.controller.send_text(sid, "returns")
    with pytest.raises(InputRefused, match="failed"):
        await sim.controller.resume(sid)
    assert len(sim.transport.bodies()) == sent
    # Restarting is the way on.
    new_sid = await sim.controller.restart(sid)
    assert sim.controller.session(new_sid).state is SessionState.WAITING


async def test_a_stalled_flow_while_resuming_gives_the_input_back(make_harness: HarnessFactory) -> None:
    async with make_harness(max_noop_turns=1) as sim:
        sim.transport.answer = fail_turns(1, 4, unavailable)
        sid = await sim.controller.launch_flow(HELP)
        sim.transport.answer = None
        await sim.controller.send_text(sid, "returns")
        error = sim.of(ErrorOccurred)[-1]
        assert error.fatal and error.unsent_input == "returns"
        assert sim.controller.session(sid).state is SessionState.FAILED


async def converse(seed: int, error_rate: float) -> tuple[list[str], int]:
    """The help centre, start to goodbye, with no client retries: each refused request is tried again by
    hand, as a user would. Returns what the chat showed and how many NoOps were resumed."""
    app = create_app(SimulatorSettings(seed=seed, error_rate_503=error_rate))
    async with TextbotsClient(
        api_url=API_URL,
        client_id="demo",
        client_secret="demo",
        transport=httpx.ASGITransport(app=app),
        retry=RetryPolicy(max_attempts=1),
    ) as client:
        controller = Controller(client)
        events: list[Event] = []
        controller.subscribe(events.append)
        sid = await controller.launch_flow(HELP)
        while controller.session(sid).state is SessionState.FAILED:
            sid = await controller.restart(sid)  # the launch itself was refused
        for text in ("returns", "opening hours", "bye"):
            for _ in range(50):
                sent = sum(1 for e in events if isinstance(e, UserInputSent) and e.session_id == sid)
                await controller.send_text(sid, text)
                if sum(1 for e in events if isinstance(e, UserInputSent) and e.session_id == sid) > sent:
                    break
            else:
                raise AssertionError(f"{text!r} never got through")
        assert controller.session(sid).state is SessionState.DISCONNECTED
        assert not any(e.fatal for e in events if isinstance(e, ErrorOccurred) and e.session_id == sid)
        resumed = sum(1 for e in events if isinstance(e, Notice) and e.message == PENDING_NOTICE)
        return shown([e for e in events if e.session_id == sid]), resumed


async def test_random_503s_never_change_the_conversation() -> None:
    """Wherever a third of the requests are refused, resuming gives exactly the fault-free chat."""
    clean, _ = await converse(0, 0.0)
    assert clean[-1] == "disconnect: TriggeredByFlow"
    resumed = 0
    for seed in range(6):
        faulty, count = await converse(seed, 0.34)
        assert faulty == clean, seed
        resumed += count
    assert resumed >= 3  # the seeds do hit NoOp chains, not only user turns


async def test_a_noop_cancelled_mid_request_is_never_resent(sim: Harness) -> None:
    seen = 0

    def second_turn(request: httpx.Request) -> bool:
        nonlocal seen
        seen += request.url.path.endswith("/turns")
        return seen == 2

    sim.transport.hold_when = second_turn
    launch = asyncio.create_task(sim.controller.launch_flow(HELP))
    await sim.transport.held.wait()
    launch.cancel()
    with pytest.raises(asyncio.CancelledError):
        await launch
    (session,) = sim.controller.sessions.values()
    assert session.state is SessionState.FAILED and not session.in_flight
    assert "cancelled" in sim.of(Notice)[-1].message
    with pytest.raises(InputRefused, match="failed"):
        await sim.controller.send_text(session.session_id, "returns")
    assert len(sim.transport.bodies()) == 2
