"""Failure reports and JUnit cut huge texts (a bot answer, a ``say:``) with a note of how much was cut."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.report import REPORT_LINE_CHARS
from textbots_tui.core.runner import run_scripts
from textbots_tui.simulator import SimulatorSettings, create_app

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
HUGE = "y" * 300_000


def simulator_client() -> TextbotsClient:
    return TextbotsClient(
        api_url="http://simulator.local",
        client_id="demo",
        client_secret="demo",
        transport=httpx.ASGITransport(app=create_app(SimulatorSettings())),
    )


async def test_a_huge_say_is_cut_in_the_report_and_the_junit(tmp_path: Path) -> None:
    script = tmp_path / "big.yaml"
    script.write_text(
        f"- name: Huge\n  target: {{flow: {{id: {ORDER}}}}}\n  steps:\n"
        f"    - say: {HUGE}\n    - expect: {{text: {{contains: {HUGE}}}}}\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    junit = tmp_path / "junit.xml"
    code = await run_scripts([script], client_factory=simulator_client, out=out, junit=junit)
    assert code == 1
    output = out.getvalue()
    assert max(len(line) for line in output.splitlines()) < REPORT_LINE_CHARS + 50
    assert "more characters cut]" in output
    (failure,) = ET.parse(junit).getroot().iter("failure")
    assert len(failure.get("message", "")) < REPORT_LINE_CHARS + 50
    assert failure.text is not None
    assert max(len(line) for line in failure.text.splitlines()) < REPORT_LINE_CHARS + 50
