"""A scripted demo played live in the TUI: each user step typed out visibly in the input line, then sent.

The presenter advances with space (or Enter on an empty line); ``auto`` advances by itself after ``pace``
seconds. When the bot says something the script did not expect, the demo pauses and shows expected versus
got: the presenter can type by hand, and space goes on with the script. Esc stops the demo. The steps are
walked by :class:`~textbots_tui.core.demo.DemoScript`, over the same controller the rest of the app uses.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from textbots_tui.ui.widgets.input_bar import InputBar

if TYPE_CHECKING:
    from textual.screen import Screen

    from textbots_tui.core.controller import Controller
    from textbots_tui.core.demo import Cue, DemoScript, Deviation
    from textbots_tui.core.script import LoadedScenario

TYPING_S_PER_CHARACTER: Final = 0.045
"""How fast a step is typed out (a quick typist), at most :data:`LONGEST_TYPING_S` in all."""
LONGEST_TYPING_S: Final = 1.5

DemoState = Literal["idle", "starting", "ready", "typing", "sending", "paused", "finished"]


@dataclass(frozen=True, slots=True)
class DemoRequest:
    """A demo to play: a loaded scenario, whether it advances by itself, and the pause between steps."""

    loaded: LoadedScenario
    auto: bool = False
    pace: float = 1.5


class DemoPlayer:
    """Plays one demo at a time in ``host`` (the main screen), driving ``controller()``'s sessions."""

    def __init__(
        self,
        host: Screen[Any],
        *,
        controller: Callable[[], Controller | None],
        before_send: Callable[[], None],
    ) -> None:
        self._host = host
        self._controller = controller
        self._before_send = before_send
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        """How the player waits (typing, auto pace); tests make the waits something they control."""
        self.state: DemoState = "idle"
        self.request: DemoRequest | None = None
        self.script: DemoScript | None = None
        self.deviations: list[Deviation] = []
        self._go = asyncio.Event()

    @property
    def active(self) -> bool:
        """Whether a demo is being played (not idle, not finished)."""
        return self.state not in ("idle", "finished")

    @property
    def awaits_presenter(self) -> bool:
        """Whether the demo waits for space (the next step, or going on after a deviation)."""
        return self.state in ("ready", "paused")

    def start(self, request: DemoRequest) -> None:
        """Launch the scenario's session and play it (stopping any demo before)."""
        self.stop()
        self.request = request
        self.deviations = []
        self.state = "starting"
        self._host.run_worker(self._play(request), group="demo", exclusive=True, exit_on_error=False)

    def advance(self) -> None:
        """The presenter's go: type and send the next step, or go on after a deviation."""
        if self.awaits_presenter:
            self._go.set()

    def stop(self) -> None:
        """Stop the demo (the session stays, for the presenter to go on by hand)."""
        if not self.active:
            return
        self._host.workers.cancel_group(self._host, "demo")
        self.state = "idle"
        self._say("Demo stopped: the session is yours.")

    def _say(self, text: str, *, error: bool = False) -> None:
        self._host.query_one(InputBar).show_message(text, error=error)
        self._host.refresh_bindings()

    async def _wait_for_presenter(self, state: DemoState) -> None:
        self.state = state
        self._go.clear()
        prompt = self._host.query_one(InputBar).prompt
        prompt.space_advances = True
        self._host.refresh_bindings()
        try:
            await self._go.wait()
        finally:
            prompt.space_advances = False

    async def _play(self, request: DemoRequest) -> None:
        from textbots_tui.core.demo import DemoScript
        from textbots_tui.core.errors import InputRefused
        from textbots_tui.core.params import BotParams

        controller = self._controller()
        if controller is None:
            self.state = "idle"
            return
        params = request.loaded.scenario.launch_params()
        if isinstance(params, BotParams):
            session_id = await controller.start_bot(params)
        else:
            session_id = await controller.launch_flow(params)
        # The screen shows the new session once it has handled the controller's events (and clears the input
        # line's message then): wait for it, so the demo's messages are not wiped.
        for _ in range(200):
            if getattr(self._host, "current_id", session_id) == session_id:
                break
            await asyncio.sleep(0.01)
        script = self.script = DemoScript(request.loaded, controller, session_id)
        total = len(script.steps)
        while True:
            deviation = script.check_expectations()
            if deviation is not None:
                self.deviations.append(deviation)
                self._host.notify(
                    f"{deviation.summary()}\nThe bot said: {' / '.join(deviation.said)}",
                    title=f"Not as scripted ({deviation.location})",
                    severity="warning",
                    markup=False,
                )
                self._say(
                    f"Paused at step {deviation.index + 1}: {deviation.summary()} · type by hand, or space "
                    "goes on with the script",
                    error=True,
                )
                await self._wait_for_presenter("paused")
                continue
            cue = script.next_cue()
            if cue is None:
                self.state = "finished"
                self._say(f"Demo finished: {request.loaded.name}")
                return
            step = f"Step {cue.index + 1}/{total}"
            if request.auto:
                self.state = "ready"
                self._say(f"{step}: next in {request.pace:g} s")
                await self.sleep(request.pace)
            else:
                self._say(f"{step}: space types {cue.text!r} and sends it · esc stops the demo")
                await self._wait_for_presenter("ready")
            await self._type(cue)
            self.state = "sending"
            self._before_send()
            self._host.query_one(InputBar).restore("")  # it shows in the chat as sent
            try:
                await script.send(cue)
            except InputRefused as exc:
                self._say(f"Step {cue.index + 1} not sent: {exc} · space tries the next step", error=True)
                await self._wait_for_presenter("paused")

    async def _type(self, cue: Cue) -> None:
        """Type the cue's text into the input line, a character at a time, for the audience to read."""
        self.state = "typing"
        self._host.refresh_bindings()
        prompt = self._host.query_one(InputBar)
        delay = min(TYPING_S_PER_CHARACTER, LONGEST_TYPING_S / max(1, len(cue.text)))
        for end in range(1, len(cue.text) + 1):
            prompt.restore(cue.text[:end])
            await self.sleep(delay)
