"""The no-input countdown (and automatic NoInput), the connection header, and links from the chat."""

from __future__ import annotations

from dataclasses import replace

from textbots_tui.core.connection import Connection
from textbots_tui.core.events import UserInputSent
from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.connection_bar import ConnectionBar

from .harness import main_screen, make_app, order_status, settle


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_countdown_follows_the_flow_timeout_and_can_send_noinput_by_itself() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        countdown = screen.countdown
        assert countdown.running and countdown.remaining_s in (299, 300)
        clock = FakeClock()
        countdown.clock = clock
        countdown.start(300_000)
        await pilot.pause()
        assert countdown.render_line(0).text.strip() == "NoInput in 300 s (ctrl+t sends it automatically)"

        clock.now += 299.5
        countdown.tick()
        assert countdown.remaining_s == 1 and countdown.has_class("-urgent")
        clock.now += 1
        countdown.tick()
        await settle(pilot)
        assert not countdown.running
        assert "no-input time is up" in str(screen.input_bar.query_one("#input-message").render())
        assert screen.session is not None
        assert not [event for event in screen.session.events if isinstance(event, UserInputSent)]

        await pilot.press("ctrl+t")
        assert countdown.auto_noinput and "sent automatically" in str(countdown.render())
        await pilot.press("f6")  # NoMatch: the flow asks again, and the countdown starts again
        await settle(pilot)
        assert countdown.running

        await pilot.press("1", "enter")
        await settle(pilot)
        assert countdown.running, "every wait starts the countdown again"

        screen.chat.post_message(ChatPane.LinkActivated(screen.chat, "https://example.com/returns"))
        await pilot.pause()
        assert pilot.app.clipboard == "https://example.com/returns", "links from the chat are copied"

        clock.now += 301
        countdown.tick()
        await settle(pilot)
        sent = [event.input_type for event in screen.session.events if isinstance(event, UserInputSent)]
        assert sent == ["NoMatch", "UserInput", "NoInput"]
        # A digital bot flow does not reprompt on no input: its no-input handling ended the chat.
        assert screen.session.ended is not None and screen.session.ended.how == "disconnect"
        screen.action_toggle_auto_noinput()
        assert not countdown.auto_noinput


async def test_header_names_the_simulator_and_warns_about_production() -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = main_screen(pilot).query_one(ConnectionBar)
        assert "SIMULATOR" in str(bar.query_one("#connection-label").render())
        assert not bar.has_class("-production")

    production = replace(
        Connection.simulated(),
        simulator=False,
        production=True,
        label="profile prod",
        profile="prod",
        region="eu",
    )
    async with make_app(connection=production).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = main_screen(pilot).query_one(ConnectionBar)
        label = str(bar.query_one("#connection-label").render())
        assert "PRODUCTION" in label and "profile prod" in label and "region eu" in label
        assert bar.has_class("-production")
