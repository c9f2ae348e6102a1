"""The UI tests' harness: the app wired to the in-process simulator, and a way to wait for it to settle."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from textual import events
from textual.pilot import Pilot

from textbots_tui.api.client import TextbotsClient
from textbots_tui.api.retry import RetryPolicy
from textbots_tui.core.connection import Connection
from textbots_tui.core.params import BotParams, FlowLaunchParams
from textbots_tui.simulator import SAMPLE_BOT_IDS, SAMPLE_FLOW_IDS, SimulatorSettings, create_app
from textbots_tui.ui.app import TextbotsApp
from textbots_tui.ui.screens.main_screen import MainScreen

ORDER_STATUS = SAMPLE_FLOW_IDS["Order Status"]
APPOINTMENTS = SAMPLE_FLOW_IDS["Appointment Booking"]
HELP_CENTRE = SAMPLE_FLOW_IDS["Help Centre FAQ"]
STORE_BOT = SAMPLE_BOT_IDS["Store Assistant"]


def order_status(**overrides: Any) -> FlowLaunchParams:
    """Launch parameters of the sample Order Status flow."""
    values: dict[str, Any] = {"flow_id": ORDER_STATUS, "flow_name": "Order Status", "language": "en-us"}
    values.update(overrides)
    return FlowLaunchParams(**values)


def store_bot() -> BotParams:
    """Parameters of the sample Store Assistant bot (it answers on any integration id)."""
    return BotParams(bot_id=STORE_BOT, integration_id="sim-integration", bot_name="Store Assistant")


async def _no_wait(_seconds: float) -> None:
    """A retry policy's sleep that returns at once, so retries cost no time in tests."""


@dataclass
class FaultSwitch:
    """Lets a test make the next turns fail with a given status, without touching the simulator."""

    status: int | None = None
    body: Mapping[str, Any] = field(
        default_factory=lambda: {"status": 500, "code": "internal.server.error", "message": "Something broke"}
    )
    listing_status: int | None = None
    """When set, listing the org's flows and bots fails with this status."""
    failed: int = 0


class SwitchableTransport(httpx.AsyncBaseTransport):
    """Passes requests to the simulator, except turns while ``switch.status`` is set."""

    def __init__(self, inner: httpx.AsyncBaseTransport, switch: FaultSwitch) -> None:
        self._inner = inner
        self._switch = switch

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Fail turns (or listings) on demand; everything else goes through."""
        listing = request.url.path.startswith(("/api/v2/flows", "/api/v2/textbots/bots/search"))
        if listing and self._switch.listing_status is not None:
            self._switch.failed += 1
            return httpx.Response(
                self._switch.listing_status,
                json={"status": self._switch.listing_status, "code": "missing.permissions", "message": "no"},
                request=request,
            )
        if self._switch.status is not None and request.url.path.endswith("/turns"):
            self._switch.failed += 1
            return httpx.Response(
                self._switch.status,
                json=dict(self._switch.body),
                headers={"ININ-Correlation-Id": "corr-fault-1"},
                request=request,
            )
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the simulator transport."""
        await self._inner.aclose()


def make_app(
    *,
    start: FlowLaunchParams | BotParams | None = None,
    settings: SimulatorSettings | None = None,
    faults: FaultSwitch | None = None,
    connection: Connection | None = None,
    keymap: Mapping[str, str] | None = None,
    auto_noinput: bool = False,
    journal_dir: Path | None = None,
    theme: str | None = "textual-dark",
    present: bool = False,
    on_started: Callable[[], None] | None = None,
) -> TextbotsApp:
    """The app as the command line builds it, against a fresh in-process simulator (seeded: stable ids)."""
    conn = connection or Connection.simulated()
    sim_settings = settings or SimulatorSettings(seed=7)

    def client_factory() -> TextbotsClient:
        transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=create_app(sim_settings))
        if faults is not None:
            transport = SwitchableTransport(transport, faults)
        return TextbotsClient(
            api_url=conn.api_url,
            login_url=conn.login_url,
            client_id="demo",
            client_secret="demo",
            transport=transport,
            retry=RetryPolicy(sleep=_no_wait),
        )

    return TextbotsApp(
        connection=conn,
        client_factory=client_factory,
        journal_dir=journal_dir,
        start=start,
        keymap=keymap,
        theme=theme,
        auto_noinput=auto_noinput,
        present=present,
        on_started=on_started,
    )


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker is done and every message they caused has been handled."""
    app = pilot.app
    assert isinstance(app, TextbotsApp)
    rounds = 20
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The client opens after the first frame: until then there may be no worker yet to wait for.
        opened = app.controller is not None or app.main_screen.last_error is not None
        # A worker just made is pending, not yet running: it counts as work still to do.
        if opened and all(worker.is_finished for worker in app.workers):
            return
    running = [worker.name or repr(worker) for worker in app.workers if not worker.is_finished]
    raise AssertionError(
        f"the app did not settle in {rounds} rounds: "
        + (f"workers still running: {', '.join(running)}" if running else "the client never opened")
    )


def main_screen(pilot: Pilot[Any]) -> MainScreen:
    """The app's main screen (whatever is pushed on top of it)."""
    app = pilot.app
    assert isinstance(app, TextbotsApp)
    return app.main_screen


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Put ``text`` into the focused widget as a paste: one event instead of a key press per character."""
    focused = pilot.app.focused
    assert focused is not None, "nothing has the focus to type into"
    focused.post_message(events.Paste(text))
    await pilot.pause()
