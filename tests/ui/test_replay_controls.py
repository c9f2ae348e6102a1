"""The demo replay's controls (alt+r): space pauses and resumes, right shows one turn at a time, up and down
change the speed; typing still stops it."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from .harness import main_screen, make_app, order_status, settle
from .test_session_tools import Gate


def message(pilot: Pilot[Any]) -> str:
    return str(main_screen(pilot).input_bar.query_one("#input-message").render())


async def test_pause_step_and_speed() -> None:
    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        full = screen.chat.export_text()
        gate = Gate()
        screen.replay.sleep = gate
        await pilot.press("alt+r")
        await pilot.pause()
        replay = screen.replay
        first = replay.shown
        assert 0 < first < replay.total and gate.delays
        await pilot.press("space")
        await pilot.pause()
        assert replay.paused and "paused" in message(pilot)
        assert screen.input_bar.value == "", "space is the replay's, not typed"
        await pilot.press("up")
        await pilot.press("up")
        await pilot.pause()
        assert replay.speed == 4.0 and "at 4x" in message(pilot)
        await pilot.press("down")
        await pilot.pause()
        assert replay.speed == 2.0
        gate.opened.set()  # the wait in progress ends, but the replay holds
        await pilot.pause()
        assert replay.shown == first, "paused: nothing more is drawn"
        await pilot.press("right")
        await pilot.pause()
        assert replay.shown == first + 1 and replay.paused, "one turn, then it holds again"
        await pilot.press("right")
        await pilot.pause()
        assert replay.shown == first + 2
        assert all(delay > 0 for delay in gate.delays)
        await pilot.press("space")  # play on to the end
        for _ in range(50):
            await pilot.pause()
            if replay.session_id is None:
                break
        assert replay.session_id is None and screen.chat.export_text() == full
        assert "up" not in screen.active_bindings or screen.active_bindings["up"].binding.action != (
            "app.show('replay_faster')"
        ), "up is the input line's history again"


async def test_speed_applies_to_the_waits() -> None:
    from textbots_tui.core.replay_pacing import replay_events

    async with make_app(start=order_status()).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        assert screen.session is not None
        recorded = [delay for delay, _ in replay_events(screen.session) if delay > 0]
        gate = Gate()
        screen.replay.sleep = gate
        await pilot.press("alt+r")
        await pilot.pause()
        await pilot.press("up")  # 2x, from the next wait on
        gate.opened.set()
        for _ in range(50):
            await pilot.pause()
            if screen.replay.session_id is None:
                break
        assert gate.delays == [recorded[0]] + [d / 2 for d in recorded[1:]]
