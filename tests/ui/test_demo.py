"""Scripted demos in the TUI: a demo that advances by space to the end, one that pauses on a deviation
(expected versus got) and goes on by hand, auto-advance, and the palette entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from textbots_tui.core.demo import choose_scenario
from textbots_tui.ui.demo_player import DemoRequest
from textbots_tui.ui.screens.demo_modal import DemoModal

from .harness import main_screen, make_app, settle, type_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEVIATING = """\
name: Order status, a script out of date
target:
  flow: {id: 5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f}
steps:
  - expect: {text: {contains: welcome to Acme Support}}
  - choose: Track an order
  - expect: {text: {contains: "What is your account number?"}}
  - say: "12345"
  - expect: {text: {contains: shipped}}
"""


async def instant(_delay: float) -> None:
    return None


def message(pilot: Pilot[Any]) -> str:
    return str(main_screen(pilot).input_bar.query_one("#input-message").render())


async def start(pilot: Pilot[Any], request: DemoRequest) -> None:
    await settle(pilot)
    screen = main_screen(pilot)
    screen.show.demo.sleep = instant
    screen.show.demo.start(request)
    await settle_demo(pilot)


async def settle_demo(pilot: Pilot[Any]) -> None:
    """Until the demo waits for the presenter (or is over) and nothing else runs. (``settle`` would wait
    for the demo's worker, which waits for the presenter.)"""
    demo = main_screen(pilot).show.demo
    for _ in range(400):
        await pilot.pause()
        others = any(w.is_running and w.group != "demo" for w in pilot.app.workers)
        if demo.state in ("ready", "paused", "finished", "idle") and demo.script is not None and not others:
            return
    raise AssertionError(f"the demo never settled: {demo.state}")


async def test_a_demo_advances_by_space_to_the_end() -> None:
    loaded = choose_scenario(EXAMPLES / "order-status.yaml", "Order status, happy path")
    async with make_app().run_test(size=(120, 40)) as pilot:
        await start(pilot, DemoRequest(loaded))
        screen = main_screen(pilot)
        demo = screen.show.demo
        assert demo.state == "ready"
        assert "Step 2/7: space types 'Track an order'" in message(pilot)
        assert "You" not in screen.chat.export_text(), "nothing is sent before the presenter says so"
        for expected in ("Track an order", "12345", "No"):
            await pilot.press("space")
            await settle_demo(pilot)
            assert expected in screen.chat.export_text()
        assert demo.state == "finished" and demo.deviations == []
        assert "Demo finished: Order status, happy path" in message(pilot)
        assert screen.input_bar.value == "", "space went to the demo, never into the input line"
        assert "Thanks for contacting Acme. Goodbye!" in screen.chat.export_text()


async def test_a_deviation_pauses_the_demo_and_the_presenter_goes_on_by_hand(tmp_path: Path) -> None:
    script = tmp_path / "deviating.yaml"
    script.write_text(DEVIATING, encoding="utf-8")
    notes: list[tuple[str, dict[str, Any]]] = []
    app = make_app()
    app.notify = lambda text, **options: notes.append((text, options))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, DemoRequest(choose_scenario(script, None)))
        screen = main_screen(pilot)
        demo = screen.show.demo
        await pilot.press("enter")  # Enter on an empty line plays the step too
        await settle_demo(pilot)
        assert demo.state == "paused"
        (deviation,) = demo.deviations
        assert deviation.location.endswith("deviating.yaml:7")
        summary = deviation.summary()
        assert "expected" in summary and "What is your account number?" in summary
        assert "Sure - what is your order number?" in summary, summary
        assert f"Paused at step 3: {summary}" in message(pilot)
        text, options = notes[-1]
        assert options["severity"] == "warning" and "The bot said:" in text
        # By hand: typed text is the presenter's (space types, Enter sends it as usual).
        await type_text(pilot, "12345")
        await pilot.press("enter")
        await settle_demo(pilot)
        assert "Order 12345 is shipped" in screen.chat.export_text()
        assert demo.state == "paused"
        await pilot.press("space")  # back to the script: its next step
        await settle_demo(pilot)
        assert demo.state == "ready" and "Step 4/5: space types '12345'" in message(pilot)
        await pilot.press("escape")
        await settle_demo(pilot)
        assert demo.state == "idle" and "Demo stopped" in message(pilot)


async def test_auto_advances_by_itself_at_its_pace() -> None:
    loaded = choose_scenario(EXAMPLES / "order-status.yaml", "Order status, happy path")
    waits: list[float] = []

    async def recorded(delay: float) -> None:
        waits.append(delay)

    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        demo = main_screen(pilot).show.demo
        demo.sleep = recorded
        demo.start(DemoRequest(loaded, auto=True, pace=2.5))
        for _ in range(400):
            await pilot.pause()
            if demo.state == "finished":
                break
        assert demo.state == "finished" and demo.deviations == []
        assert waits.count(2.5) == 3, "one pause before each of the three user steps"


async def test_the_palette_opens_the_demo_dialog_and_bad_scripts_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nsteps: []\n", encoding="utf-8")
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Play a script as a demo")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, DemoModal)
        await type_text(pilot, str(bad))
        await pilot.press("enter")
        await pilot.pause()
        problem = str(modal.query_one("#demo-problem").render())
        assert "bad.yaml" in problem, problem
        assert pilot.app.screen is modal, "nothing starts"
        modal.query_one("#demo-script").value = str(EXAMPLES / "order-status.yaml")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle_demo(pilot)
        assert main_screen(pilot).show.demo.state == "ready"
