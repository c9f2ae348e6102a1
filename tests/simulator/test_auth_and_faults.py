"""OAuth client credentials, bearer-token checks, and fault injection (rate limit, 503s, latency)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from textbots_tui.simulator import SimulatorSettings, create_app

from .helpers import BASE_URL, FAQ, FakeClock, open_sim

FLOWS = "/api/v2/flows"
FORM = {"grant_type": "client_credentials"}


def raw_client(settings: SimulatorSettings | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(settings)), base_url=BASE_URL)


async def test_token_with_basic_auth_and_configured_lifetime() -> None:
    async with raw_client(SimulatorSettings(token_lifetime_s=600)) as http:
        response = await http.post("/oauth/token", data=FORM, auth=("any-id", "any-secret"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 600
    assert response.headers["ININ-Correlation-Id"]


async def test_credentials_in_the_form_body_are_accepted() -> None:
    async with raw_client(SimulatorSettings(accepted_clients={"tester": "s3cret"})) as http:
        response = await http.post(
            "/oauth/token", data={**FORM, "client_id": "tester", "client_secret": "s3cret"}
        )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("auth", "description"),
    [(("stranger", "s3cret"), "client not found"), (("tester", "wrong"), "authentication failed")],
)
async def test_bad_client_credentials_get_the_oauth_error_body(
    auth: tuple[str, str], description: str
) -> None:
    async with raw_client(SimulatorSettings(accepted_clients={"tester": "s3cret"})) as http:
        response = await http.post("/oauth/token", data=FORM, auth=auth)
    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid_client",
        "description": description,
        "error_description": description,
    }


async def test_token_request_problems() -> None:
    async with raw_client() as http:
        no_grant = await http.post("/oauth/token", data={}, auth=("a", "b"))
        other_grant = await http.post("/oauth/token", data={"grant_type": "password"}, auth=("a", "b"))
        as_json = await http.post("/oauth/token", json=FORM, auth=("a", "b"))
        no_credentials = await http.post("/oauth/token", data=FORM)
    assert (no_grant.status_code, no_grant.json()["error"]) == (400, "invalid_request")
    assert (other_grant.status_code, other_grant.json()["error"]) == (400, "unsupported_grant_type")
    assert (as_json.status_code, as_json.json()["error"]) == (400, "invalid_request")
    assert (no_credentials.status_code, no_credentials.json()["error"]) == (401, "invalid_client")


async def test_api_calls_need_a_valid_unexpired_token(clock: FakeClock) -> None:
    async with open_sim(SimulatorSettings(clock=clock, token_lifetime_s=300)) as sim:
        missing = await sim.http.get(FLOWS)
        assert (missing.status_code, missing.json()["code"]) == (401, "authentication.required")
        assert (
            missing.json()["message"] == "No authentication bearer token specified in authorization header."
        )
        unknown = await sim.http.get(FLOWS, headers={"Authorization": "Bearer not-a-token"})
        assert (unknown.status_code, unknown.json()["code"]) == (401, "bad.credentials")
        assert (await sim.http.get(FLOWS, headers=sim.auth)).status_code == 200
        clock.advance(300)
        expired = await sim.http.get(FLOWS, headers=sim.auth)
        assert (expired.status_code, expired.json()["code"]) == (401, "bad.credentials")
        assert expired.json()["contextId"] == expired.headers["ININ-Correlation-Id"]


async def test_rate_limit_answers_429_with_retry_after_and_resets(clock: FakeClock) -> None:
    async with open_sim(SimulatorSettings(clock=clock, rate_limit_per_minute=3)) as sim:
        counts = []
        for _ in range(3):
            ok = await sim.http.get(FLOWS, headers=sim.auth)
            assert ok.status_code == 200
            counts.append(ok.headers["inin-ratelimit-count"])
        assert counts == ["1", "2", "3"]
        assert ok.headers["inin-ratelimit-allowed"] == "3"
        clock.advance(53)
        limited = await sim.http.get(FLOWS, headers=sim.auth)
        assert limited.status_code == 429
        assert limited.headers["Retry-After"] == "7"
        body = limited.json()
        assert body["code"] == "too.many.requests.retry.after"
        assert body["message"] == "Rate limit exceeded the maximum. Retry the request in [7] seconds"
        clock.advance(7)
        assert (await sim.http.get(FLOWS, headers=sim.auth)).status_code == 200


async def test_without_a_limit_the_default_allowance_is_reported() -> None:
    async with open_sim() as sim:
        response = await sim.http.get(FLOWS, headers=sim.auth)
    assert response.headers["inin-ratelimit-allowed"] == "300"
    assert response.headers["inin-ratelimit-count"] == "1"


async def outcomes_503(seed: int, rate: float, calls: int = 40) -> list[int]:
    async with open_sim(SimulatorSettings(seed=seed, error_rate_503=rate)) as sim:
        return [(await sim.http.get(FLOWS, headers=sim.auth)).status_code for _ in range(calls)]


async def test_a_seeded_fraction_of_requests_get_503() -> None:
    first = await outcomes_503(seed=42, rate=0.5)
    assert first == await outcomes_503(seed=42, rate=0.5)
    assert set(first) == {200, 503}
    assert 8 <= first.count(503) <= 32
    assert set(await outcomes_503(seed=1, rate=1.0, calls=5)) == {503}
    assert set(await outcomes_503(seed=1, rate=0.0, calls=5)) == {200}


async def test_a_503_is_an_error_body() -> None:
    async with open_sim(SimulatorSettings(error_rate_503=1.0)) as sim:
        response = await sim.http.post("/api/v2/textbots/botflows/sessions", json={}, headers=sim.auth)
    assert response.status_code == 503
    assert response.json()["code"] == "service.unavailable"
    assert response.json()["contextId"] == response.headers["ININ-Correlation-Id"]


async def test_latency_is_added_to_every_response() -> None:
    delays: list[float] = []

    async def record(seconds: float) -> None:
        delays.append(seconds)

    app = create_app(SimulatorSettings(latency_ms=250))
    app.state.simulator.faults.sleep = record
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as http:
        token = (await http.post("/oauth/token", data=FORM, auth=("a", "b"))).json()["access_token"]
        await http.get(FLOWS, headers={"Authorization": f"Bearer {token}"})
        await http.get("/api/v2/unknown")
    assert delays == [0.25, 0.25, 0.25]  # the token request, the API call and the unknown path


async def test_seeded_ids_are_reproducible() -> None:
    async def ids() -> list[str]:
        async with open_sim(SimulatorSettings(seed=5)) as sim:
            session_id = await sim.launch(FAQ)
            return [session_id, (await sim.turn(session_id, {"inputEventType": "NoOp"}))["id"]]

    assert await ids() == await ids()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"token_lifetime_s": 0}, "token_lifetime_s must be positive"),
        ({"session_idle_timeout_s": -1}, "session_idle_timeout_s must be positive"),
        ({"latency_ms": -5}, "latency_ms cannot be negative"),
        ({"rate_limit_per_minute": 0}, "rate_limit_per_minute must be at least 1"),
        ({"error_rate_503": 1.5}, "error_rate_503 must be between 0 and 1"),
    ],
)
def test_settings_refuse_impossible_values(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SimulatorSettings(**kwargs)
