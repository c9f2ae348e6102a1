"""How many turns the simulator sustains, and its per-turn latency over loopback.

Every figure is set next to a baseline measured in the same run: bare ``httpx`` posting the same turn bodies
to a trivial ASGI app that answers a fixed turn-sized JSON. Measures alternate between subject and baseline
round by round, and medians of the rounds are reported.

    .venv/bin/python benchmarks/bench_simulator.py [--rounds 7] [--turns 400]

In-process (``httpx.ASGITransport``): turns per second through the api client (``TextbotsClient``) and through
bare httpx, each against the echo app's rate. Over loopback (uvicorn in a background thread): the median
latency of one turn through the client, against bare httpx to the echo app served the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.models import TextBotFlowLaunchRequest, TextBotFlowTurnRequest
from textbots_tui.api.models.flows import TextBotFlow
from textbots_tui.api.retry import RetryPolicy
from textbots_tui.simulator import SimulatorSettings, create_app
from textbots_tui.simulator.server import serving

FAQ = "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
ANSWER = json.dumps(
    {
        "id": "3a7e1c5b-9d2f-4b8a-a6c0-1e5d7f3b9c24",
        "previousTurn": {"id": "0c4d9e2f-7b1a-4e3c-8d5f-6a2b9c1e4f70"},
        "prompts": {
            "outputLanguage": "en-us",
            "textPrompts": {
                "segments": [
                    {
                        "text": "Our stores are open 9am to 8pm Monday to Saturday and 11am to 5pm Sundays.",
                        "type": "Text",
                    },
                    {
                        "text": "",
                        "type": "RichMedia",
                        "content": [
                            {
                                "contentType": "Card",
                                "card": {
                                    "title": "Acme Flagship Store",
                                    "description": "Open late until 9pm on Thursdays.",
                                    "image": "https://images.acme.example/stores/flagship.jpg",
                                    "actions": [
                                        {
                                            "type": "Link",
                                            "text": "All store hours",
                                            "url": "https://www.acme.example/stores/hours",
                                        }
                                    ],
                                },
                            }
                        ],
                    },
                ]
            },
        },
        "nextActionType": "WaitForInput",
        "nextActionWaitForInput": {"modeConstraints": {"text": {"languagePreferences": ["en-us"]}}},
    }
).encode()


async def echo_app(scope: dict[str, Any], receive: Callable[[], Awaitable[Any]], send: Any) -> None:
    """A trivial ASGI app: reads the body, answers a fixed turn-sized JSON."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(ANSWER)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": ANSWER})


def user_input(text: str, previous: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "inputEventType": "UserInput",
        "inputEventUserInput": {"mode": "Text", "alternatives": [{"transcript": {"text": text}}]},
    }
    if previous:
        body["previousTurn"] = {"id": previous}
    return body


class ClientConversation:
    """The FAQ flow driven through the api client: each question costs two turns (NoOp, WaitForInput)."""

    def __init__(self, client: TextbotsClient) -> None:
        self.client = client
        self.session = ""
        self.latest: str | None = None

    async def start(self) -> None:
        launch = await self.client.launch_session(TextBotFlowLaunchRequest(flow=TextBotFlow(id=FAQ)))
        self.session, self.latest = launch.id, None
        await self.drain(TextBotFlowTurnRequest.no_op())

    async def drain(self, request: TextBotFlowTurnRequest) -> int:
        turns = 0
        while True:
            response = await self.client.send_turn(self.session, request)
            turns += 1
            self.latest = response.id
            if response.next_action_type != "NoOp":
                return turns
            request = TextBotFlowTurnRequest.no_op(self.latest)

    async def turns(self, count: int) -> int:
        done = 0
        while done < count:
            done += await self.drain(TextBotFlowTurnRequest.user_input("opening hours", self.latest))
        return done


