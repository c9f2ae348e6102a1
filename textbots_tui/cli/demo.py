"""``textbots-tui demo SCRIPT``: a scripted conversation played live in the TUI, for an audience."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from textbots_tui.cli.shared import CONTEXT, EPILOG, UserError, given, target_options
from textbots_tui.cli.tui import run_app

__all__ = ["command"]


@click.command("demo", context_settings=CONTEXT, epilog=EPILOG)
@click.argument("script", metavar="SCRIPT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scenario", metavar="NAME", help="The scenario to play (default: the script's first).")
@click.option(
    "--pace",
    metavar="SECONDS",
    type=click.FloatRange(min=0),
    default=1.5,
    show_default=True,
    help="With --auto: the pause before each step.",
)
@click.option("--auto", is_flag=True, help="Advance by itself (else space, or Enter, plays the next step).")
@click.option("--present", is_flag=True, help="In presenter mode (alt+p switches it).")
@target_options
@click.pass_context
def command(
    ctx: click.Context,
    /,
    script: Path,
    scenario: str | None,
    pace: float,
    auto: bool,
    present: bool,
    **target: Any,
) -> None:
    """Play a scenario of SCRIPT live in the TUI: each user step is typed out, then sent.

    Space (or Enter) plays the next step; when the bot says something the script did not expect, the demo
    pauses and shows expected versus got, and you can go on by hand. Esc stops the demo.
    """
    from textbots_tui.core.demo import choose_scenario
    from textbots_tui.ui.demo_player import DemoRequest

    try:
        loaded = choose_scenario(script, scenario)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    request = DemoRequest(loaded, auto=auto, pace=pace)
    run_app(ctx, {**(ctx.obj or {}), **given(target)}, present=present, demo=request)
