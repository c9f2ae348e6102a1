"""Scripted scenarios per second through the headless runner, against the in-process simulator.

200 copies of the Order Status happy path (launch, NoOp start, choose, number, choose, exit) run through
``run_scenarios`` at concurrency 1 and 50, with the journal on, as ``textbots-tui run`` runs them (each
scenario's session is journalled to a throwaway directory). The baseline, measured in the same run, drives
the same conversation with bare ``TextbotsClient`` calls, one after the other: the floor on which the runner
adds its controller, events, checks and journal. Everything runs twice: with the simulator answering at once
(CPU cost only: one event loop, so concurrency cannot help) and with 5 ms of added latency per request (like
a network: concurrency is what pays). Per-turn figures: the HTTP round trips of the turn requests (from the
client's exchange records), and for the runner also each user turn end to end (the controller's
``launch_flow``, ``send_text`` or ``choose`` call: request, NoOp drain, events, checks' input and journal).
Each case is repeated; medians, and ratios to the baseline.

    .venv/bin/python benchmarks/bench_scripts.py [--scenarios 200] [--rounds 3] [--latency-ms 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.models import TextBotFlowTurnRequest
from textbots_tui.core import requests
from textbots_tui.core.controller import Controller
from textbots_tui.core.journal import Journal
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.runner import run_scenarios
from textbots_tui.core.script import LoadedScenario, parse_script
from textbots_tui.simulator import SimulatorSettings, create_app

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
SCENARIO = """\
- name: Order status NUMBER
  target: {flow: {id: FLOW}, inputData: {Flow.CustomerName: Alex}}
  steps:
    - expect:
        text: {contains: welcome to Acme}
        choices: [Track an order, Return an item, Talk to an agent]
    - choose: Track an order
    - expect: {text: {contains: order number}, nextAction: WaitForInput}
    - say: "12345"
    - expect: {text: {regex: "^Order 12345 is shipped"}, choices: ["Yes", "No"]}
    - choose: "No"
    - expect: {exit: {reason: TriggeredByFlow, outputData: {Flow.OrderStatus: Shipped}}}
""".replace("FLOW", ORDER)


def make_client(latency_ms: float, turn_ms: list[float]) -> TextbotsClient:
    def record(exchange: Exchange) -> None:
        if exchange.path.endswith("/turns"):
            turn_ms.append(exchange.duration_ms)

    transport = httpx.ASGITransport(app=create_app(SimulatorSettings(latency_ms=latency_ms)))
    return TextbotsClient(
        api_url="http://simulator.local",
        client_id="demo",
        client_secret="demo",
        transport=transport,
        on_exchange=record,
    )


def scenarios(count: int) -> list[LoadedScenario]:
    return parse_script("".join(SCENARIO.replace("NUMBER", str(n)) for n in range(count)), "bench.yaml")


async def direct(client: TextbotsClient, count: int) -> None:
    """The same conversation with bare client calls, one scenario after the other."""
    params = FlowLaunchParams(flow_id=ORDER, input_variables={"Flow.CustomerName": "Alex"})

    async def turn(session_id: str, request: TextBotFlowTurnRequest) -> str:
        response = await client.send_turn(session_id, request)
        while str(response.next_action_type) == "NoOp":
            response = await client.send_turn(session_id, TextBotFlowTurnRequest.no_op(response.id))
        return response.id

    for _ in range(count):
        session = await client.launch_session(requests.launch_request(params))
        last = await turn(session.id, TextBotFlowTurnRequest.no_op())
        for text in ("track_order", "12345", "no"):
            last = await turn(session.id, TextBotFlowTurnRequest.user_input(text, last))


async def through_runner(client: TextbotsClient, loaded: list[LoadedScenario], concurrency: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        journal = Journal(Path(directory))
        try:
            results = await run_scenarios(loaded, client, concurrency=concurrency, journal=journal)
        finally:
            journal.close()
    failed = [r.loaded.name for r in results if not r.passed]
    if failed:
        raise SystemExit(f"{len(failed)} scenarios failed, e.g. {failed[0]}")


Case = Callable[[TextbotsClient], Awaitable[None]]

END_TO_END: list[float] = []
"""Milliseconds of each user turn as the runner's controller makes it (see :func:`time_user_turns`)."""


def time_user_turns() -> None:
    """Time every controller call that makes a user turn, from the call to its return."""
    for name in ("launch_flow", "send_text", "choose"):
        original = getattr(Controller, name)

        async def timed(self: Controller, *args: Any, __original: Any = original, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await __original(self, *args, **kwargs)
            finally:
                END_TO_END.append((time.perf_counter() - started) * 1000)

        setattr(Controller, name, timed)


async def measure(case: Case, latency_ms: float) -> tuple[float, list[float]]:
    """Wall time of one case on a fresh simulator and client, and its turn round trips."""
    turn_ms: list[float] = []
    async with make_client(latency_ms, turn_ms) as client:
        started = time.perf_counter()
        await case(client)
        return time.perf_counter() - started, turn_ms


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main(count: int, rounds: int, latency_ms: float) -> None:
    loaded = scenarios(count)
    cases: dict[str, Case] = {
        "bare client, sequential (baseline)": lambda c: direct(c, count),
        "runner, concurrency 1": lambda c: through_runner(c, loaded, 1),
        "runner, concurrency 50": lambda c: through_runner(c, loaded, 50),
    }
    time_user_turns()
    await measure(cases["runner, concurrency 1"], 0.0)  # warm up imports and caches
    print(f"{count} scenarios per case, {rounds} rounds (medians), in-process simulator, runner with journal")
    columns = ("scen/s", "vs base", "HTTP p50", "HTTP p95", "turn p50", "turn p95")
    print(f"{'case':48} " + " ".join(f"{column:>9}" for column in columns))
    for latency in (0.0, latency_ms):
        timings: dict[str, list[float]] = {name: [] for name in cases}
        turns: dict[str, list[float]] = {name: [] for name in cases}
        whole: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(rounds):
            for name, case in cases.items():  # interleaved, so drift hits every case alike
                END_TO_END.clear()
                elapsed, turn_ms = await measure(case, latency)
                timings[name].append(elapsed)
                turns[name].extend(turn_ms)
                whole[name].extend(END_TO_END)
        baseline = statistics.median(timings["bare client, sequential (baseline)"])
        for name in cases:
            elapsed = statistics.median(timings[name])
            label = f"{name}, +{latency:g} ms latency"
            ends = (
                f"{percentile(whole[name], 0.5):7.2f}ms {percentile(whole[name], 0.95):7.2f}ms"
                if whole[name]
                else f"{'-':>9} {'-':>9}"
            )
            print(
                f"{label:48} {count / elapsed:7.0f} {baseline / elapsed:7.2f}x "
                f"{percentile(turns[name], 0.5):7.2f}ms {percentile(turns[name], 0.95):7.2f}ms {ends}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency-ms", type=float, default=5.0)
    args = parser.parse_args()
    asyncio.run(main(args.scenarios, args.rounds, args.latency_ms))
