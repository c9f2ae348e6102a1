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


EXPORT_TITLES = {
    "script": "Save the session as a script",
    "strict_script": "Save the session as a strict script",
    "markdown": "Export as Markdown",
    "html": "Export as HTML",
    "json": "Export as JSON",
}
"""The save dialog's title for each kind."""


def suggested_path(session: Session, kind: str, directory: Path | None) -> Path:
    """The path the save dialog starts with: a fresh name in ``directory`` (``None``: working directory)."""
    from textbots_tui.core.export import default_export_path

    return default_export_path(session, cast("ExportKind", kind), directory or Path.cwd())


async def save_session(
    controller: Controller, session: Session, kind: str, path: Path, scenario_name: str | None = None
) -> Toast:
    """Write ``session`` as ``kind`` to ``path``; say where or why not.

    ``kind`` must be one of :data:`EXPORT_KINDS`. The HTML page names the flow's outcomes and milestones,
    asked of the org through ``controller`` (their ids if it refuses). ``scenario_name`` names a script's
    scenario.
    """
    from textbots_tui.core.export import write_export
    from textbots_tui.core.names import NO_NAMES

    names = NO_NAMES
    if kind == "html" and session.ended is not None:
        names = await controller.names.resolve_outcomes(session.ended.outcomes)
    try:
        written = write_export(
            session, cast("ExportKind", kind), path, names=names, scenario_name=scenario_name
        )
    except ValueError as error:  # a script of a session where nothing happened
        return Toast(str(error), "Nothing to save", "warning")
    except FileExistsError:
        return Toast(f"{path} exists: nothing was overwritten", "Not saved", "error")
    except OSError as error:
        return Toast(f"{path}: {error.strerror or error}", "Not saved", "error")
    return Toast(f"Saved {written}")


def ask_and_save(
    screen: Screen[Any], controller: Controller, session: Session, kind: str, directory: Path | None
) -> None:
    """Ask where to save (a fresh name in ``directory`` prefilled, and a script's scenario name), then save
    in a worker of ``screen`` (the HTML page first asks the org for names) and say where, or why not."""
    from textbots_tui.ui.screens.save_modal import SaveChoice, SaveModal

    async def save(choice: SaveChoice) -> None:
        toast = await save_session(controller, session, kind, choice.path, choice.scenario_name)
        screen.notify(toast.message, title=toast.title, severity=toast.severity, markup=False)

    def chosen(choice: SaveChoice | None) -> None:
        if choice is not None:
            screen.run_worker(save(choice), group="export", exit_on_error=False)

    name = session.name if kind in ("script", "strict_script") else None
    modal = SaveModal(EXPORT_TITLES[kind], suggested_path(session, kind, directory), scenario_name=name)
    screen.app.push_screen(modal, chosen)
