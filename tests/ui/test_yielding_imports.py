"""The backend's imports give way to the user's keys: between steps, for half a second at most in all."""

from __future__ import annotations

import sys
import threading

from textbots_tui.ui.yielding_imports import ANSWER_WINDOW_S, KeyAnswers, import_giving_way

from .harness import make_app


def test_waiting_returns_at_once_while_no_key_is_answered() -> None:
    answers = KeyAnswers(budget_s=30)
    answers.wait()
    assert not answers.answering
    assert answers.budget_s == 30


def test_a_thread_waits_while_a_key_is_answered_and_goes_on_when_it_is() -> None:
    answers = KeyAnswers(budget_s=30)
    answers.busy()
    done = threading.Event()

    def background() -> None:
        answers.wait()
        done.set()

    thread = threading.Thread(target=background)
    thread.start()
    thread.join(0.05)
    assert thread.is_alive() and not done.is_set()  # it cannot go on before idle(), however slow the machine
    answers.idle()
    thread.join(10)
    assert done.is_set()
    assert 0 < answers.budget_s < 30


def test_the_budget_bounds_the_waits_in_all() -> None:
    answers = KeyAnswers(budget_s=0.01)
    answers.busy()
    answers.wait()  # the budget runs out: back although the key is still being answered
    assert answers.answering
    assert answers.budget_s == 0
    answers.wait()  # and from then on, no wait at all


def test_the_modules_are_imported_in_order_each_after_a_wait() -> None:
    calls: list[str] = []

    class Recording(KeyAnswers):
        def wait(self) -> None:
            calls.append("wait")

    for name in ("colorsys", "textwrap"):
        sys.modules.pop(name, None)
    import_giving_way(("colorsys", "textwrap"), Recording())
    assert calls == ["wait", "wait"]
    assert "colorsys" in sys.modules and "textwrap" in sys.modules


async def test_a_key_holds_the_backend_back_until_it_is_answered() -> None:
    said: list[str] = []

    class Recording(KeyAnswers):
        def busy(self) -> None:
            said.append("busy")
            super().busy()

        def idle(self) -> None:
            said.append("idle")
            super().idle()

    app = make_app()
    app.key_answers = Recording()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert said == []
        await pilot.press("ctrl+n")
        assert said[0] == "busy"
        await pilot.pause(ANSWER_WINDOW_S + 0.2)
        assert said[-1] == "idle"
        assert not app.key_answers.answering
