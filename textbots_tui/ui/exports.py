"""Saving the shown session as a script, a Markdown transcript, an HTML page or JSON, and what to tell the
user about it.

Exports work from what the session holds (the journal's record), so history sessions export as live ones do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from textual.notifications import SeverityLevel

if TYPE_CHECKING:
    from textual.screen import Screen

    from textbots_tui.core.controller import Controller
    from textbots_tui.core.export import ExportKind
    from textbots_tui.core.sessions import Session

EXPORT_KINDS = ("script", "strict_script", "markdown", "html", "json")
"""What :func:`save_session` writes (``textbots_tui.core.export.ExportKind``)."""


class Toast(NamedTuple):
    """A notification to show: its text, title and severity."""

    message: str
    title: str = ""
    severity: SeverityLevel = "information"


async def save_session(controller: Controller, session: Session, kind: str, directory: Path | None) -> Toast:
    """Write ``session`` as ``kind`` into ``directory`` (``None``: working directory); say where or why not.

    ``kind`` must be one of :data:`EXPORT_KINDS`. The HTML page names the flow's outcomes and milestones,
    asked of the org through ``controller`` (their ids if it refuses).
    """
    from textbots_tui.core.export import export_session
    from textbots_tui.core.names import NO_NAMES

    names = NO_NAMES
    if kind == "html" and session.ended is not None:
        names = await controller.names.resolve_outcomes(session.ended.outcomes)
    folder = directory if directory is not None else Path.cwd()
    try:
        path = export_session(session, cast("ExportKind", kind), folder, names=names)
    except ValueError as error:  # a script of a session where nothing happened
        return Toast(str(error), "Nothing to save", "warning")
    except OSError as error:
        return Toast(f"{folder}: {error.strerror or error}", "Not saved", "error")
    return Toast(f"Saved {path}")


def start_saving(
    host: Screen[Any],
    controller: Controller | None,
    session: Session | None,
    kind: str,
    directory: Path | None,
) -> None:
    """Save ``session`` in a worker of ``host`` and tell the user where, or why not (nothing without a
    session, or for a kind that is not one of :data:`EXPORT_KINDS`)."""
    if session is None or controller is None or kind not in EXPORT_KINDS:
        return

    async def save() -> None:
        toast = await save_session(controller, session, kind, directory)
        host.notify(toast.message, title=toast.title, severity=toast.severity)

    host.run_worker(save(), group="export", exit_on_error=False)
