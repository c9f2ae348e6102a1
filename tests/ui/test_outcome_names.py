"""Outcome and milestone names in the app: the exit banner, the variables view and the inspector's summary,
and the ids as before when the org refuses to name them (403)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from textbots_tui.simulator import SimulatorSettings
from textbots_tui.ui.screens.variables_modal import VariablesModal

from .harness import main_screen, make_app, order_status, settle

TRACKED = "f1b3d5e7-9a2c-4e6f-8d0b-2c4e6a8f0b13"
FOUND = "b7d9f1a3-5c2e-4a8b-9d0f-1e3a5c7b9d46"


async def track_order_to_the_end(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    for keys in (("1", "enter"), (*"12345", "enter"), ("2", "enter")):  # Track an order, 12345, No
        await pilot.press(*keys)
        await settle(pilot)


async def test_names_in_the_banner_the_variables_and_the_inspector() -> None:
    async with make_app(start=order_status()).run_test(size=(140, 50)) as pilot:
        await track_order_to_the_end(pilot)
        screen = main_screen(pilot)
        banner = screen.chat.export_text()
        assert f"✔ Order tracked  {TRACKED}  SUCCESS" in banner
        assert f"◆ milestone Order found  {FOUND}" in banner
        await pilot.press("f3")
        await settle(pilot)
        assert screen.inspector is not None
        summary = str(screen.inspector.query_one("#exchange-summary").render())
        assert "outcome Order tracked SUCCESS (Order number captured, Order found)" in summary
        await pilot.press("f4")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, VariablesModal)
        fields = dict(modal.fields)
        assert fields["outcome"].startswith(
            "Order tracked: SUCCESS · reached Order number captured, Order found"
        )


async def test_a_403_shows_the_ids_and_the_session_goes_on() -> None:
    refused = SimulatorSettings(
        seed=1, missing_permissions=frozenset({"architect:flowOutcome:view", "architect:flowMilestone:view"})
    )
    async with make_app(start=order_status(), settings=refused).run_test(size=(140, 50)) as pilot:
        await track_order_to_the_end(pilot)
        screen = main_screen(pilot)
        banner = screen.chat.export_text()
        assert f"✔ {TRACKED}  SUCCESS" in banner and f"◆ milestone {FOUND}" in banner
        assert "Order tracked" not in banner
        assert screen.last_error is None, "a refused name lookup is no error for the user"
        assert screen.controller is not None and screen.controller.names.refused == {"outcome", "milestone"}
        await pilot.press("ctrl+r")  # the app goes on: a new session starts
        await settle(pilot)
        assert "Hi" in screen.chat.export_text()
