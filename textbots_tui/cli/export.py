"""``textbots-tui export SESSION --html FILE``: a journalled session as a web page, to share or print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from textbots_tui.cli.shared import CONTEXT, EPILOG, UserError, connect, given, target_options

if TYPE_CHECKING:
    from textbots_tui.core.connection import Connection
    from textbots_tui.core.names import FlowNames
    from textbots_tui.core.sessions import Session

__all__ = ["command"]


@click.command("export", context_settings=CONTEXT, epilog=EPILOG)
@click.argument("session_ref", metavar="SESSION")
@click.option(
    "--html",
    "html_file",
    metavar="FILE",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the session as a self-contained HTML page to FILE ('-': standard output).",
)
@click.option(
    "--technical",
    is_flag=True,
    help="Also show times, latencies, payloads, retries and raw content (for bot builders).",
)
@target_options
@click.pass_context
def command(
    ctx: click.Context, /, session_ref: str, html_file: Path, technical: bool, **connection: Any
) -> None:
    """Export a journalled session (a journal file, or a session id or its start) as an HTML page.

    Outcome and milestone names are asked of the target (the same options as the TUI); when it refuses or
    cannot be reached the page shows their ids.
    """
    settings, conn = connect({**(ctx.obj or {}), **given(connection)})
    from textbots_tui.core.html import HtmlOptions, session_to_html
    from textbots_tui.core.journal import restore_session
    from textbots_tui.core.journal_lookup import SessionLookupError, find_session

    try:
        entry = find_session(session_ref, settings.journal_dir)
    except SessionLookupError as exc:
        raise UserError(str(exc)) from None
    session = restore_session(entry)
    page = session_to_html(session, HtmlOptions(names=_names(session, conn), technical=technical))
    if str(html_file) == "-":
        click.echo(page, nl=False)
        return
    try:
        html_file.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{html_file}: {exc.strerror or exc}") from None
    click.echo(f"Wrote {html_file}", err=True)


def _names(session: Session, conn: Connection) -> FlowNames:
    """The names of the session's outcomes and milestones (ids where the target does not give them)."""
    from textbots_tui.core.names import NO_NAMES

    if session.ended is None or not session.ended.outcomes:
        return NO_NAMES
    import asyncio

    from textbots_tui.core.names import NameResolver
    from textbots_tui.settings.connection import build_client

    ended = session.ended

    async def resolve() -> FlowNames:
        async with build_client(conn) as client:
            return await NameResolver(client).resolve_outcomes(ended.outcomes)

    try:
        return asyncio.run(resolve())
    except Exception:  # the names are a nicety: a page with ids beats no page
        return NO_NAMES
