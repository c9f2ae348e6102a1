"""``run --update``: failed expectations are rewritten in place with what the bot says now; passing steps,
hand-written matchers that still hold, comments and formatting stay; a step that cannot be played still
fails; ``--dry-run`` prints the diff and writes nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, cast

import httpx
import pytest
import yaml

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.runner import run_scripts
from textbots_tui.simulator import SimulatorSettings, create_app, running_server

if TYPE_CHECKING:
    from textbots_tui.core.runner import UpdateMode

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"

STALE = f"""\
# Hand-written: the comments and the layout must survive an update.
- name: Happy path
  target:
    flow: {{id: {ORDER}}}          # Order Status
    inputData: {{Flow.CustomerName: Alex}}
  steps:
    - expect:
        text: [{{contains: Alex}}, "What would you like today?"]   # the second is stale
        choices: [Track an order, Talk to an agent]                 # one choice is missing
        nextAction: WaitForInput
    - choose: Track an order
    - expect: {{text: {{contains: "what is your order number?"}}}}
    - say: "12345"
    - expect: {{text: {{contains: is shipped}}}}
    - choose: "No"
    - expect:
        exit:
          reason: AgentRequestedByUser      # stale: the flow ends it itself
          flowLocation: {{actionName: Exit Bot Flow, sequenceName: Goodbye}}
          outputData:
            Flow.OrderNumber: "12345"
            Flow.OrderStatus: Delivered     # stale
          outcomes: {{f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13: FAILURE}}

- name: Still green
  target:
    flow: {{id: {ORDER}}}
  steps:
    - choose: Track an order
    - expect: {{text: {{contains: order number}}}}
"""


def client_factory() -> TextbotsClient:
    transport = httpx.ASGITransport(app=create_app(SimulatorSettings()))
    return TextbotsClient(api_url="http://sim", client_id="a", client_secret="b", transport=transport)


async def run(path: Path, update: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    mode = cast("UpdateMode | None", update)
    code = await run_scripts([path], client_factory=client_factory, out=out, update=mode)
    return code, out.getvalue()


async def test_an_update_rewrites_only_what_failed_and_then_passes(tmp_path: Path) -> None:
    script = tmp_path / "stale.yaml"
    script.write_text(STALE, encoding="utf-8")
    code, printed = await run(script, "write")
    assert code == 0, printed
    after = script.read_text(encoding="utf-8")
    assert f"--- {script}\n+++ {script} (updated)\n" in printed
    assert "-        choices: [Track an order, Talk to an agent]" in printed
    assert "+        choices: [Track an order, Return an item, Talk to an agent]" in printed
    assert "updated 2 expectations in 1 file" in printed
    assert printed.rstrip().endswith("2 passed, 0 failed")
    # Untouched: the comments, the passing steps, the hand-written matcher that still holds.
    for kept in (
        "# Hand-written: the comments and the layout must survive an update.\n",
        f"    flow: {{id: {ORDER}}}          # Order Status\n",
        '    - expect: {text: {contains: "what is your order number?"}}\n',
        "        nextAction: WaitForInput\n",
        "          flowLocation: {actionName: Exit Bot Flow, sequenceName: Goodbye}\n",
        '            Flow.OrderNumber: "12345"\n',
        "    - expect: {text: {contains: order number}}\n",
    ):
        assert kept in after, kept
    first = yaml.safe_load(after)[0]["steps"]
    assert first[0]["expect"]["text"] == [{"contains": "Alex"}, "What can I help you with today?"]
    end = first[-1]["expect"]["exit"]
    assert end["reason"] == "TriggeredByFlow"
    assert end["outputData"] == {"Flow.OrderNumber": "12345", "Flow.OrderStatus": "Shipped"}
    assert end["outcomes"] == {"f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13": "SUCCESS"}
    removed = [line[1:].split("#")[0].strip() for line in printed.splitlines() if line.startswith("-    ")]
    assert removed == [
        'text: [{contains: Alex}, "What would you like today?"]',
        "choices: [Track an order, Talk to an agent]",
        "reason: AgentRequestedByUser",
        "Flow.OrderStatus: Delivered",
        "outcomes: {f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13: FAILURE}",
    ]
    code, printed = await run(script)
    assert code == 0, printed


async def test_an_update_of_a_passing_script_changes_nothing(tmp_path: Path) -> None:
    script = tmp_path / "green.yaml"
    green = STALE.split("- name: Still green")[1]
    script.write_text("- name: Still green" + green, encoding="utf-8")
    before = script.read_bytes()
    code, printed = await run(script, "write")
    assert code == 0
    assert "---" not in printed and "updated 0 expectations in 0 files" in printed
    assert script.read_bytes() == before


async def test_a_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    script = tmp_path / "stale.yaml"
    script.write_text(STALE, encoding="utf-8")
    code, printed = await run(script, "dry-run")
    assert code == 1
    assert "+        choices: [Track an order, Return an item, Talk to an agent]" in printed
    assert "would update 2 expectations in 1 file" in printed
    assert printed.rstrip().endswith("1 passed, 1 failed")
    assert script.read_text(encoding="utf-8") == STALE


async def test_a_step_that_cannot_be_played_still_fails(tmp_path: Path) -> None:
    script = tmp_path / "gone.yaml"
    text = STALE.replace('    - choose: "No"', "    - choose: Cancel my order")
    script.write_text(text, encoding="utf-8")
    code, printed = await run(script, "write")
    assert code == 1
    assert "refused: no offered choice matches 'Cancel my order'" in printed
    assert printed.rstrip().endswith("1 passed, 1 failed")
    after = script.read_text(encoding="utf-8")
    assert "    - choose: Cancel my order\n" in after
    assert "What can I help you with today?" in after  # the expectations before it are still updated


async def test_an_expect_filled_from_cases_is_left_alone(tmp_path: Path) -> None:
    script = tmp_path / "cases.yaml"
    text = f"""\
name: Lookup
cases: [{{status: Lost}}]
target: {{flow: {{id: {ORDER}}}}}
steps:
  - choose: Track an order
  - say: "12345"
  - expect: {{text: {{contains: "is {{{{status}}}}"}}}}
"""
    script.write_text(text, encoding="utf-8")
    code, printed = await run(script, "write")
    assert code == 1
    assert f"{script}:7: not updated: this expect uses {{{{name}}}} from cases (Lookup [case 1])" in printed
    assert script.read_text(encoding="utf-8") == text


def test_an_update_over_http(tmp_path: Path) -> None:
    import asyncio

    script = tmp_path / "stale.yaml"
    script.write_text(STALE, encoding="utf-8")
    with running_server(SimulatorSettings()) as url:

        async def go() -> int:
            return await run_scripts(
                [script],
                client_factory=lambda: TextbotsClient(api_url=url, client_id="a", client_secret="b"),
                out=io.StringIO(),
                update="write",
            )

        assert asyncio.run(go()) == 0
    assert "Return an item" in script.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["--dry-run"]])
def test_dry_run_needs_update(args: list[str], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from textbots_tui.cli import main

    script = tmp_path / "s.yaml"
    script.write_text(STALE, encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(script), "--simulator", *args])
    assert result.exit_code == 2 and "--dry-run goes with --update" in result.output
