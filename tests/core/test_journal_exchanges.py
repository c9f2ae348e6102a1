"""Exchanges in the journal: API bodies copied as they came, and no secret ever written or exported."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from textbots_tui.api.exchange import REDACTED
from textbots_tui.core.events import ExchangeRecorded
from textbots_tui.core.journal import Journal, read_session_file
from textbots_tui.core.params import FlowLaunchParams

from .conftest import ORDER_STATUS, HarnessFactory

SECRET = "client-s3cret-value"
LEAKS = {
    "top-level": b'{"id":"t-a","nextActionType":"WaitForInput","access_token":"leak-top-level"}',
    "escaped": b'{"id":"t-b","nextActionType":"WaitForInput","access\\u005ftoken":"leak-escaped"}',
    "pretty": b'{\n "id": "t-c",\n "nextActionType": "WaitForInput",\n "clientSecret": "leak-pretty"\n}',
}


def the_journal(directory: Path) -> tuple[Path, str]:
    """The one journal file in ``directory`` and its text."""
    (path,) = directory.glob("*.jsonl")
    return path, path.read_text("utf-8")


async def test_no_secret_reaches_the_journal_or_an_export(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    async with make_harness(journal=Journal(tmp_path), client_secret=SECRET) as sim:
        flow = await sim.controller.launch_flow(FlowLaunchParams(flow_id=ORDER_STATUS))
        await sim.controller.send_text(flow, "track_order")
        for body in LEAKS.values():
            # A turn response that (absurdly) carries a credential at its top level.
            sim.transport.answer = lambda request, body=body: (
                httpx.Response(200, content=body, headers={"Content-Type": "application/json"})
                if request.url.path.endswith("/turns")
                else None
            )
            await sim.controller.send_text(flow, "hello")
        sim.transport.answer = None
        exchanges = sim.controller.session(flow).exchanges
        tokens = sim.transport.tokens
    assert tokens
    secrets = [SECRET, *tokens, *(f"leak-{name}" for name in LEAKS)]
    path, text = the_journal(tmp_path)
    exported = "\n".join(json.dumps(e.to_json()) + e.to_curl() + repr(e) for e in exchanges)
    for secret in secrets:
        assert secret not in text
        assert secret not in exported
    # Read back, the top-level credential shows as redacted (however it was spelled).
    entry = read_session_file(path)
    assert entry is not None and entry.skipped_lines == 0
    bodies = [e.exchange.response_body for e in entry.events if isinstance(e, ExchangeRecorded)]
    leaked = [b for b in bodies if isinstance(b, dict) and b.get("id") in {"t-a", "t-b", "t-c"}]
    assert len(leaked) == 3
    assert all(REDACTED in body.values() for body in leaked)


async def test_api_bodies_are_copied_into_the_journal_as_they_came(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    spaced = b'{"id": "t-x",   "nextActionType" : "WaitForInput", "note": "caf\xc3\xa9"}'
    async with make_harness(journal=Journal(tmp_path)) as sim:
        flow = await sim.controller.launch_flow(FlowLaunchParams(flow_id=ORDER_STATUS))
        sim.transport.answer = lambda request: (
            httpx.Response(200, content=spaced, headers={"Content-Type": "application/json"})
            if request.url.path.endswith("/turns")
            else None
        )
        await sim.controller.send_text(flow, "track_order")
        sim.transport.answer = None
        exchanges = list(sim.controller.session(flow).exchanges)
    path, text = the_journal(tmp_path)
    # Spacing kept: copied, not parsed and dumped again.
    assert spaced.decode() in text
    entry = read_session_file(path)
    assert entry is not None
    assert [e.exchange for e in entry.events if isinstance(e, ExchangeRecorded)] == exchanges
    assert exchanges[-1].response_body["note"] == "café"
