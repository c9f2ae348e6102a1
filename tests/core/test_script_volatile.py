"""A script saved from the Appointment Booking sample passes at once, and with the simulator's calendar moved
one day and thirty days ahead: dates, slot labels and booking references are saved as ``like`` patterns."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date, timedelta

import httpx
import pytest
import yaml

from textbots_tui.api.client import TextbotsClient
from textbots_tui.core.controller import Controller
from textbots_tui.core.export import session_to_script
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.runner import run_scenario
from textbots_tui.core.script import parse_script
from textbots_tui.simulator import SimulatorSettings, create_app, running_server
from textbots_tui.simulator.matchers import utc_today

BOOKING = "7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"


def calendar(days_ahead: int) -> SimulatorSettings:
    """A simulator whose today is ``days_ahead`` days after the real one."""
    return SimulatorSettings(today=lambda: utc_today() + timedelta(days=days_ahead))


@asynccontextmanager
async def in_process(settings: SimulatorSettings) -> AsyncIterator[TextbotsClient]:
    transport = httpx.ASGITransport(app=create_app(settings))
    async with TextbotsClient(
        api_url="http://simulator.local", client_id="demo", client_secret="demo", transport=transport
    ) as client:
        yield client


async def booked_session(client: TextbotsClient, *, strict: bool = False) -> str:
    """Book an eye test by hand, picking the second day offered, and save the session as a script."""
    controller = Controller(client)
    params = FlowLaunchParams(flow_id=BOOKING, input_variables={"Flow.CustomerName": "Sam"})
    sid = await controller.launch_flow(params)
    await controller.choose(sid, "Book an eye test")
    session = controller.session(sid)
    await controller.choose(sid, session.choices[1])  # a date slot: "Tue 08 Dec 2026 09:00"
    for label in ("10:30 am", "Covent Garden", "Yes, book it"):
        await controller.choose(sid, label)
    if strict:
        from textbots_tui.core.script import script_from_session

        return script_from_session(session.events, session.params, name="Booking", strict=True)
    return session_to_script(session)


async def failure_of(text: str, client: TextbotsClient) -> str | None:
    [loaded] = parse_script(text, "saved.yaml")
    result = await run_scenario(loaded, client)
    return None if result.failure is None else "\n".join(result.failure.details())


@pytest.fixture(scope="module")
def saved() -> Iterator[str]:
    import asyncio

    async def save() -> str:
        async with in_process(SimulatorSettings()) as client:
            return await booked_session(client)

    yield asyncio.run(save())


def test_the_saved_script_does_not_pin_what_moves(saved: str) -> None:
    steps = yaml.safe_load(saved)["steps"]
    assert {"choose": {"like": "{date} 09:00 (8 hours)", "nth": 2}} in steps
    exit_ = steps[-1]["expect"]["exit"]
    assert exit_["outputData"]["Flow.BookingReference"] == {"like": "APT-{ref}"}
    assert exit_["outputData"]["Flow.AppointmentDate"] == {"like": "{date}"}
    assert exit_["outputData"]["Flow.AppointmentTime"] == "10:30"  # what the user picked stays exact
    assert exit_["flowLocation"] == {"actionName": "Exit Bot Flow", "sequenceName": "Book"}
    assert "milestones" not in exit_
    assert exit_["outcomes"] == {"3d5f7a9b-1c2e-4f6a-8b0d-2e4f6a8c0e57": "SUCCESS"}
    assert "APT-" in saved and "{ref}" in saved
    assert str(utc_today().year) not in saved.replace(BOOKING, "")  # no date pinned anywhere


@pytest.mark.parametrize("days_ahead", [0, 1, 30])
async def test_the_saved_script_passes_on_later_days(saved: str, days_ahead: int) -> None:
    async with in_process(calendar(days_ahead)) as client:
        assert await failure_of(saved, client) is None


@pytest.mark.parametrize("days_ahead", [0, 30])
async def test_the_saved_script_passes_over_http(saved: str, days_ahead: int) -> None:
    with running_server(calendar(days_ahead)) as url:
        async with TextbotsClient(api_url=url, client_id="demo", client_secret="demo") as client:
            assert await failure_of(saved, client) is None


async def test_a_strict_save_pins_everything_and_goes_stale() -> None:
    async with in_process(SimulatorSettings()) as client:
        strict = await booked_session(client, strict=True)
    assert "actionNumber" in strict and "milestones" in strict and "{like:" not in strict
    async with in_process(calendar(30)) as client:
        failure = await failure_of(strict, client)
    assert failure is not None and "choices" in failure  # the offered days moved on


def test_moving_the_calendar_moves_the_offered_days() -> None:
    import asyncio

    async def first_day(days_ahead: int) -> str:
        async with in_process(calendar(days_ahead)) as client:
            controller = Controller(client)
            sid = await controller.launch_flow(FlowLaunchParams(flow_id=BOOKING))
            await controller.choose(sid, "Book an eye test")
            return controller.session(sid).choices[0].payload

    today = asyncio.run(first_day(0))
    later = asyncio.run(first_day(30))
    assert date.fromisoformat(later[:10]) - date.fromisoformat(today[:10]) >= timedelta(days=28)
