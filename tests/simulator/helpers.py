"""Helpers of the simulator tests: raw HTTP access with turn bookkeeping, a client-driven conversation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.models import TextBotFlowLaunchRequest, TextBotFlowTurnRequest, TextBotFlowTurnResponse
from textbots_tui.api.models.flows import TextBotFlow, TextBotInputOutputData
from textbots_tui.simulator import SimulatorSettings, create_app

ORDER_STATUS = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
APPOINTMENT = "7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"
FAQ = "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
STORE_BOT = "b0751c55-1e0a-4d7e-9b6a-3c2f1e0d9a8b"
BASE_URL = "http://simulator.local"

CHANNEL = {
    "name": "Messaging",
    "inputModes": ["Text"],
    "outputModes": ["Text"],
    "userAgent": {"name": "GenesysWebWidget"},
}


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def user_input(text: str) -> dict[str, Any]:
    return {
        "inputEventType": "UserInput",
        "inputEventUserInput": {"mode": "Text", "alternatives": [{"transcript": {"text": text}}]},
    }


def texts(response: dict[str, Any]) -> list[str]:
    """The Text segments of a raw turn response."""
    segments = response.get("prompts", {}).get("textPrompts", {}).get("segments", [])
    return [s["text"] for s in segments if s["type"] == "Text"]


def contents(response: dict[str, Any]) -> list[dict[str, Any]]:
    """The rich contents of a raw turn response."""
    segments = response.get("prompts", {}).get("textPrompts", {}).get("segments", [])
    return [c for s in segments if s["type"] == "RichMedia" for c in s["content"]]


class RawSim:
    """Raw httpx access to an in-process simulator, keeping each session's latest turn id."""

    def __init__(self, http: httpx.AsyncClient, token: str, app: Any) -> None:
        self.http = http
        self.token = token
        self.app = app
        self.latest: dict[str, str | None] = {}
        self.bodies: list[tuple[str, int, Any]] = []
        """(path, status, JSON body) of every API response."""

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def post(self, path: str, body: Any, **kwargs: Any) -> httpx.Response:
        headers = {**self.auth, **kwargs.pop("headers", {})}
        response = await self.http.post(path, json=body, headers=headers, **kwargs)
        self.bodies.append((path, response.status_code, response.json()))
        return response

    async def launch(self, flow_id: str, **extra: Any) -> str:
        body = {"flow": {"id": flow_id}, "externalSessionId": "", "channel": CHANNEL, "language": "", **extra}
        response = await self.post("/api/v2/textbots/botflows/sessions", body)
        assert response.status_code == 200, response.text
        session_id: str = response.json()["id"]
        self.latest[session_id] = None
        return session_id

    async def turn_response(self, session_id: str, body: dict[str, Any]) -> httpx.Response:
        previous = self.latest.get(session_id)
        if previous is not None and "previousTurn" not in body:
            body = {"previousTurn": {"id": previous}, **body}
        response = await self.post(f"/api/v2/textbots/botflows/sessions/{session_id}/turns", body)
        if response.status_code == 200:
            self.latest[session_id] = response.json()["id"]
        return response

    async def turn(self, session_id: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await self.turn_response(session_id, body)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    async def drain(self, session_id: str, body: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Send ``body`` (a NoOp by default), then NoOps while the flow says NoOp; every response."""
        responses = [await self.turn(session_id, body or {"inputEventType": "NoOp"})]
        while responses[-1]["nextActionType"] == "NoOp":
            responses.append(await self.turn(session_id, {"inputEventType": "NoOp"}))
        return responses

    async def say(self, session_id: str, text: str) -> list[dict[str, Any]]:
        return await self.drain(session_id, user_input(text))


@asynccontextmanager
async def open_sim(
    settings: SimulatorSettings | None = None, *, client_id: str = "demo", secret: str = "demo"
) -> AsyncIterator[RawSim]:
    app = create_app(settings or SimulatorSettings(seed=1))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as http:
        response = await http.post(
            "/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
        )
        assert response.status_code == 200, response.text
        yield RawSim(http, response.json()["access_token"], app)


class Conversation:
    """A bot flow session driven through the api client, NoOps drained like a real front end."""

    def __init__(self, client: TextbotsClient) -> None:
        self.client = client
        self.session_id = ""
        self.latest: str | None = None
        self.responses: list[TextBotFlowTurnResponse] = []

    async def launch(
        self, flow_id: str, variables: dict[str, Any] | None = None
    ) -> list[TextBotFlowTurnResponse]:
        request = TextBotFlowLaunchRequest(
            flow=TextBotFlow(id=flow_id), input_data=TextBotInputOutputData(variables=variables or {})
        )
        self.session_id = (await self.client.launch_session(request)).id
        return await self.send(TextBotFlowTurnRequest.no_op())

    async def send(self, request: TextBotFlowTurnRequest) -> list[TextBotFlowTurnResponse]:
        out = []
        while True:
            if self.latest is not None:
                request = request.model_copy(
                    update={"previous_turn": TextBotFlowTurnRequest._ref(self.latest)}
                )
            response = await self.client.send_turn(self.session_id, request)
            self.latest = response.id
            out.append(response)
            if response.next_action_type != "NoOp":
                break
            request = TextBotFlowTurnRequest.no_op()
        self.responses.extend(out)
        return out

    async def say(self, text: str) -> list[TextBotFlowTurnResponse]:
        return await self.send(TextBotFlowTurnRequest.user_input(text))

    async def click(
        self, text: str, payload: str, type_: str = "QuickReply"
    ) -> list[TextBotFlowTurnResponse]:
        return await self.send(TextBotFlowTurnRequest.button_response(text, payload, type_=type_))

    async def event(self, event_type: str, **kwargs: Any) -> list[TextBotFlowTurnResponse]:
        return await self.send(TextBotFlowTurnRequest.event(event_type, **kwargs))


def said(responses: list[TextBotFlowTurnResponse]) -> list[str]:
    """Every Text segment of some responses, in order."""
    return [t for r in responses for t in texts(r.raw_json)]


def offered(responses: list[TextBotFlowTurnResponse]) -> list[dict[str, Any]]:
    """Every rich content of some responses, as raw JSON."""
    return [c for r in responses for c in contents(r.raw_json)]
