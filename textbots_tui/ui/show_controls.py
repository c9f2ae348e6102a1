"""The controls for showing bots to an audience, owned by the main screen: presenter mode, the typing
indicator, scripted demos and replays. (In presenter mode the screen also keeps retry notices to itself.)

Their keys all go through one screen action, ``show(control)``, so the screen stays an orchestrator: it asks
:meth:`ShowControls.allows` in ``check_action`` (a key that would do nothing now is hidden) and hands the
control to :meth:`ShowControls.run`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from textbots_tui.ui.demo_player import DemoPlayer, DemoRequest
from textbots_tui.ui.presenter import Presenter
from textbots_tui.ui.typing_pacer import TypingIndicator, TypingPacer
from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.input_bar import InputBar

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from textbots_tui.core.controller import Controller
    from textbots_tui.ui.replay import Replay


class ShowControls:
    """Presenter mode and the typing indicator of ``host``; ``drawn`` runs after a paced event is drawn."""

    def __init__(
        self,
        host: Screen[Any],
        replay: Replay | None = None,
        *,
        drawn: Callable[[], None],
        controller: Callable[[], Controller | None],
    ) -> None:
        self._host = host
        self.presenter = Presenter(host)
        self.pacer = TypingPacer(host, enabled=lambda: self.presenter.active, drawn=drawn)
        self.demo = DemoPlayer(host, controller=controller, before_send=self.pacer.skip)
        self._replay = replay
        """The host's replay: while it plays, space pauses it, right steps, up and down change its speed."""

    def chat_pane(self) -> Iterator[Widget]:
        """The chat pane and, under it, the typing indicator (for the host's ``compose``)."""
        yield ChatPane(id="chat")
        yield TypingIndicator(id="typing")

    def check_action(
        self,
        action: str,
        parameters: tuple[object, ...],
        *,
        otherwise: Callable[[str, tuple[object, ...]], bool | None],
    ) -> bool | None:
        """The screen's ``check_action``: what these controls decide, ``otherwise(action, parameters)``.

        Presenter mode hides the inspector's key: the inspector is not for the audience.
        """
        if action == "show":
            return self.allows(str(parameters[0]) if parameters else "")
        if action == "toggle_inspector" and self.presenter.active:
            return False
        return otherwise(action, parameters)

    def allows(self, control: str) -> bool:
        """Whether ``control`` would do something now."""
        if control in ("present", "demo"):
            return True
        if control == "skip":
            return self.pacer.waiting
        if self._replay is not None and self._replay.session_id is not None:  # a replay plays: its controls
            return control in ("next", "replay_step", "replay_faster", "replay_slower")
        if control in ("next", "next_step"):  # space, Enter on an empty line: never what is typed by hand
            return self.demo.awaits_presenter and self._host.query_one(InputBar).empty
        if control == "stop_demo":
            return self.demo.active
        return False

    def run(self, control: str) -> None:
        """Do what ``control`` says (nothing for one that does nothing now)."""
        if control == "present":
            self.presenter.apply(not self.presenter.active)
        elif control == "skip":
            self.pacer.skip()
        elif self._replay is not None and self._replay.session_id is not None:
            replay = self._replay
            if control == "next":
                replay.toggle_pause()
            elif control == "replay_step":
                replay.step()
            elif control in ("replay_faster", "replay_slower"):
                replay.change_speed(2.0 if control == "replay_faster" else 0.5)
        elif control in ("next", "next_step"):
            self.demo.advance()
        elif control == "stop_demo":
            self.demo.stop()
        elif control == "demo":
            self._ask_for_demo()

    def _ask_for_demo(self) -> None:
        """Ask which script (and scenario) to play, then play it."""
        from textbots_tui.ui.screens.demo_modal import DemoModal

        def chosen(request: DemoRequest | None) -> None:
            if request is not None:
                self.demo.start(request)

        self._host.app.push_screen(DemoModal(), chosen)
