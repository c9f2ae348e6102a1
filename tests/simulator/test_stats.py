"""``GET /simulator/stats``: requests counted by kind as they arrive, stale-turn conflicts, lost answers, and
the short rate-limit window that gives bursts of 429."""

from __future__ import annotations

import httpx
import pytest

from textbots_tui.simulator import SimulatorSettings, running_server
from textbots_tui.simulator.stats import request_kind

from .helpers import CHANNEL, FAQ, ORDER_STATUS, FakeClock, open_sim, user_input

SESSIONS = "/api/v2/textbots/botflows/sessions"


@pytest.mark.parametrize(
    ("method", "path", "event", "kind"),
    [
        ("POST", "/oauth/token", None, "token"),
        ("POST", SESSIONS, None, "launch"),
        ("POST", f"{SESSIONS}/abc/turns", "NoOp", "turn NoOp"),
        ("POST", f"{SESSIONS}/abc/turns", "UserInput", "turn"),
        ("POST", "/api/v2/textbots/bots/execute", None, "execute"),
        ("GET", "/api/v2/flows", None, "other"),
        ("POST", "/api/v2/elsewhere", None, "other"),
    ],
)
def test_request_kind(method: str, path: str, event: str | None, kind: str) -> None:
    assert request_kind(method, path, event) == kind


async def test_every_request_is_counted_by_kind_with_its_status() -> None:
    async with open_sim() as sim:
        session_id = await sim.launch(ORDER_STATUS)
        await sim.drain(session_id)
        await sim.say(session_id, "Track an order")
        refused = await sim.http.post(SESSIONS, json={}, headers={"Authorization": "Bearer wrong"})
        assert refused.status_code == 401
        stats = (await sim.http.get("/simulator/stats")).json()
    noops = sum(1 for path, _, body in sim.bodies if path.endswith("/turns")) - 1
    assert stats["requests"] == {"token": 1, "launch": 2, "turn NoOp": noops, "turn": 1}
    assert stats["statuses"]["launch"] == {"200": 1, "401": 1}
    assert stats["staleTurnConflicts"] == 0
    assert stats["lostAnswers"] == 0


async def test_a_turn_sent_twice_is_a_stale_turn_conflict() -> None:
    async with open_sim() as sim:
        session_id = await sim.launch(FAQ)
        waiting = (await sim.drain(session_id))[-1]
        await sim.turn(session_id, user_input("hello"))
        resent = {"previousTurn": {"id": waiting["id"]}, **user_input("hi")}
        again = await sim.turn_response(session_id, resent)
        assert again.status_code == 409
        stats = (await sim.http.get("/simulator/stats")).json()
    assert stats["staleTurnConflicts"] == 1
    assert stats["statuses"]["turn"]["409"] == 1


async def test_a_short_rate_limit_window_gives_bursts_of_429_with_short_waits() -> None:
    clock = FakeClock()
    settings = SimulatorSettings(rate_limit_per_minute=2, rate_limit_window_s=1.0, clock=clock)
    async with open_sim(settings) as sim:
        statuses = [(await sim.http.get("/api/v2/flows", headers=sim.auth)).status_code for _ in range(3)]
        retry_after = (await sim.http.get("/api/v2/flows", headers=sim.auth)).headers["Retry-After"]
        clock.advance(1.0)
        after_the_window = (await sim.http.get("/api/v2/flows", headers=sim.auth)).status_code
    assert statuses == [200, 200, 429]
    assert retry_after == "1"
    assert after_the_window == 200


def test_a_lost_answer_is_processed_and_its_connection_dropped() -> None:
    settings = SimulatorSettings(lost_answer_rate=1.0, seed=3)
    with running_server(settings) as url, httpx.Client(base_url=url) as http:
        token = http.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=("a", "b"))
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        body = {"flow": {"id": FAQ}, "externalSessionId": "", "channel": CHANNEL, "language": ""}
        with pytest.raises(httpx.RemoteProtocolError):
            http.post(SESSIONS, json=body, headers=auth)
        stats = http.get("/simulator/stats").json()
    assert stats["lostAnswers"] == 1
    assert stats["statuses"]["launch"] == {"200": 1}


def test_settings_refuse_a_bad_window_or_rate() -> None:
    with pytest.raises(ValueError, match="rate_limit_window_s must be positive"):
        SimulatorSettings(rate_limit_window_s=0)
    with pytest.raises(ValueError, match="lost_answer_rate must be between 0 and 1"):
        SimulatorSettings(lost_answer_rate=1.5)
