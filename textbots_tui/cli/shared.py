"""What the commands share: the target options (built from the settings' declaration), the one-line user
error, and the lazy group that imports a command's module only when that command runs.

Only click is imported here: the TUI's first screen waits for every import made before it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from textbots_tui.core.connection import Connection
    from textbots_tui.settings import Settings

__all__ = ["CONTEXT", "EPILOG", "LazyGroup", "UserError", "connect", "given", "target_options"]

_F = TypeVar("_F", bound=Callable[..., Any])

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

EPILOG = """\b
Credentials, highest first: flags; the environment (GENESYSCLOUD_OAUTHCLIENT_ID,
GENESYSCLOUD_OAUTHCLIENT_SECRET, GENESYSCLOUD_REGION, GENESYSCLOUD_ACCESS_TOKEN, then
GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET, GENESYS_CLOUD_REGION); a profile of
config.toml (in the platform's config dir, or TEXTBOTS_TUI_CONFIG); else the built-in simulator."""


class UserError(click.ClickException):
    """A mistake in what the user gave (settings, config file, a missing file): one line, exit code 2."""

    exit_code = 2


class LazyGroup(click.Group):
    """A group whose commands live in their own modules, imported only when listed in help or run.

    ``lazy_commands`` maps a command name to ``"module:attribute"``.
    """

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, the lazy ones included, sorted."""
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, importing its module if it is a lazy one."""
        if cmd_name not in self.lazy_commands:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = self.lazy_commands[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.lazy_commands[cmd_name]} is not a click command")
        return command


def target_options(func: _F) -> _F:
    """Add an option for every setting declared with a flag (``--profile``, ``--region``, ``--simulator``...).

    Every command that talks to an org shares them; they come from :mod:`textbots_tui.settings.fields`, so a
    new setting with a flag shows up here by itself.
    """
    from textbots_tui.settings.fields import SPECS, plain_type  # standard library only

    options = []
    for name, spec in SPECS.items():
        if spec.flag is None:
            continue
        option, _, metavar = spec.flag.partition(" ")
        kind = plain_type(name)
        if kind is bool:
            options.append(click.option(option, name, is_flag=True, help=spec.doc))
        else:
            click_type = click.Path(path_type=Path) if kind is Path else kind
            options.append(
                click.option(option, name, metavar=metavar or None, type=click_type, help=spec.doc)
            )
    for option_decorator in reversed(options):
        func = option_decorator(func)
    return func


def given(options: dict[str, Any]) -> dict[str, Any]:
    """The target options actually given (unset ones are ``None``; a flag left off is ``False``)."""
    return {name: value for name, value in options.items() if value not in (None, False)}


def connect(options: dict[str, Any]) -> tuple[Settings, Connection]:
    """Read the settings and resolve the connection; configuration problems become a :class:`UserError`."""
    from textbots_tui.settings import ConfigError, read_settings
    from textbots_tui.settings.connection import resolve_connection
    from textbots_tui.settings.sources import exposed_secrets_warning

    try:
        settings = read_settings(**options)
        connection = resolve_connection(settings)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    if not settings.request_deadline > 0:
        raise UserError(f"{settings.origin('request_deadline')}: must be more than 0 seconds")
    warning = exposed_secrets_warning(settings.config_file)
    if warning is not None:
        click.echo(f"warning: {warning}", err=True)
    return settings, connection
