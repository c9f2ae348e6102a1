"""The bot dialog's integration id: filled and explained when the connection is the built-in simulator (which
accepts any value), and left to the user against a real org (whose bot listing does not carry it)."""

from __future__ import annotations

from textual.widgets import Input, Label

from textbots_tui.core.connection import SIMULATOR_URL, Connection
from textbots_tui.core.params import BotParams
from textbots_tui.ui.recent import RecentValues
from textbots_tui.ui.screens.bot_modal import SIMULATOR_INTEGRATION_ID, BotModal

from .harness import STORE_BOT, main_screen, make_app, settle
from .test_bot_modal import Host, load_two, opened


async def test_against_the_simulator_the_id_is_filled_and_any_value_is_said_to_work() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, BotModal)
        assert modal.query_one("#integration-id", Input).value == SIMULATOR_INTEGRATION_ID
        note = modal.query_one("#integration-note", Label)
        assert note.display
        assert str(note.render()) == "The built-in simulator accepts any integration id: this one will do."
        await pilot.press(*"store")  # the sample bot, by part of its name
        await pilot.press("ctrl+s")
        await settle(pilot)
        session = main_screen(pilot).session
        assert session is not None
        params = session.params
        assert isinstance(params, BotParams)
        assert (params.bot_id, params.integration_id) == (STORE_BOT, SIMULATOR_INTEGRATION_ID)


async def test_a_real_org_is_not_said_to_take_any_value() -> None:
    # The same simulator behind it, but a connection that does not know it: what a real org looks like.
    org = Connection(SIMULATOR_URL, SIMULATOR_URL, client_id="demo", client_secret="demo", label="an org")
    app = make_app(connection=org)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, BotModal)
        assert modal.query_one("#integration-id", Input).value == ""
        assert not modal.query_one("#integration-note", Label).display
        await pilot.press(*"store", "ctrl+s")
        await pilot.pause()
        assert app.screen is modal  # the integration id is still required


async def test_a_remembered_integration_id_wins_over_the_filled_one() -> None:
    recent = RecentValues(None)
    recent.remember_bot(BotParams("bl", "i-lex"))
    app = Host(BotModal(load_bots=load_two, recent=recent, any_integration=True))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert modal.query_one("#integration-id", Input).value == "i-lex"
