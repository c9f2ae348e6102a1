"""Scripted scenarios per second through the headless runner, against the in-process simulator.

200 copies of the Order Status happy path (launch, NoOp start, choose, number, choose, exit) run through
``run_scenarios`` at concurrency 1 and 50. The baseline, measured in the same run, drives the same
conversation with bare ``TextbotsClient`` calls, one after the other: the floor on which the runner adds its
controller, events and checks. Each measurement is repeated; medians are printed with the ratio to the
baseline.

    .venv/bin/python benchmarks/bench_scripts.py [--scenarios 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

import httpx

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.models import TextBotFlowTurnRequest
from textbots_tui.core import requests
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


def make_client() -> TextbotsClient:
    transport = httpx.ASGITransport(app=create_app(SimulatorSettings()))
    return TextbotsClient(
        api_url="http://simulator.local", client_id="demo", client_secret="demo", transport=transport
    )


def scenarios(count: int) -> list[LoadedScenario]:
    return parse_script("".join(SCENARIO.replace("NUMBER", str(n)) for n in range(count)), "bench.yaml")


async def direct(client: TextbotsClient, count: int) -> list[float]:
    """The same conversation with bare client calls, sequentially. Returns per-turn latencies in ms."""
    latencies: list[float] = []
    params = FlowLaunchParams(flow_id=ORDER, input_variables={"Flow.CustomerName": "Alex"})

    async def turn(session_id: str, request: TextBotFlowTurnRequest) -> str:
        started = time.perf_counter()
        response = await client.send_turn(session_id, request)
        latencies.append((time.perf_counter() - started) * 1000)
        while str(response.next_action_type) == "NoOp":
            response = await client.send_turn(session_id, TextBotFlowTurnRequest.no_op(response.id))
        return response.id

    for _ in range(count):
        session = await client.launch_session(requests.launch_request(params))
        last = await turn(session.id, TextBotFlowTurnRequest.no_op())
        for text in ("track_order", "12345", "no"):
            last = await turn(session.id, TextBotFlowTurnRequest.user_input(text, last))
    return latencies


async def through_runner(
    client: TextbotsClient, loaded: list[LoadedScenario], concurrency: int
) -> list[float]:
    results = await run_scenarios(loaded, client, concurrency=concurrency)
    failed = [r.loaded.name for r in results if not r.passed]
    if failed:
        raise SystemExit(f"{len(failed)} scenarios failed, e.g. {failed[0]}")
    return [ms for r in results for ms in r.turn_latencies_ms]


async def measure(run: Callable[[TextbotsClient], Awaitable[list[float]]]) -> tuple[float, list[float]]:
    async with make_client() as client:
        started = time.perf_counter()
        latencies = await run(client)
        return time.perf_counter() - started, latencies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main(count: int, rounds: int) -> None:
    loaded = scenarios(count)
    cases: dict[str, Callable[[TextbotsClient], Awaitable[list[float]]]] = {
        "bare client, sequential (baseline)": lambda c: direct(c, count),
        "runner, concurrency 1": lambda c: through_runner(c, loaded, 1),
        "runner, concurrency 50": lambda c: through_runner(c, loaded, 50),
    }
    timings: dict[str, list[float]] = {name: [] for name in cases}
    turns: dict[str, list[float]] = {name: [] for name in cases}
    await measure(
        cases["runner, concurrency 1"]
    )  # warm up imports, caches and the simulator's compiled flows
    for _ in range(rounds):
        for name, case in cases.items():  # interleaved, so drift hits every case alike
            elapsed, latencies = await measure(case)
            timings[name].append(elapsed)
            turns[name].extend(latencies)
    baseline = statistics.median(timings["bare client, sequential (baseline)"])
    print(f"{count} scenarios x {rounds} rounds (medians), in-process simulator")
    print(f"{'case':38} {'scen/s':>8} {'vs base':>8} {'turn p50':>9} {'turn p95':>9}")
    for name in cases:
        elapsed = statistics.median(timings[name])
        print(
            f"{name:38} {count / elapsed:8.0f} {baseline / elapsed:7.2f}x "
            f"{percentile(turns[name], 0.5):7.2f}ms {percentile(turns[name], 0.95):7.2f}ms"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.scenarios, args.rounds))
