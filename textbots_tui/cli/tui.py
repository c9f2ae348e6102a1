"""The bare ``textbots-tui`` command: open the TUI, optionally straight into a session of a flow or a bot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from textbots_tui.cli.collector import PausedCollector
from textbots_tui.cli.launch import build_app, has_terminal, start_params, start_problem
from textbots_tui.cli.shared import UserError, connect, given
from textbots_tui.settings.fields import SPECS

if TYPE_CHECKING:
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.simulator import SimulatorSettings
    from textbots_tui.ui.demo_player import DemoRequest

__all__ = ["has_terminal", "open_tui", "run_app", "tui_options"]

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
        # The setting's own words: ``present`` in the config file does what --present does.
        click.option("--present", is_flag=True, default=None, help=SPECS["present"].doc),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _start_params(
    flow_id: str | None, language: str | None, bot_id: str | None, integration_id: str | None
) -> FlowLaunchParams | BotParams | None:
    """What the TUI opens straight into, after checking that the options make sense together."""
    problem = start_problem(flow_id, language, bot_id, integration_id)
    if problem is not None:
        raise click.UsageError(problem)
    return start_params(flow_id, language, bot_id, integration_id)


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
    # Up to the first frame the process makes some 65,000 objects that live as long as it does, and as many
    # again while the backend opens: the collector is paused until then (see textbots_tui.cli.collector).
    with PausedCollector() as collector:
        settings, conn = connect(target)
        if not has_terminal():
            raise UserError(
                "the TUI needs a terminal (standard input and output are not one): "
                "to play scripts headless, as in CI, use `textbots-tui run SCRIPT...`"
            )
        simulator_settings = _simulator_settings(flows_dir, simulated=conn.simulator)
        app = build_app(
            settings,
            conn,
            start=start,
            present=present,
            simulator_settings=simulator_settings,
            demo=demo,
            on_started=collector.resume,
        )
        app.run()
    ctx.exit(app.return_code or 0)
