"""send_turn through TextbotsClient vs the same request with a bare httpx.AsyncClient.

Both go to the same trivial in-process ASGI app (httpx.ASGITransport), so the figures show what the client
adds per turn: building the request from the model, auth, exchange recording, and parsing the response into
a TextBotFlowTurnResponse. The calls are made in short batches that alternate between the contenders (in a
rotating order), so load from elsewhere on the machine hits all of them alike; per-call medians over the
batches are compared. Times are process CPU time: everything runs in this process, and CPU time does not
count the moments another program had the core.

The headline is the client as the app always runs it, recording every exchange (``on_exchange``), against
bare httpx plus the same pydantic serialising and parsing (target: within 1.2x). The default of 10,000 calls
per contender makes three runs agree within a few percent (1,000 swung by a quarter between runs).

    .venv/bin/python benchmarks/bench_api.py [--calls 10000] [--batch 100]
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
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.models import TextBotFlowTurnRequest, TextBotFlowTurnResponse

API = "http://bench.local"
TURN_PATH = "/api/v2/textbots/botflows/sessions/s1/turns"
TURN_RESPONSE = json.dumps(
    {
        "id": "3a7e1c5b-9d2f-4b8a-a6c0-1e5d7f3b9c24",
        "previousTurn": {"id": "0c4d9e2f-7b1a-4e3c-8d5f-6a2b9c1e4f70"},
        "prompts": {
            "outputLanguage": "en-us",
            "textPrompts": {
                "segments": [
                    {"text": "What can I help you with today?", "type": "Text"},
                    {
                        "text": "",
                        "type": "RichMedia",
                        "content": [
                            {
                                "contentType": "QuickReply",
                                "quickReply": {"text": label, "payload": payload, "action": "Message"},
                            }
                            for label, payload in (
                                ("Track an order", "track_order"),
                                ("Return an item", "return_item"),
                                ("Talk to an agent", "agent"),
                            )
                        ],
                    },
                ]
            },
        },
        "nextActionType": "WaitForInput",
        "nextActionWaitForInput": {
            "modeConstraints": {
                "text": {"languagePreferences": ["en-us"], "noInputTimeoutMilliseconds": 300000}
            }
        },
    }
).encode()


async def app(scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]], send: Any) -> None:
    """Reads the request body and answers every request with the same turn response."""
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"inin-correlation-id", b"bench")],
        }
    )
    await send({"type": "http.response.body", "body": TURN_RESPONSE})


async def run_client(client: TextbotsClient, calls: int, hook: Callable[[Exchange], None] | None) -> float:
    req = TextBotFlowTurnRequest.user_input(
        "I'd like to check on my order", "0c4d9e2f-7b1a-4e3c-8d5f-6a2b9c1e4f70"
    )
    start = time.process_time()
    for _ in range(calls):
        turn = await client.send_turn("s1", req, on_exchange=hook)
        assert turn.next_action_type == "WaitForInput"
    return (time.process_time() - start) / calls


async def run_bare(http: httpx.AsyncClient, calls: int) -> float:
    body = {
        "previousTurn": {"id": "0c4d9e2f-7b1a-4e3c-8d5f-6a2b9c1e4f70"},
        "inputEventType": "UserInput",
        "inputEventUserInput": {
            "mode": "Text",
            "alternatives": [{"transcript": {"text": "I'd like to check on my order"}}],
        },
    }
    headers = {"Authorization": "Bearer bench-token"}
    start = time.process_time()
    for _ in range(calls):
        response = await http.post(TURN_PATH, json=body, headers=headers)
        response.raise_for_status()
        assert response.json()["nextActionType"] == "WaitForInput"
    return (time.process_time() - start) / calls


async def run_bare_parsed(http: httpx.AsyncClient, calls: int) -> float:
    """Bare httpx plus the pydantic work any typed client must do: the floor for TextbotsClient."""
    req = TextBotFlowTurnRequest.user_input(
        "I'd like to check on my order", "0c4d9e2f-7b1a-4e3c-8d5f-6a2b9c1e4f70"
    )
    headers = {"Authorization": "Bearer bench-token", "Content-Type": "application/json"}
    start = time.process_time()
    for _ in range(calls):
        content = req.model_dump_json(by_alias=True, exclude_none=True).encode()
        response = await http.post(TURN_PATH, content=content, headers=headers)
        response.raise_for_status()
        turn = TextBotFlowTurnResponse.model_validate_json(response.content)
        assert turn.next_action_type == "WaitForInput"
    return (time.process_time() - start) / calls


async def main(calls: int, batch: int) -> None:
    transport = httpx.ASGITransport(app=app)
    recorded: list[Exchange] = []

    def keep(exchange: Exchange) -> None:
        recorded.append(exchange)
        if len(recorded) > 1000:
            recorded.clear()

    async with (
        httpx.AsyncClient(transport=transport, base_url=API) as bare,
        TextbotsClient(api_url=API, access_token="bench-token", transport=transport) as client,
    ):
        contenders: dict[str, Callable[[int], Awaitable[float]]] = {
            "bare httpx": lambda n: run_bare(bare, n),
            "bare httpx + pydantic parse": lambda n: run_bare_parsed(bare, n),
            "TextbotsClient": lambda n: run_client(client, n, None),
            "TextbotsClient + on_exchange": lambda n: run_client(client, n, keep),
        }
        # Warm up every path (imports, pydantic schema caches, connection state).
        for run in contenders.values():
            await run(batch)
        times: dict[str, list[float]] = {name: [] for name in contenders}
        names = list(contenders)
        for i in range(max(1, calls // batch)):
            shift = i % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(await contenders[name](batch))
    base = statistics.median(times["bare httpx"])
    print(
        f"{calls} send_turn calls each, batches of {batch}, interleaved; in-process ASGITransport; CPU time"
    )
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:30s} median {median * 1e6:8.1f} µs/call   ratio vs bare httpx {median / base:5.2f}x")
    headline = statistics.median(times["TextbotsClient + on_exchange"]) / statistics.median(
        times["bare httpx + pydantic parse"]
    )
    print(f"client recording exchanges (as the app runs it) / bare httpx + parsing: {headline:.2f}x")
    print("target: within 1.2x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(main(args.calls, args.batch))
