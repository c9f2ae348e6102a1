"""The bot dialog, driven by keyboard in a tiny host app."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Collapsible, Input, Label, Select, SelectionList, TextArea

from textbots_tui.api.errors import APIConnectionError
from textbots_tui.core.params import BotParams, TargetSummary
from textbots_tui.ui.recent import RecentValues
from textbots_tui.ui.screens.bot_modal import BotModal

LEX = TargetSummary("bl", "Order bot", "bot", type_name="AmazonLex")
FLOW_BOT = TargetSummary("bf", "Flow bot", "bot", type_name="GenesysDigitalBotFlow")


class Host(App[None]):
    """Pushes the modal on mount and records what it was dismissed with."""

    def __init__(self, modal: BotModal) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[BotParams | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


async def load_two() -> list[TargetSummary]:
    return [LEX, FLOW_BOT]


async def load_fails() -> list[TargetSummary]:
    raise APIConnectionError("the API did not answer")


async def opened(pilot: Pilot[Any]) -> BotModal:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BotModal)
    return screen


async def tab_to(pilot: Pilot[Any], selector: str) -> Widget:
    target = pilot.app.screen.query_one(selector)
    for _ in range(25):
        if pilot.app.focused is target:
            return target
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {selector}")


async def focus(pilot: Pilot[Any], selector: str) -> None:
    """Focus a field directly, for tests about something other than the tab order."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


