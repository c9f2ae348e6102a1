"""Outcome and milestone names for the widgets that show them (the chat's end banner, the inspector).

The API reports outcomes by id. Once a session has ended, :class:`OutcomeNamer` asks the controller's name
resolver (cached per connection, never failing) in a worker and hands the names down to the widgets; until
they come, and when the org refuses, the widgets show the ids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from textbots_tui.core.controller import Controller
    from textbots_tui.core.names import FlowNames
    from textbots_tui.core.sessions import Session


class OutcomeNamer:
    """Names the outcomes of the shown session for a screen (a helper the screen owns).

    ``shown_id`` says which session the screen shows now; ``apply`` gives the names to its widgets.
    """

    def __init__(
        self, screen: DOMNode, shown_id: Callable[[], str | None], apply: Callable[[FlowNames], None]
    ) -> None:
        self._screen = screen
        self._shown_id = shown_id
        self._apply = apply

    def session_shown(self, controller: Controller, session: Session) -> None:
        """A session is shown, or the shown one has just ended: name its outcomes (known names at once)."""
        self._apply(controller.names.known())
        ended = session.ended
        if ended is None or not ended.outcomes:
            return
        session_id = session.session_id

        async def resolve() -> None:
            names = await controller.names.resolve_outcomes(ended.outcomes)
            if self._shown_id() == session_id:
                self._apply(names)

        self._screen.run_worker(resolve(), group="outcome-names", exit_on_error=False)
