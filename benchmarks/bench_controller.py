"""What the controller adds per turn as the app runs it (with its journal), against the client alone.

Both contenders hold the same conversation with the in-process simulator's Order Status flow (launch, NoOp
drain, then a loop of "track_order" / "12345" / "yes" turns, each response drained), so they send exactly the
same requests. The direct contender uses ``TextbotsClient`` alone and parses nothing; a second one also asks
the client for its redacted ``Exchange`` records (the part of the controller's cost spent in the API
layer); the controller contender drives ``Controller`` (exchange recording, prompt parsing into items, events
to a listener, session bookkeeping), and the last one adds the JSON-lines journal. Rounds alternate between
the contenders (rotating the order) so load from elsewhere on the machine hits all of them alike; per-turn
medians over the rounds are compared with the direct client's. Times are process CPU time (system time
included, so the journal's writes count): everything runs in this process, and CPU time does not count the
moments another program had the core (wall time swung by half between runs on a busy machine). The TUI and
``run`` always journal, so the goal is stated for the controller with its journal: within 1.3x of the client
alone.

    .venv/bin/python benchmarks/bench_controller.py [--rounds 30] [--cycles 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from textbots_tui.api.client import ExchangeHook, TextbotsClient
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.models import TextBotFlowTurnRequest
from textbots_tui.core.controller import Controller
from textbots_tui.core.events import Event
from textbots_tui.core.journal import Journal
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.requests import launch_request
from textbots_tui.simulator import SimulatorSettings, create_app

ORDER_STATUS = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
PARAMS = FlowLaunchParams(flow_id=ORDER_STATUS, input_variables={"Flow.CustomerName": "Alex"})
CYCLE = ("track_order", "12345", "yes")

Round = Callable[[], Awaitable[int]]
"""Holds one conversation; returns how many turn requests it sent."""


def make_client() -> TextbotsClient:
    app = create_app(SimulatorSettings(seed=1))
    return TextbotsClient(
        api_url="http://simulator.local",
        client_id="demo",
        client_secret="demo",
        transport=httpx.ASGITransport(app=app),
    )


def direct_round(client: TextbotsClient, cycles: int, hook: ExchangeHook | None = None) -> Round:
    async def run() -> int:
        session_id = (await client.launch_session(launch_request(PARAMS), on_exchange=hook)).id
        response = await client.send_turn(session_id, TextBotFlowTurnRequest.no_op(), on_exchange=hook)
        turns = 1
        for text in ("", *(CYCLE * cycles)):
            if text:
                request = TextBotFlowTurnRequest.user_input(text, response.id)
                response = await client.send_turn(session_id, request, on_exchange=hook)
                turns += 1
            while response.next_action_type == "NoOp":
                request = TextBotFlowTurnRequest.no_op(response.id)
                response = await client.send_turn(session_id, request, on_exchange=hook)
                turns += 1
        return turns

    return run


def controller_round(controller: Controller, cycles: int) -> Round:
    async def run() -> int:
        session_id = await controller.launch_flow(PARAMS)
        for text in CYCLE * cycles:
            await controller.send_text(session_id, text)
        session = controller.session(session_id)
        await controller.close(session_id)
        return len(session.turns)

    return run


async def measure(rounds: int, cycles: int) -> dict[str, list[float]]:
    seen: list[Event] = []
    with tempfile.TemporaryDirectory() as journal_dir:
        async with (
            make_client() as direct,
            make_client() as hooked,
            make_client() as bare,
            make_client() as journalled,
        ):
            exchanges: list[Exchange] = []
            plain = Controller(bare)
            plain.subscribe(seen.append)
            with_journal = Controller(journalled, journal=Journal(Path(journal_dir)))
            with_journal.subscribe(seen.append)
            contenders: dict[str, Round] = {
                "client only": direct_round(direct, cycles),
                "client + exchanges": direct_round(hooked, cycles, exchanges.append),
                "controller": controller_round(plain, cycles),
                "controller + journal": controller_round(with_journal, cycles),
            }
            names = list(contenders)
            for run in contenders.values():  # warm up: imports, token, caches
                await run()
            per_turn: dict[str, list[float]] = {name: [] for name in names}
            for number in range(rounds):
                order = names[number % len(names) :] + names[: number % len(names)]
                for name in order:
                    started = time.process_time()
                    turns = await contenders[name]()
                    per_turn[name].append((time.process_time() - started) / turns * 1e6)
                seen.clear()
                exchanges.clear()
            await with_journal.aclose()
    return per_turn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="conversations per contender")
    parser.add_argument("--cycles", type=int, default=10, help="track/number/yes cycles per conversation")
    args = parser.parse_args()
    per_turn = asyncio.run(measure(args.rounds, args.cycles))
    baseline = statistics.median(per_turn["client only"])
    print(f"{args.rounds} conversations each, {3 * args.cycles} user turns per conversation (plus NoOps)")
    print(f"{'contender':<22}{'median µs/turn':>16}{'vs client':>11}")
    for name, values in per_turn.items():
        median = statistics.median(values)
        print(f"{name:<22}{median:>16.1f}{median / baseline:>10.2f}x")
    journalled = statistics.median(per_turn["controller + journal"]) / baseline
    print(f"controller with its journal (as the app runs it): {journalled:.2f}x the client alone")
    print("target: within 1.30x")
    ratio = statistics.median(per_turn["controller"]) / baseline
    own = statistics.median(per_turn["controller"]) / statistics.median(per_turn["client + exchanges"])
    print(
        f"without the journal: {ratio:.2f}x; the controller's own work: {own:.2f}x the client with exchanges"
    )


if __name__ == "__main__":
    main()