class RawConversation:
    """The same conversation with bare httpx (bodies built as dicts, no models)."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.http = http
        self.headers = {"Authorization": f"Bearer {token}"}
        self.session = ""
        self.latest: str | None = None

    async def start(self) -> None:
        launch = await self.http.post(
            "/api/v2/textbots/botflows/sessions",
            headers=self.headers,
            json={
                "flow": {"id": FAQ},
                "externalSessionId": "",
                "language": "",
                "channel": {
                    "name": "Messaging",
                    "inputModes": ["Text"],
                    "outputModes": ["Text"],
                    "userAgent": {"name": "GenesysWebWidget"},
                },
            },
        )
        self.session, self.latest = launch.json()["id"], None
        await self.drain({"inputEventType": "NoOp"})

    async def drain(self, body: dict[str, Any]) -> int:
        turns = 0
        while True:
            response = (
                await self.http.post(
                    f"/api/v2/textbots/botflows/sessions/{self.session}/turns",
                    headers=self.headers,
                    json=body,
                )
            ).json()
            turns += 1
            self.latest = response["id"]
            if response["nextActionType"] != "NoOp":
                return turns
            body = {"inputEventType": "NoOp", "previousTurn": {"id": self.latest}}

    async def turns(self, count: int) -> int:
        done = 0
        while done < count:
            done += await self.drain(user_input("opening hours", self.latest))
        return done


async def echo_turns(http: httpx.AsyncClient, count: int) -> int:
    for _ in range(count):
        (
            await http.post(
                "/api/v2/textbots/botflows/sessions/x/turns", json=user_input("opening hours", "t")
            )
        ).json()
    return count


async def rate(run: Callable[[], Awaitable[int]]) -> float:
    """Turns per second of one round."""
    start = time.perf_counter()
    turns = await run()
    return turns / (time.perf_counter() - start)


async def in_process(rounds: int, turns: int) -> dict[str, float]:
    app = create_app(SimulatorSettings(seed=1))
    transport = httpx.ASGITransport(app=app)
    client = TextbotsClient(
        api_url="http://simulator.local",
        client_id="demo",
        client_secret="demo",
        transport=transport,
        retry=RetryPolicy(max_attempts=1),
    )
    raw_http = httpx.AsyncClient(transport=transport, base_url="http://simulator.local")
    echo_http = httpx.AsyncClient(transport=httpx.ASGITransport(app=echo_app), base_url="http://echo.local")
    token = (
        await raw_http.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=("demo", "demo"))
    ).json()["access_token"]
    via_client, via_raw = ClientConversation(client), RawConversation(raw_http, token)
    rates: dict[str, list[float]] = {"client": [], "raw": [], "echo": []}
    for _ in range(rounds + 1):  # the first round warms up and is dropped
        await via_client.start()
        await via_raw.start()
        rates["client"].append(await rate(lambda: via_client.turns(turns)))
        rates["raw"].append(await rate(lambda: via_raw.turns(turns)))
        rates["echo"].append(await rate(lambda: echo_turns(echo_http, turns)))
    await client.aclose()
    await raw_http.aclose()
    await echo_http.aclose()
    return {name: statistics.median(values[1:]) for name, values in rates.items()}


async def latencies(run: Callable[[], Awaitable[Any]], count: int) -> list[float]:
    out = []
    for _ in range(count):
        start = time.perf_counter()
        await run()
        out.append((time.perf_counter() - start) * 1000)
    return out


async def loopback(rounds: int, turns: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {"client": [], "echo": []}
    with serving(create_app(SimulatorSettings(seed=1))) as sim_url, serving(echo_app) as echo_url:
        async with (
            TextbotsClient(
                api_url=sim_url, client_id="demo", client_secret="demo", retry=RetryPolicy(max_attempts=1)
            ) as client,
            httpx.AsyncClient(base_url=echo_url) as echo_http,
        ):
            conversation = ClientConversation(client)
            await conversation.start()
            body = user_input("opening hours", "t")

            async def one_client_turn() -> None:
                # A NoOp while the flow waits is one cheap turn that leaves the flow where it is.
                response = await client.send_turn(
                    conversation.session, TextBotFlowTurnRequest.no_op(conversation.latest)
                )
                conversation.latest = response.id

            async def one_echo_turn() -> None:
                (await echo_http.post("/api/v2/textbots/botflows/sessions/x/turns", json=body)).json()

            for round_number in range(rounds + 1):
                client_ms = await latencies(one_client_turn, turns // 4)
                echo_ms = await latencies(one_echo_turn, turns // 4)
                if round_number:
                    samples["client"].append(statistics.median(client_ms))
                    samples["echo"].append(statistics.median(echo_ms))
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--turns", type=int, default=400)
    args = parser.parse_args()

    local = asyncio.run(in_process(args.rounds, args.turns))
    print(f"in-process, turns per second (median of {args.rounds} rounds of {args.turns} turns)")
    for label, key in (
        ("simulator through TextbotsClient", "client"),
        ("simulator through bare httpx", "raw"),
    ):
        print(f"  {label:<33}: {local[key]:8.0f}  ({local[key] / local['echo']:.2f}x echo)")
    print(f"  {'echo app through bare httpx':<33}: {local['echo']:8.0f}  (baseline)")

    remote = asyncio.run(loopback(args.rounds, args.turns))
    print(f"loopback (uvicorn on 127.0.0.1), median latency of one turn (median of {args.rounds} rounds)")
    ratio = remote["client"] / remote["echo"]
    print(f"  {'simulator through TextbotsClient':<33}: {remote['client']:6.2f} ms  ({ratio:.2f}x echo)")
    print(f"  {'echo app through bare httpx':<33}: {remote['echo']:6.2f} ms  (baseline)")


if __name__ == "__main__":
    main()
