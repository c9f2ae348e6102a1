"""Characters that act instead of showing (bidi controls, zero-width characters, line separators, C1
controls) never reach run output, JUnit, or the Markdown and YAML exports raw: one rule for all of them."""

from __future__ import annotations

import httpx
import yaml

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.text import UNSAFE_CHARS, escape_unsafe
from textbots_tui.core.controller import Controller
from textbots_tui.core.export_markdown import session_to_markdown
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.runner import run_scenario
from textbots_tui.core.script import parse_script, script_from_session
from textbots_tui.simulator import SimulatorSettings, create_app

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
HOSTILE = "A\u202elex\u2066\u200b\u2028x\ufeff\x9b\x7f"
RAW = "\u202e\u2066\u200b\u2028\ufeff\x9b\x7f"


def test_the_one_rule_makes_each_visible() -> None:
    assert escape_unsafe(HOSTILE) == "A\\u202elex\\u2066\\u200b\\u2028x\\ufeff\\x9b\u2421"
    # Joiners stay: emoji sequences need them.
    assert escape_unsafe("👩\u200d💻") == "👩\u200d💻"


async def test_exports_carry_no_raw_control_and_the_script_replays() -> None:
    transport = httpx.ASGITransport(app=create_app(SimulatorSettings()))
    async with TextbotsClient(
        api_url="http://simulator.local", client_id="demo", client_secret="demo", transport=transport
    ) as client:
        controller = Controller(client)
        params = FlowLaunchParams(flow_id=ORDER, input_variables={"Flow.CustomerName": HOSTILE})
        sid = await controller.launch_flow(params)
        await controller.send_text(sid, f"say {HOSTILE}")
        session = controller.session(sid)

        markdown = session_to_markdown(session)
        assert "\\u202elex" in markdown
        assert not any(ch in markdown for ch in RAW)

        text = script_from_session(session.events, params)
        assert not UNSAFE_CHARS.search(text), text
        document = yaml.safe_load(text)
        assert document["target"]["inputData"]["Flow.CustomerName"] == HOSTILE  # escaped, not changed
        [loaded] = parse_script(text, "saved.yaml")
        result = await run_scenario(loaded, client)
        assert result.failure is None, "\n".join(result.failure.details())
