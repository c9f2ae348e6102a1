"""The bare ``textbots-tui`` command: open the TUI, optionally straight into a session of a flow or a bot."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from textbots_tui.cli.shared import connect, given

if TYPE_CHECKING:
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.ui.demo_player import DemoRequest

__all__ = ["open_tui", "run_app", "tui_options"]

_F = TypeVar("_F", bound=Callable[..., Any])

_TUI_FLAGS = {
    "flow_id": "--flow",
    "language": "--language",
    "bot_id": "--bot",
    "integration_id": "--integration",
    "present": "--present",
}


def tui_options(func: _F) -> _F:
    """Add the options that open the TUI straight into a session."""
    options = [
        click.option(
            "--flow", "flow_id", metavar="ID", help="Open straight into a new session of this bot flow."
        ),
        click.option("--language", metavar="L", help="The language of that session (for example en-us)."),
        click.option("--bot", "bot_id", metavar="ID", help="Open straight into a new session with this bot."),
        click.option(
            "--integration", "integration_id", metavar="ID", help="The integration --bot is reached through."
        ),
        click.option(
            "--present",
            is_flag=True,
            default=None,
            help="Presenter mode: a clean chat for an audience, projector theme (alt+p switches it).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _start_params(
    flow_id: str | None, language: str | None, bot_id: str | None, integration_id: str | None
) -> FlowLaunchParams | BotParams | None:
    """What the TUI opens straight into, after checking that the options make sense together."""
    if flow_id is not None and bot_id is not None:
        raise click.UsageError("--flow and --bot cannot be used together: pick one.")
    if bot_id is not None and integration_id is None:
        raise click.UsageError("--bot needs --integration (the integration the bot is reached through).")
    if integration_id is not None and bot_id is None:
        raise click.UsageError("--integration goes with --bot.")
    if language is not None and flow_id is None and bot_id is None:
        raise click.UsageError("--language goes with --flow or --bot.")
    from textbots_tui.core.params import BotParams, FlowLaunchParams

    if flow_id is not None:
        return FlowLaunchParams(flow_id=flow_id, language=language or "")
    if bot_id is not None and integration_id is not None:
        return BotParams(bot_id=bot_id, integration_id=integration_id, language=language)
    return None


def open_tui(ctx: click.Context, **options: Any) -> None:
    """Run the TUI, unless a sub-command follows: then keep the target options for it.

    ``options`` are the group's: the target options and those of :func:`tui_options`.
    """
    opening = {name: options.pop(name) for name in _TUI_FLAGS}
    present = opening.pop("present")
    if ctx.invoked_subcommand is not None:
        named = [_TUI_FLAGS[name] for name, value in (*opening.items(), ("present", present)) if value]
        if named:
            raise click.UsageError(f"{', '.join(named)} open the TUI; they do not go with a command.")
        # Target options given before the command name count as if given after it.
        ctx.obj = given(options)
        return
    run_app(ctx, given(options), start=_start_params(**opening), present=bool(present))


def run_app(
    ctx: click.Context,
    target: dict[str, Any],
    *,
    start: FlowLaunchParams | BotParams | None = None,
    present: bool = False,
    demo: DemoRequest | None = None,
) -> None:
    """Open the TUI on ``target`` (the given target options), optionally straight into a session or a demo;
    the command's exit code is the app's."""
    # Up to the first frame the process makes some 65,000 objects that live as long as it does (modules,
    # classes, styles, widgets): the cyclic garbage collector would walk them again and again for nothing
    # (about 30 ms of CPU, 7% of the time to the first screen). It is paused until that frame is drawn.
    collecting = gc.isenabled()
    gc.disable()
    try:
        settings, conn = connect(target)
        from textbots_tui.settings.connection import build_client
        from textbots_tui.ui.app import TextbotsApp

        app = TextbotsApp(
            connection=conn,
            client_factory=lambda: build_client(conn),
            journal_dir=settings.journal_dir,
            start=start,
            keymap=dict(settings.keys),
            theme=settings.theme,
            auto_noinput=settings.auto_noinput,
            present=present or settings.present,
            demo=demo,
            on_first_frame=gc.enable if collecting else None,
        )
        app.run()
    finally:
        if collecting:
            gc.enable()
    ctx.exit(app.return_code or 0)
