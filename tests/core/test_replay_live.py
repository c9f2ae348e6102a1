"""Replaying a journalled session against the live target: nothing differs against the same flow (dates and
references that moved are not differences); a change made to the simulator's flow is found, step by step."""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import httpx
from click.testing import CliRunner

from textbots_tui.api.client import TextbotsClient
from textbots_tui.cli import main
from textbots_tui.core.controller import Controller
from textbots_tui.core.journal import Journal
from textbots_tui.core.journal_lookup import find_session
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.replay_live import replay_session
from textbots_tui.core.replay_report import format_step, summary
from textbots_tui.simulator import SimulatorSettings, create_app, running_server
from textbots_tui.simulator.catalog import SAMPLES_DIR
from textbots_tui.simulator.matchers import utc_today

ORDER = "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
BOOKING = "7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"


@asynccontextmanager
async def controller_on(
    settings: SimulatorSettings, journal: Journal | None = None
) -> AsyncIterator[Controller]:
    transport = httpx.ASGITransport(app=create_app(settings))
    async with TextbotsClient(
        api_url="http://sim", client_id="a", client_secret="b", transport=transport
    ) as client:
        yield Controller(client, journal=journal)


def changed_flows(tmp_path: Path) -> SimulatorSettings:
    """The samples with Order Status's goodbye reworded: the change a replay must find."""
    folder = tmp_path / "flows"
    shutil.copytree(SAMPLES_DIR, folder)
    flow = folder / "order_status.yaml"
    text = flow.read_text(encoding="utf-8")
    flow.write_text(text.replace("Thanks for contacting Acme. Goodbye!", "Bye for now."), encoding="utf-8")
    return SimulatorSettings(flows_dir=folder, include_samples=False)


async def recorded_order_session(journal_dir: Path) -> str:
    journal = Journal(journal_dir)
    async with controller_on(SimulatorSettings(), journal) as controller:
        params = FlowLaunchParams(flow_id=ORDER, input_variables={"Flow.CustomerName": "Alex"})
        sid = await controller.launch_flow(params)
        await controller.choose(sid, "Track an order")
        await controller.send_text(sid, "12345")
        await controller.choose(sid, "No")
    journal.close()
    return sid


async def test_a_replay_of_the_same_flow_finds_nothing(tmp_path: Path) -> None:
    sid = await recorded_order_session(tmp_path)
    entry = find_session(sid, tmp_path)
    async with controller_on(SimulatorSettings()) as controller:
        result = await replay_session(entry.events, entry.params, controller)
    assert not result.differs
    assert [step.action for step in result.steps] == [
        "the start",
        'choose "Track an order" (payload track_order)',
        'say "12345"',
        'choose "No" (payload no)',
    ]
    assert summary(result) == "no differences in 4 steps"


async def test_a_replay_finds_the_change_made_to_the_flow(tmp_path: Path) -> None:
    sid = await recorded_order_session(tmp_path / "journal")
    entry = find_session(sid, tmp_path / "journal")
    async with controller_on(changed_flows(tmp_path)) as controller:
        result = await replay_session(entry.events, entry.params, controller)
    assert [step.differs for step in result.steps] == [False, False, False, True]
    [difference] = result.steps[-1].differences
    assert difference.what == "text"
    assert difference.expected == 'a message equal to "Thanks for contacting Acme. Goodbye!"'
    assert "Bye for now." in difference.got
    lines = format_step(result.steps[-1], width=100)
    assert lines[0] == 'step 3: choose "No" (payload no)  [DIFFERS]'
    assert any(
        line.startswith("! ") and "Thanks for contacting" in line and "Bye for now." in line for line in lines
    )
    assert summary(result) == "1 of 4 steps differs"


async def test_dates_and_references_that_moved_are_not_differences(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    async with controller_on(SimulatorSettings(), journal) as controller:
        sid = await controller.launch_flow(FlowLaunchParams(flow_id=BOOKING))
        await controller.choose(sid, "Book an eye test")
        await controller.choose(sid, controller.session(sid).choices[1])  # a date slot
        for label in ("10:30 am", "Covent Garden", "Yes, book it"):
            await controller.choose(sid, label)
    journal.close()
    entry = find_session(sid, tmp_path)
    later = SimulatorSettings(today=lambda: utc_today() + timedelta(days=30))
    async with controller_on(later) as controller:
        result = await replay_session(entry.events, entry.params, controller)
    assert not result.differs, [d for s in result.steps for d in s.differences]
    assert len(result.steps) == 6


async def test_a_choice_no_longer_offered_stops_the_replay_as_a_difference(tmp_path: Path) -> None:
    sid = await recorded_order_session(tmp_path / "journal")
    entry = find_session(sid, tmp_path / "journal")
    settings = changed_flows(tmp_path)
    flow = tmp_path / "flows" / "order_status.yaml"
    flow.write_text(
        flow.read_text(encoding="utf-8").replace("payload: track_order", "payload: track"), "utf-8"
    )
    async with controller_on(settings) as controller:
        result = await replay_session(entry.events, entry.params, controller)
    assert len(result.steps) == 2 and result.steps[-1].now is None
    assert result.steps[-1].problem is not None and "no longer offered" in result.steps[-1].problem


def test_the_replay_command_over_http_exits_1_on_a_difference_and_0_without(tmp_path: Path) -> None:
    import asyncio

    journal = tmp_path / "data" / "journal"
    sid = asyncio.run(recorded_order_session(journal))
    env = {
        "TEXTBOTS_TUI_DATA_DIR": str(tmp_path / "data"),
        "TEXTBOTS_TUI_CONFIG": str(tmp_path / "none.toml"),
        "GENESYSCLOUD_OAUTHCLIENT_ID": "demo",
        "GENESYSCLOUD_OAUTHCLIENT_SECRET": "demo",
    }
    runner = CliRunner()
    with running_server(changed_flows(tmp_path)) as url:
        result = runner.invoke(main, ["replay", sid[:12], "--api-url", url], env=env)
    assert result.exit_code == 1, result.output
    assert 'step 3: choose "No" (payload no)  [DIFFERS]' in result.output
    assert "Note: this session was journalled before targets were recorded" in result.output
    assert result.output.rstrip().endswith("1 of 4 steps differs")
    with running_server(SimulatorSettings()) as url:
        result = runner.invoke(main, ["replay", sid, "--api-url", url], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("no differences in 4 steps")
    targets = [json.loads(path.read_text().splitlines()[0]).get("target") for path in journal.glob("*.jsonl")]
    assert {"api_url": url} in targets, "the replayed session is journalled with the target it talked to"
    result = runner.invoke(main, ["replay", "nope", "--simulator"], env=env)
    assert (
        result.exit_code == 2 and "nope: no such journal file, and no session with this id" in result.output
    )
