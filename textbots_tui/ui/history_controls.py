"""The history's controls on the main screen: delete a past session, clear a target's history, and list
the current target's history only or every target's.

Deleting asks first (:class:`~textbots_tui.ui.screens.delete_modal.DeleteModal`) and is the controller's
(:meth:`Controller.delete_history`): only past sessions go, never one of this run, which the journal is
still writing. Which sessions belong to the current target is :mod:`textbots_tui.core.targets`' rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import TYPE_CHECKING, Any, Protocol

from textbots_tui.core.targets import same_target, target_label

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from textbots_tui.core.connection import Connection
    from textbots_tui.core.controller import Controller
    from textbots_tui.core.sessions import Session
    from textbots_tui.ui.widgets.session_sidebar import SessionSidebar

RUNS_KEPT = (
    "sessions of `textbots-tui run` (in the journal's runs folder: `replay` and `export` still find them)"
)
"""What clearing the history never deletes, besides this run's sessions and other targets' history."""


class HistoryHost(Protocol):
    """What the controls need of the main screen (named here so that this module need not import it)."""

    connection: Connection

    @property
    def current_id(self) -> str | None:
        """The session shown."""
        ...

    @property
    def app(self) -> App[Any]:
        """The app (dialogs, preferences)."""
        ...

    @property
    def sidebar(self) -> SessionSidebar:
        """The session list."""
        ...

    @property
    def controller(self) -> Controller | None:
        """The controller, once the client is open."""
        ...

    def run_worker(self, work: Any, *, group: str, exit_on_error: bool) -> Any:
        """Run a coroutine in a worker of the screen."""
        ...

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", markup: bool = True
    ) -> None:
        """Show a toast."""
        ...


class HistoryControls:
    """Deleting and clearing past sessions, and the all-targets switch, for ``host``."""

    def __init__(self, host: HistoryHost) -> None:
        self._host = host
        self.all_targets_at_start = False
        """List every target's history at start (the app sets it from the setting or the preference)."""

    def mounted(self) -> None:
        """Tell the session list which target is current, and whether to list the others."""
        self._host.sidebar.current_target = self._current
        self._host.sidebar.all_targets = self.all_targets_at_start

    @property
    def _current(self) -> dict[str, str]:
        return self._host.connection.target()

    def run(self, what: str) -> None:
        """The main screen's ``history(what)`` action: ``delete`` (the shown session), ``delete_list`` (the
        session list's highlighted one), ``clear`` or ``all_targets``."""
        if what in ("delete", "delete_list"):
            host = self._host
            self.ask_delete(host.sidebar.highlighted_id if what == "delete_list" else host.current_id)
        elif what == "clear":
            self.ask_clear()
        elif what == "all_targets":
            self.toggle_all_targets()

    def ask_delete(self, session_id: str | None) -> None:
        """Ask whether to delete a past session and its journal file (this run's are refused, saying why)."""
        controller = self._host.controller
        if controller is None or session_id is None or session_id not in controller.sessions:
            return
        session = controller.session(session_id)
        if not session.read_only:
            self._say(
                "This run's sessions are not deleted: the journal is still writing them. They can be "
                "deleted from History after the next start.",
                "Not deleted",
            )
            return
        text = (
            f"{_described(session)}\n\nIts journal file is deleted for good: the session leaves the list, "
            "the chat and the session switcher."
        )
        self._confirm("Delete this past session?", text, [session_id])

    def ask_clear(self) -> None:
        """Ask whether to delete every past session of the current target (other targets', this run's and
        ``run``'s sessions are kept, and the dialog says so)."""
        controller = self._host.controller
        if controller is None:
            return
        past = [s for s in controller.sessions.values() if s.read_only]
        ours = [s.session_id for s in past if same_target(s.org_target, self._current)]
        where = target_label(self._current)
        if not ours:
            self._say(f"No past sessions of {where} are listed: nothing to clear.", "Clear history")
            return
        others = len(past) - len(ours)
        count = f"{len(ours)} past session" + ("" if len(ours) == 1 else "s")
        kept = ["this run's sessions"]
        if others:
            kept.append(f"{others} past session{'' if others == 1 else 's'} of other targets")
        text = (
            f"{count} of {where} and their journal files are deleted for good.\n\n"
            f"Kept: {', '.join(kept)}, and the {RUNS_KEPT}."
        )
        self._confirm(f"Clear the history of {where}?", text, ours, delete_label=f"Delete {len(ours)}")

    def toggle_all_targets(self) -> None:
        """List every target's history (labelled) or the current target's only; remembered for next time."""
        sidebar = self._host.sidebar
        sidebar.all_targets = not sidebar.all_targets
        remember: Callable[[bool], None] | None = getattr(
            getattr(self._host.app, "preferences", None), "remember_history_all_targets", None
        )
        if remember is not None:
            remember(sidebar.all_targets)
        if sidebar.all_targets:
            message = "History: every target's sessions, each labelled with its target"
        else:
            message = f"History: only {target_label(self._current)}'s sessions"
        self._say(message, "History", severity="information")

    def _confirm(self, title: str, text: str, ids: list[str], *, delete_label: str = "Delete") -> None:
        from textbots_tui.ui.screens.delete_modal import DeleteModal

        def answered(delete: bool | None) -> None:
            if delete:
                self._host.run_worker(self._delete(ids), group="history-delete", exit_on_error=False)

        self._host.app.push_screen(DeleteModal(title, text, delete_label=delete_label), answered)

    async def _delete(self, ids: list[str]) -> None:
        """Delete each session in turn; the ones that fail stay, and the first error is shown as it came."""
        controller = self._host.controller
        assert controller is not None
        failed: list[OSError] = []
        for session_id in ids:
            try:
                await controller.delete_history(session_id)
            except OSError as error:
                failed.append(error)
        if failed:
            head = f"{len(failed)} of {len(ids)} not deleted" if len(ids) > 1 else "Not deleted"
            self._say(f"{head}: {failed[0]}", "Delete", severity="error")

    def _say(self, message: str, title: str, severity: SeverityLevel = "warning") -> None:
        self._host.notify(message, title=title, severity=severity, markup=False)


def _described(session: Session) -> str:
    """A session as the delete dialog names it: name, kind, when, and its target."""
    when = session.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{session.name} ({session.kind}, {when}, {target_label(session.org_target)})"
