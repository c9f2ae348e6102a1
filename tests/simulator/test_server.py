"""Over real TCP on 127.0.0.1: a server started by the test, driven by the api client, then stopped."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.models import TextBotFlowLaunchRequest, TextBotFlowTurnRequest
from textbots_tui.api.models.flows import TextBotFlow
from textbots_tui.simulator import SimulatorSettings, running_server

from .helpers import FAQ


async def test_a_conversation_over_loopback_and_the_server_stops() -> None:
    settings = SimulatorSettings(accepted_clients={"qa-client": "qa-secret"}, seed=3)
    with running_server(settings) as base_url:
        parts = urlsplit(base_url)
        assert (parts.scheme, parts.hostname) == ("http", "127.0.0.1")
        port = parts.port
        assert port
        async with TextbotsClient(
            api_url=base_url, client_id="qa-client", client_secret="qa-secret"
        ) as client:
            flows = await client.list_flows(type_="bot")
            assert [f.name for f in flows.entities] == ["Help Centre FAQ"]
            session = await client.launch_session(TextBotFlowLaunchRequest(flow=TextBotFlow(id=FAQ)))
            latest = None
            kinds = []
            while True:
                turn = await client.send_turn(session.id, TextBotFlowTurnRequest.no_op(latest))
                latest = turn.id
                kinds.append(turn.next_action_type)
                if turn.next_action_type != "NoOp":
                    break
            assert kinds == ["NoOp", "NoOp", "WaitForInput"]
            bye = await client.send_turn(session.id, TextBotFlowTurnRequest.user_input("bye", latest))
            assert bye.next_action_type == "Disconnect"
    assert not any(t.name == f"textbots-simulator-{port}" for t in threading.enumerate())
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_serve_prints_the_url_flows_and_problems(tmp_path: Path) -> None:
    # serve() blocks, so it runs in a child process that is stopped once its banner is out.
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from textbots_tui.simulator import SimulatorSettings, serve
        folder = Path(sys.argv[1])
        (folder / "bad.yaml").write_text("flow: {id: x}\\n")
        serve(SimulatorSettings(flows_dir=folder), port=int(sys.argv[2]))
        """
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path), str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert child.stdout is not None
        lines = [child.stdout.readline() for _ in range(6)]
    finally:
        child.terminate()
        child.wait(timeout=10)
    assert (
        lines[0].strip() == f"textbots simulator on http://127.0.0.1:{port} (API and login on this base URL)"
    )
    assert "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f  Order Status (DIGITALBOT)" in "".join(lines)
    assert "bot  b0751c55-1e0a-4d7e-9b6a-3c2f1e0d9a8b  Store Assistant (AmazonLex)" in "".join(lines)
    assert "flow file problem: bad.yaml:1: flow: 'name' is required" in "".join(lines)


def serve_in_child(*args: str) -> subprocess.Popen[str]:
    script = textwrap.dedent(
        """
        import sys
        from textbots_tui.simulator import SimulatorSettings, serve
        serve(SimulatorSettings(), host=sys.argv[1], port=int(sys.argv[2]))
        """
    )
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_serve_on_port_0_prints_the_port_it_listens_on() -> None:
    child = serve_in_child("127.0.0.1", "0")
    try:
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        match = re.fullmatch(
            r"textbots simulator on (http://127\.0\.0\.1:(\d+)) \(API and login on this base URL\)", first
        )
        assert match, first
        assert int(match[2]) > 0
        # The banner comes once it listens: the URL answers straight away.
        response = httpx.get(f"{match[1]}/api/v2/flows", timeout=10)
        assert response.status_code == 401
        assert response.json()["status"] == 401
    finally:
        child.terminate()
        child.wait(timeout=10)


def test_serve_on_a_busy_port_says_so_and_exits_1() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        child = serve_in_child("127.0.0.1", str(port))
        output, _ = child.communicate(timeout=30)
    assert child.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in output
