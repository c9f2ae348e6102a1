"""``textbots-tui replay SESSION``: a journalled session's user half against the live target, then vs now."""

from __future__ import annotations

import shutil
from typing import Any

import click

from textbots_tui.cli.shared import CONTEXT, EPILOG, UserError, connect, given, target_options

__all__ = ["command"]


@click.command("replay", context_settings=CONTEXT, epilog=EPILOG)
@click.argument("session", metavar="SESSION")
@target_options
@click.pass_context
def command(ctx: click.Context, /, session: str, **connection: Any) -> None:
    """Replay a past session against the live target and compare, step by step.

    SESSION is a journal file (*.jsonl) or a session id (or the start of one) from the journal. The same
    user half is sent (texts, choices by payload, events) with the same launch parameters; what the bot said
    then and now is shown side by side, differences marked. Dates and generated references that moved are
    not differences. Exit code 0 when nothing differs, 1 when something did, 2 for a usage error.
    """
    settings, conn = connect({**(ctx.obj or {}), **given(connection)})
    from textbots_tui.core.journal_lookup import SessionLookupError, find_session

    try:
        entry = find_session(session, settings.journal_dir)
    except SessionLookupError as exc:
        raise UserError(str(exc)) from None
    import asyncio

    from textbots_tui.core.controller import Controller
    from textbots_tui.core.journal import Journal
    from textbots_tui.core.replay_live import StepComparison, replay_session
    from textbots_tui.core.replay_report import format_step, summary
    from textbots_tui.core.report import printable
    from textbots_tui.core.targets import target_refusal
    from textbots_tui.settings.connection import build_client

    width = shutil.get_terminal_size((120, 40)).columns
    print(printable(f"Target: {conn.label}"), flush=True)
    print(
        printable(
            f"Replaying {entry.session_id} ({entry.path.name}), recorded {entry.created_at:%Y-%m-%d %H:%M}"
        )
    )
    # Named on the command line, another target is a choice (then vs now across orgs), but never a surprise.
    other = target_refusal(entry.target, conn.target())
    if other is not None:
        print(printable(f"Note: {other}; its flow and bot ids may not exist here"), flush=True)

    def show(_session_id: str, step: StepComparison) -> None:
        print("\n".join(format_step(step, width)), flush=True)

    async def replay() -> bool:
        journal = Journal(settings.journal_dir, target=conn.target())
        try:
            async with build_client(conn, deadline_s=settings.request_deadline) as client:
                controller = Controller(client, journal=journal)
                result = await replay_session(entry.events, entry.params, controller, on_step=show)
                print(summary(result), flush=True)
                return result.differs
        finally:
            journal.close()

    ctx.exit(1 if asyncio.run(replay()) else 0)
