"""The click command `textbots-tui`: the TUI (the bare command), and one module per sub-command.

Adding a command: write ``cli/<name>.py`` with a click command named ``command`` (heavy imports inside its
function), then add one line to :data:`COMMANDS`. Only click is imported until a command runs: the time to the
first screen counts.
"""

from __future__ import annotations

from typing import Any

import click

from textbots_tui import __version__
from textbots_tui.cli.shared import CONTEXT, EPILOG, LazyGroup, target_options
from textbots_tui.cli.tui import open_tui, tui_options

__all__ = ["COMMANDS", "main"]

COMMANDS = {
    "demo": "textbots_tui.cli.demo:command",
    "export": "textbots_tui.cli.export:command",
    "load": "textbots_tui.cli.load:command",
    "replay": "textbots_tui.cli.replay:command",
    "run": "textbots_tui.cli.run:command",
    "serve": "textbots_tui.cli.serve:command",
    "simulator": "textbots_tui.cli.simulator:command",
}
"""Every sub-command and where it lives (imported only when it is run or listed)."""


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    invoke_without_command=True,
    context_settings=CONTEXT,
    epilog=EPILOG,
)
@target_options
@tui_options
@click.version_option(__version__, "-V", "--version", prog_name="textbots-tui")
@click.pass_context
def main(ctx: click.Context, /, **options: Any) -> None:
    """Test and demo Genesys Cloud bot flows through the textbots API.

    With no command, open the TUI. With no credentials anywhere it talks to the built-in simulator (a demo
    org: no network needed).
    """
    open_tui(ctx, **options)
