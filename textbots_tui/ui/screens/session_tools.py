"""What a user does with a whole session rather than with one turn: save or export it, replay it for a demo,
and resume a bot that was cut off mid-way.

:class:`SessionToolsScreen` sits between :class:`~textbots_tui.ui.bridge.ControllerScreen` and the main
screen, so the main screen keeps to orchestrating the conversation. Exports and replays work from what the
session holds (the journal's record), so history sessions export and replay as live ones do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import getters, on, work

from textbots_tui.ui.bridge import ControllerScreen
from textbots_tui.ui.widgets.chat_pane import ChatPane
from textbots_tui.ui.widgets.input_bar import InputBar

if TYPE_CHECKING:
    from textbots_tui.core.events import Event
    from textbots_tui.core.export import ExportKind

EXPORT_KINDS = ("script", "markdown", "html", "json")
"""What ``save_session`` writes (``textbots_tui.core.export.ExportKind``)."""


class SessionToolsScreen(ControllerScreen):
    """Saving, exporting, replaying and resuming the shown session."""

    chat = getters.query_one(ChatPane)
    input_bar = getters.query_one(InputBar)

    def __init__(self) -> None:
        super().__init__()
        self.export_dir: Path | None = None
        """Where sessions are saved; ``None`` is the current working directory at the time of saving."""
        self.replay_speed = 1.0
        """How much faster than recorded a replay plays (the pauses are clamped for people first)."""
        self.replay_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        """How a replay waits between events (tests make the waits something they control)."""
        self.replaying: str | None = None
        """The id of the session being replayed, while a replay runs."""

    # Hooks for the screen.

    def restore_transcript(self) -> None:
        """Show the whole conversation of the shown session again (once a replay stops)."""

    # Save and export.

    def action_save_session(self, kind: str) -> None:
        """Write the shown session as a script, a Markdown transcript, an HTML page or JSON; say where, or
        why not. The HTML page names outcomes and milestones (asked of the org first; ids if it refuses)."""
        session = self.session
        if session is None or kind not in EXPORT_KINDS:
            return
        self.stop_replay()
        self._save(session.session_id, kind)

    @work(group="export", exit_on_error=False)
    async def _save(self, session_id: str, kind: str) -> None:
        from textbots_tui.core.export import export_session
        from textbots_tui.core.names import NO_NAMES

        controller = self.controller
        if controller is None:
            return
        session = controller.session(session_id)
        names = NO_NAMES
        if kind == "html" and session.ended is not None:
            names = await controller.names.resolve_outcomes(session.ended.outcomes)
        directory = self.export_dir if self.export_dir is not None else Path.cwd()
        try:
            path = export_session(session, cast("ExportKind", kind), directory, names=names)
        except ValueError as error:  # a script of a session where nothing happened
            self.notify(str(error), title="Nothing to save", severity="warning")
        except OSError as error:
            self.notify(f"{directory}: {error.strerror or error}", title="Not saved", severity="error")
        else:
            self.notify(f"Saved {path}")

    # Replay.

    def action_replay(self) -> None:
        """Play the shown session again in the chat pane at human speed; nothing is sent meanwhile."""
        session = self.session
        if session is None:
            return
        from textbots_tui.core.sessions import replay_events

        self.stop_replay(restore=False)
        steps = replay_events(session, speed=self.replay_speed)
        self.replaying = session.session_id
        self.chat.clear()
        self.input_bar.replaying = True
        self.sync()
        self._play(steps)

    @work(group="replay", exclusive=True, exit_on_error=False)
    async def _play(self, steps: list[tuple[float, Event]]) -> None:
        for delay, event in steps:
            if delay > 0:
                await self.replay_sleep(delay)
            self.chat.add_event(event)
        self._end_replay(restore=True)

    def action_stop_replay(self) -> None:
        """Stop the replay and show the whole conversation again."""
        self.stop_replay()

    def stop_replay(self, *, restore: bool = True) -> None:
        """Stop a running replay (any new action does); ``restore`` shows the full transcript again."""
        if self.replaying is None:
            return
        self.workers.cancel_group(self, "replay")
        self._end_replay(restore=restore)

    def _end_replay(self, *, restore: bool) -> None:
        if self.replaying is None:
            return
        self.replaying = None
        self.input_bar.replaying = False
        if restore:
            self.restore_transcript()
        self.sync()

    @on(InputBar.ReplayInterrupted)
    def _replay_interrupted(self) -> None:
        self.stop_replay()
        self.input_bar.show_message("Replay stopped: nothing was sent; Enter sends what you typed.")

    # Resume.

    def action_resume(self) -> None:
        """Get the rest of what the flow was saying when a request failed (a refusal says why not)."""
        self.stop_replay()
        self.on_current(lambda controller, session_id: controller.resume(session_id))

    @on(InputBar.ResumeRequested)
    def _resume_requested(self) -> None:
        self.action_resume()