async def paste(pilot: Pilot[Any], text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def error_of(modal: BotModal, key: str) -> str:
    label = modal.query_one(f"#{key}-error", Label)
    return str(label.render()) if label.has_class("-shown") else ""


async def test_a_full_bot_start_by_keyboard() -> None:
    recent = RecentValues(None)
    app = Host(BotModal(recent=recent))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert app.focused is modal.query_one("#bot-id")
        await pilot.press("b", "1", "tab")
        assert app.focused is modal.query_one("#integration-id")
        await pilot.press("i", "1", "tab", "v", "2")  # alias
        await tab_to(pilot, "#bot-channels")
        await pilot.press("down", "down", "space", "up", "up", "space")  # Messaging, then Call
        await tab_to(pilot, "#messaging-platform-type")
        await pilot.press("enter", "end", "enter")  # the last platform: Unknown
        await tab_to(pilot, "#session-timeout-minutes")
        await pilot.press("3", "0")
        await tab_to(pilot, "#amazon-lex-section CollapsibleTitle")
        await pilot.press("enter")  # open the Amazon Lex section
        await tab_to(pilot, "#lex-session-attributes")
        await paste(pilot, "tier = gold\nregion = eu")
        await tab_to(pilot, "#nuance-mix-dlg-section CollapsibleTitle")
        await pilot.press("enter")
        await tab_to(pilot, "#nuance-input-parameters")
        await paste(pilot, "retries = 2")
        await pilot.press("ctrl+s")
        await pilot.pause()
    expected = BotParams(
        bot_id="b1",
        integration_id="i1",
        bot_alias="v2",
        bot_channels=("Call", "Messaging"),
        messaging_platform_type="Unknown",
        session_timeout_minutes=30,
        amazon_lex={"sessionAttributes": {"tier": "gold", "region": "eu"}},
        nuance_mix_dlg={"inputParameters": {"retries": 2}},
    )
    assert app.results == [expected]
    assert recent.for_bot("b1") == expected


async def test_integration_id_is_required() -> None:
    app = Host(BotModal())
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await pilot.press("b", "1", "ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.screen is modal
        assert error_of(modal, "integration-id") == "Enter the integration id"
        assert error_of(modal, "bot-id") == ""
        assert app.focused is modal.query_one("#integration-id")
        await pilot.press("i", "9", "enter")  # enter moves on; only ctrl+s or the last field submits
        assert error_of(modal, "integration-id") == ""
        assert app.results == []
        await pilot.click("#submit")
        await pilot.pause()
    assert app.results == [BotParams(bot_id="b1", integration_id="i9")]


async def test_a_bad_provider_field_opens_its_section_and_is_named() -> None:
    app = Host(BotModal(initial=BotParams("b1", "i1", session_timeout_minutes=None)))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        section = modal.query_one("#genesys-bot-connector-section", Collapsible)
        assert section.collapsed
        modal.query_one("#connector-query-parameters", TextArea).text = "a = 1\nbroken"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert not section.collapsed
        assert (
            error_of(modal, "connector-query-parameters") == "Line 2: expected 'name = value', got 'broken'"
        )
        field = modal.query_one("#connector-query-parameters", TextArea)
        assert app.focused is field
        assert field.cursor_location == (1, 0)


async def test_timeout_must_be_a_positive_whole_number() -> None:
    app = Host(BotModal(initial=BotParams("b1", "i1")))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await focus(pilot, "#session-timeout-minutes")
        await pilot.press("-", "x", "0")
        assert modal.query_one("#session-timeout-minutes", Input).value == "0"  # only digits get in
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert error_of(modal, "session-timeout-minutes") == "The session timeout must be greater than 0"


async def test_picking_a_bot_fills_id_and_name() -> None:
    app = Host(BotModal(load_bots=load_two))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await tab_to(pilot, "#bot-picker .picker-list")
        await pilot.press("down", "enter")  # the second bot
        await pilot.pause()
        assert modal.query_one("#bot-id", Input).value == "bf"
        assert app.focused is modal.query_one("#integration-id")
        await pilot.press("i", "1", "ctrl+s")
        await pilot.pause()
    assert app.results == [BotParams(bot_id="bf", integration_id="i1", bot_name="Flow bot")]


async def test_a_failed_list_is_shown_and_a_typed_id_still_starts() -> None:
    app = Host(BotModal(load_bots=load_fails))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        message = modal.query_one("#bot-picker .field-error", Label)
        assert str(message.render()) == (
            "Cannot list bots: listing the bots failed (Connection failed): the API did not answer\n"
            "Check the network and the API URL.\nA typed id still works."
        )
        await pilot.press("b", "tab", "i", "ctrl+s")
        await pilot.pause()
    assert app.results == [BotParams(bot_id="b", integration_id="i")]


async def test_remembered_values_prefill_and_follow_the_bot_id() -> None:
    recent = RecentValues(None)
    lex = BotParams(
        "bl",
        "i-lex",
        bot_channels=("Messaging",),
        messaging_platform_type="Whatsapp",
        google_dialogflow={"environment": "draft"},
        bot_name="Order bot",
    )
    recent.remember_bot(lex)
    recent.remember_bot(BotParams("bx", "i-x", language="fr"))
    app = Host(BotModal(recent=recent, load_bots=load_two))
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        assert modal.query_one("#bot-id", Input).value == "bx"
        assert modal.query_one("#language", Input).value == "fr"
        assert modal.query_one("#google-dialogflow-section", Collapsible).collapsed

        await pilot.press("end", "ctrl+u", "b", "l")
        assert modal.query_one("#integration-id", Input).value == "i-lex"
        assert modal.query_one("#language", Input).value == ""
        assert modal.query_one("#bot-channels", SelectionList).selected == ["Messaging"]
        assert modal.query_one("#messaging-platform-type", Select).value == "Whatsapp"
        assert not modal.query_one("#google-dialogflow-section", Collapsible).collapsed
        assert modal.query_one("#dialogflow-environment", Input).value == "draft"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [lex]


async def test_initial_settings_round_trip_unchanged() -> None:
    initial = BotParams(
        "b1",
        "i1",
        bot_alias="prod",
        language="en-US",
        bot_channels=("Call", "Webchat"),
        session_timeout_minutes=15,
        amazon_lex={"requestAttributes": {"a": "1"}},
        google_dialogflow={"eventName": "WELCOME", "eventInputParameters": {"x": "y"}},
        genesys_bot_connector={"queryParameters": {"q": "v"}},
        nuance_mix_dlg={"channelId": "web", "inputParameters": {"n": [1]}},
        bot_name="One",
        choice_mode="rich_media",
    )
    app = Host(BotModal(initial=initial))
    async with app.run_test(size=(100, 40)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [initial]


async def test_escape_cancels() -> None:
    app = Host(BotModal())
    async with app.run_test(size=(100, 40)) as pilot:
        modal = await opened(pilot)
        await pilot.press("b", "escape")
        await pilot.pause()
        assert app.screen is not modal
    assert app.results == [None]
