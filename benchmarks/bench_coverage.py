"""What ``run --coverage`` adds to a run's time: the same scripts through ``run_scripts`` with and without it.

200 Order Status scenarios (and, to cover more kinds, the example scripts) against the in-process simulator,
alternating runs without and with ``--coverage FILE.json`` so that the machine's load hits both alike.
Coverage counts each finished session's events and, once per run, asks the target for outcome and milestone
names and each flow's configuration: the target is 10% or less. Medians of the rounds, and the ratio.

    .venv/bin/python benchmarks/bench_coverage.py [--scenarios 200] [--rounds 7] [--latency-ms 1]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.runner import run_scripts
from textbots_tui.simulator import SimulatorSettings, create_app

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
SCENARIO = """\
- name: Order status NUMBER
  target: {flow: {id: FLOW}, inputData: {Flow.CustomerName: Alex}}
  steps:
    - expect: {text: {contains: welcome to Acme}}
    - choose: Track an order
    - say: "12345"
    - expect: {text: {regex: "^Order 12345 is shipped"}, choices: ["Yes", "No"]}
    - choose: "No"
    - expect: {exit: {reason: TriggeredByFlow, outputData: {Flow.OrderStatus: Shipped}}}
""".replace("FLOW", ORDER)


async def one_run(paths: list[Path], latency_ms: float, coverage: Path | None) -> float:
    app = create_app(SimulatorSettings(latency_ms=latency_ms))

    def client() -> TextbotsClient:
        transport = httpx.ASGITransport(app=app)
        return TextbotsClient(api_url="http://sim", client_id="a", client_secret="b", transport=transport)

    started = time.perf_counter()
    out = io.StringIO()
    code = await run_scripts(paths, client_factory=client, concurrency=8, out=out, coverage=coverage)
    elapsed = time.perf_counter() - started
    assert code == 0, "the benchmark's scripts must pass"
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--latency-ms", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "orders.yaml"
        script.write_text(
            "".join(SCENARIO.replace("NUMBER", str(n)) for n in range(args.scenarios)), encoding="utf-8"
        )
        examples = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))
        paths = [script, *examples]
        report = Path(folder) / "coverage.json"
        plain: list[float] = []
        covered: list[float] = []
        asyncio.run(one_run(paths, args.latency_ms, None))  # warm up imports and caches
        for _ in range(args.rounds):
            plain.append(asyncio.run(one_run(paths, args.latency_ms, None)))
            covered.append(asyncio.run(one_run(paths, args.latency_ms, report)))
    base, with_coverage = statistics.median(plain), statistics.median(covered)
    print(f"scenarios: {args.scenarios} + examples, rounds: {args.rounds}, latency {args.latency_ms} ms")
    print(f"without coverage: {base * 1000:.0f} ms (median)")
    print(f"with coverage:    {with_coverage * 1000:.0f} ms (median)")
    print(f"ratio: {with_coverage / base:.3f}x (target: at most 1.10x)")


if __name__ == "__main__":
    main()
