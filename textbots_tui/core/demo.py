"""A scripted conversation played live, step by step, for an audience: the headless half of ``demo``.

:class:`DemoScript` walks a scenario's steps against a controller's session. The user steps are *cues*: the
player shows what the user will say (the TUI types it out visibly), then :meth:`DemoScript.send` sends it
through the same controller the TUI uses. ``expect`` steps are checked as the runner checks them, against
everything the bot produced since the previous user step; a deviation does not stop the demo, it is reported
(expected versus got) so the presenter can decide to go on by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from textbots_tui.core.controller import Controller
from textbots_tui.core.events import Event
from textbots_tui.core.matchers import Mismatch, Observed, check
from textbots_tui.core.placeholders import like_matches
from textbots_tui.core.script import LoadedScenario, Step, load_scripts

__all__ = ["Cue", "DemoScript", "Deviation", "choose_scenario"]


@dataclass(frozen=True, slots=True)
class Cue:
    """A user step to play: what is typed on screen, and where it is written."""

    index: int
    kind: Literal["say", "choose", "event"]
    text: str
    """What the audience sees typed: the message, the choice's label, or ``/noinput`` for an event."""
    location: str


@dataclass(frozen=True, slots=True)
class Deviation:
    """The bot said something the script did not expect."""

    index: int
    location: str
    mismatches: tuple[Mismatch, ...]
    said: tuple[str, ...]
    """What the bot said instead, one line per item."""

    def summary(self) -> str:
        """One line: the first difference, expected versus got."""
        first = self.mismatches[0]
        more = f" (+{len(self.mismatches) - 1} more)" if len(self.mismatches) > 1 else ""
        return f"{first.what}: expected {first.expected}, got {first.got}{more}"


def choose_scenario(path: Path, name: str | None) -> LoadedScenario:
    """The scenario of ``path`` named ``name`` (the first one without a name). A ``ValueError`` naming the
    file (and line) when the script does not load or has no scenario of that name."""
    scenarios = load_scripts([path])
    if name is None:
        return scenarios[0]
    for loaded in scenarios:
        if loaded.name == name:
            return loaded
    names = ", ".join(repr(s.name) for s in scenarios)
    raise ValueError(f"{path}: no scenario named {name!r} (it has {names})")


class DemoScript:
    """One scenario's steps, played against ``controller``'s session ``session_id`` as the presenter goes."""

    def __init__(self, loaded: LoadedScenario, controller: Controller, session_id: str) -> None:
        self.loaded = loaded
        self.controller = controller
        self.session_id = session_id
        self.position = 0
        """The next step to play."""
        self._window_start = 0
        """Where, in the session's events, the bot's output since the previous user step starts."""

    @property
    def steps(self) -> Sequence[Step]:
        """Every step of the scenario."""
        return self.loaded.scenario.steps

    @property
    def finished(self) -> bool:
        """Whether every step has been played."""
        return self.position >= len(self.steps)

    def check_expectations(self) -> Deviation | None:
        """Check the ``expect`` steps due now (moving past them); the first one that fails, if any."""
        while not self.finished and self.steps[self.position].expect is not None:
            index = self.position
            expect = self.steps[index].expect
            assert expect is not None
            self.position += 1
            observed = Observed.from_events(self._events()[self._window_start :])
            mismatches = check(expect, observed)
            if mismatches:
                location = self.loaded.step_location(index)
                return Deviation(index, location, tuple(mismatches), tuple(observed.describe()))
        return None

    def next_cue(self) -> Cue | None:
        """The user step due now (``None`` at the end; call :meth:`check_expectations` first)."""
        if self.finished:
            return None
        step = self.steps[self.position]
        location = self.loaded.step_location(self.position)
        if step.say is not None:
            return Cue(self.position, "say", step.say, location)
        if step.choose is not None:
            label = step.choose if isinstance(step.choose, str) else self._like_label(step)
            return Cue(self.position, "choose", label, location)
        assert step.event is not None
        return Cue(self.position, "event", f"/{step.event.type.lower()}", location)

    async def send(self, cue: Cue) -> None:
        """Send the cue's step (``InputRefused`` if the session cannot take it now); the bot's answer is
        what the next ``expect`` steps check."""
        step = self.steps[cue.index]
        self._window_start = len(self._events())
        self.position = cue.index + 1
        sid = self.session_id
        if step.say is not None:
            await self.controller.send_text(sid, step.say)
        elif step.choose is not None:
            await self.controller.choose(sid, cue.text)
        else:
            assert step.event is not None
            event = step.event
            await self.controller.send_event(sid, event.type, code=event.code, message=event.message)

    def _events(self) -> list[Event]:
        return self.controller.session(self.session_id).events

    def _like_label(self, step: Step) -> str:
        pattern = step.choose
        assert pattern is not None and not isinstance(pattern, str)
        offered = self.controller.session(self.session_id).choices
        alike = [c.label for c in offered if like_matches(pattern.like, c.label)]
        return alike[pattern.nth - 1] if len(alike) >= pattern.nth else pattern.like
