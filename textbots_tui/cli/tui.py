"""The bare ``textbots-tui`` command: open the TUI, optionally straight into a session of a flow or a bot."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from textbots_tui.cli.shared import UserError, connect, given

if TYPE_CHECKING:
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.simulator import SimulatorSettings
    from textbots_tui.ui.demo_player import DemoRequest

__all__ = ["open_tui", "resume_collector", "run_app", "tui_options"]

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
            "--flows",
            "flows_dir",
            metavar="DIR",
            type=click.Path(exists=True, path_type=Path),
            help="With the simulator: also serve the flow and bot files of DIR (or a file).",
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


def _simulator_settings(flows_dir: Path | None, *, simulated: bool) -> SimulatorSettings | None:
    """The in-process simulator's settings for ``--flows DIR``, its files checked before the app opens.

    A file with a mistake stops the start with its ``file:line: message`` (exit 2), as ``textbots-tui run``
    does for a script: a demo must not find out on stage that its flow did not load.
    """
    if flows_dir is None:
        return None
    if not simulated:
        raise click.UsageError("--flows goes with the simulator (--simulator): an org serves its own flows.")
    from textbots_tui.simulator import SimulatorSettings
    from textbots_tui.simulator.catalog import load_catalog

    errors = load_catalog(flows_dir, include_samples=False).errors
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise click.BadParameter(f"{errors[0]}{more}", param_hint="--flows")
    return SimulatorSettings(flows_dir=flows_dir)


def has_terminal() -> bool:
    """Whether standard input and output are both a terminal (not so in a CI job, a pipe or a cron job), or
    the app is served in a browser (textual-serve runs it with Textual's web driver, over pipes)."""
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return True
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or missing streams
        return False


def open_tui(ctx: click.Context, **options: Any) -> None:
    """Run the TUI, unless a sub-command follows: then keep the target options for it.

    ``options`` are the group's: the target options and those of :func:`tui_options`.
    """
    opening = {name: options.pop(name) for name in _TUI_FLAGS}
    present = bool(opening.pop("present"))
    flows_dir: Path | None = options.pop("flows_dir")
    if ctx.invoked_subcommand is not None:
        named = [_TUI_FLAGS[name] for name, value in opening.items() if value is not None]
        named += ["--present"] if present else []
        named += ["--flows"] if flows_dir is not None else []
        if named:
            raise click.UsageError(f"{', '.join(named)} open the TUI; they do not go with a command.")
        # Target options given before the command name count as if given after it.
        ctx.obj = given(options)
        return
    run_app(ctx, given(options), start=_start_params(**opening), present=present, flows_dir=flows_dir)


def resume_collector() -> None:
    """Resume the garbage collector at the first frame, with what the start-up made frozen first.

    Those objects (modules, classes, styles, the screen's widgets) live as long as the process: frozen, the
    collector's full passes never walk them again, which would cost tens of milliseconds each while the
    user presses the first keys.
    """
    gc.freeze()
    gc.enable()


def run_app(
    ctx: click.Context,
    target: dict[str, Any],
    *,
    start: FlowLaunchParams | BotParams | None = None,
    present: bool = False,
    flows_dir: Path | None = None,
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
        if not has_terminal():
            raise UserError(
                "the TUI needs a terminal (standard input and output are not one): "
                "to play scripts headless, as in CI, use `textbots-tui run SCRIPT...`"
            )
        from textbots_tui.settings.connection import build_client
        from textbots_tui.ui.app import HistoryOptions, TextbotsApp

        simulator_settings = _simulator_settings(flows_dir, simulated=conn.simulator)
        app = TextbotsApp(
            connection=conn,
            client_factory=lambda: build_client(
                conn, simulator_settings=simulator_settings, deadline_s=settings.request_deadline
            ),
            journal_dir=settings.journal_dir,
            start=start,
            keymap=dict(settings.keys),
            theme=settings.theme,
            auto_noinput=settings.auto_noinput,
            present=present or settings.present,
            demo=demo,
            disconnect_on_close=settings.disconnect_on_close,
            history=HistoryOptions(
                show=not settings.no_history,
                all_targets=settings.history_all_targets,
                keep_days=settings.history_days,
                keep_mb=settings.history_max_mb,
            ),
            on_first_frame=resume_collector if collecting else None,
        )
        app.run()
    finally:
        if collecting:
            gc.enable()
    ctx.exit(app.return_code or 0)
