"""``textbots-tui serve``: the TUI in a web browser, through textual-serve.

Each browser tab that opens the page starts its own ``textbots-tui`` process with this server's environment
(credentials included) and the app options given here. The server binds loopback by default; any other host
is warned about, since whoever reaches it can use the org the app connects to.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from typing import Any

import click

from textbots_tui.cli.shared import CONTEXT, EPILOG, connect, given, target_options
from textbots_tui.cli.tui import tui_options

__all__ = ["app_command", "command", "is_loopback"]

NOT_APP_OPTIONS = frozenset({"host", "port"})
"""The server's own options; every other option of the command is passed on to the app."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine (``localhost``, ``127.x``, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(command: click.Command, options: dict[str, Any]) -> list[str]:
    """The command line that opens the app with ``options`` (the given ones: flags and their values)."""
    argv = [sys.executable, "-m", "textbots_tui"]
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in NOT_APP_OPTIONS or param.name is None:
            continue
        value = options.get(param.name)
        if value is None or value is False:
            continue
        flag = max(param.opts, key=len)  # the long form
        argv += [flag] if param.is_flag else [flag, str(value)]
    return argv


@click.command("serve", context_settings=CONTEXT, epilog=EPILOG)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port to listen on."
)
@target_options
@tui_options
@click.pass_context
def command(ctx: click.Context, /, host: str, port: int, **app_options: Any) -> None:
    """Serve the TUI in a web browser: open http://HOST:PORT/ (each tab runs its own app).

    The other options are the app's (as for the bare command): the target, --flow or --bot, --present.
    """
    options = {**(ctx.obj or {}), **given(app_options)}
    target = {name: value for name, value in options.items() if name not in _TUI_ONLY}
    connect(target)  # a configuration problem is one line now, not an error page in every tab
    if not is_loopback(host):
        click.echo(
            f"Warning: serving on {host}, not only on this machine. Every browser tab that opens the page "
            "starts the app with this server's environment, credentials included: anyone who reaches "
            f"{host}:{port} can talk to the org it connects to.",
            err=True,
        )
    from textual_serve.server import Server

    argv = app_command(ctx.command, options)
    click.echo(f"Serving textbots-tui on http://{host}:{port}/ (ctrl+c stops)", err=True)
    Server(shlex.join(argv), host=host, port=port, title="textbots-tui").serve()


_TUI_ONLY = frozenset({"flow_id", "language", "bot_id", "integration_id", "present", "flows_dir"})
"""Options of the app that are not part of the target (checked by the app itself when it starts)."""
