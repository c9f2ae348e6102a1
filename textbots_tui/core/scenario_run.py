"""One scenario playing against its controller: the session it starts, its steps, and where it failed.

:class:`ScenarioRun` keeps what the scenario has seen (the controller's events, the window of bot output since
the previous user step) and plays each step: a user step is sent through the controller, an ``expect`` is
checked against the window (:func:`textbots_tui.core.matchers.check`). The first failure ends the scenario,
unless ``keep_going`` keeps every failed ``expect`` (what ``run --update`` rewrites). Scheduling scenarios,
their reports and the run's output are :mod:`textbots_tui.core.runner`'s.
"""

from __future__ import annotations

import json

from textbots_tui.core.controller import Controller
from textbots_tui.core.errors import InputRefused
from textbots_tui.core.events import ErrorOccurred, Event
from textbots_tui.core.items import Choice
from textbots_tui.core.matchers import Mismatch, Observed, check
from textbots_tui.core.params import BotParams
from textbots_tui.core.report import StepFailure, describe_error
from textbots_tui.core.script import ChoosePattern, LoadedScenario, Step
from textbots_tui.core.user_input import pick_like


class ScenarioRun:
    """The state of one running scenario: its controller's events, the current window, the session."""

    def __init__(self, loaded: LoadedScenario, controller: Controller, *, keep_going: bool = False) -> None:
        self.loaded = loaded
        self.controller = controller
        self.keep_going = keep_going
        self.expect_failures: list[StepFailure] = []
        self.events: list[Event] = []
        self.window_start = 0
        self.since = "the start"
        self.session_id: str | None = None
        self.step_index: int | None = None
        self.action = "start"

    def location(self) -> str:
        """Where the current step is written."""
        if self.step_index is None:
            return f"{self.loaded.file}:{self.loaded.line}"
        return self.loaded.step_location(self.step_index)

    async def execute(self) -> StepFailure | None:
        """Start the session and run the steps; the first failure ends the scenario."""
        params = self.loaded.scenario.launch_params()
        try:
            if isinstance(params, BotParams):
                self.session_id = await self.controller.start_bot(params)
            else:
                self.session_id = await self.controller.launch_flow(params)
        except InputRefused as exc:
            return self._failure(problem=f"refused: {exc}", is_error=True)
        failure = self._error_failure()
        if failure is not None:
            return failure
        for index, step in enumerate(self.loaded.scenario.steps):
            self.step_index, self.action = index, describe_step(step)
            failure = await (self._expect(step) if step.expect is not None else self._send(step))
            if failure is not None and self.keep_going and step.expect is not None:
                self.expect_failures.append(failure)
                continue
            if failure is not None:
                return failure
        return None

    async def _send(self, step: Step) -> StepFailure | None:
        """Send a user step; a new window of bot output starts with it."""
        assert self.session_id is not None
        observed_before = self._observed()
        window_start = self.window_start
        self.window_start = len(self.events)
        try:
            if step.say is not None:
                await self.controller.send_text(self.session_id, step.say)
            elif isinstance(step.choose, str):
                await self.controller.choose(self.session_id, step.choose)
            elif step.choose is not None:
                await self.controller.choose(self.session_id, self._choice_like(step.choose))
            else:
                assert step.event is not None
                event = step.event
                await self.controller.send_event(
                    self.session_id, event.type, code=event.code, message=event.message
                )
        except InputRefused as exc:
            # Nothing was sent: the report shows the window the refused step was meant to answer.
            self.window_start = window_start
            return self._failure(problem=f"refused: {exc}", observed=observed_before)
        self.since = f"step {(self.step_index or 0) + 1} ({self.action})"
        return self._error_failure()

    def _choice_like(self, pattern: ChoosePattern) -> Choice:
        """The offered choice a ``choose: {like: ..., nth: N}`` step names; :class:`InputRefused` if none."""
        assert self.session_id is not None
        return pick_like(self.controller.session(self.session_id).choices, pattern.like, pattern.nth)

    async def _expect(self, step: Step) -> StepFailure | None:
        """Check an expectation against everything since the previous user step."""
        assert step.expect is not None
        observed = self._observed()
        mismatches = check(step.expect, observed)
        return self._failure(mismatches=tuple(mismatches), observed=observed) if mismatches else None

    def _error_failure(self) -> StepFailure | None:
        """An API error in the current window fails the scenario with the error's title and message."""
        errors = [e for e in self.events[self.window_start :] if isinstance(e, ErrorOccurred)]
        if not errors:
            return None
        problem = "\n".join(describe_error(e.error) for e in errors)
        return self._failure(problem=problem, observed=self._observed(), is_error=True)

    def _observed(self) -> Observed:
        return Observed.from_events(self.events[self.window_start :])

    def _failure(
        self,
        *,
        mismatches: tuple[Mismatch, ...] = (),
        problem: str | None = None,
        observed: Observed | None = None,
        is_error: bool = False,
    ) -> StepFailure:
        return StepFailure(
            self.step_index, self.location(), self.action, mismatches, problem, observed, self.since, is_error
        )

    async def close(self) -> None:
        """Close the session (if there is one); the shared client stays open for the other scenarios."""
        if self.session_id is not None:
            await self.controller.close(self.session_id)


def describe_step(step: Step) -> str:
    """How a step reads in a report: ``say "..."``, ``choose like "..." (number 2)``, ``event X``, or
    ``expect``."""
    if step.say is not None:
        return f"say {json.dumps(step.say, ensure_ascii=False)}"
    if isinstance(step.choose, str):
        return f"choose {json.dumps(step.choose, ensure_ascii=False)}"
    if step.choose is not None:
        nth = f" (number {step.choose.nth})" if step.choose.nth > 1 else ""
        return f"choose like {json.dumps(step.choose.like, ensure_ascii=False)}{nth}"
    if step.event is not None:
        return f"event {step.event.type}"
    return "expect"
