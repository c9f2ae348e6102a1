"""The ``textbots-tui`` command: the TUI (bare command), ``run`` (headless scripts) and ``simulator``.

This module only parses and wires. Everything heavy (Textual, httpx, pydantic, the simulator) is imported
inside the command that needs it, because the time to the first screen counts.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from textbots_tui import __version__

if TYPE_CHECKING:
    from textbots_tui.config import Settings
    from textbots_tui.connection import Connection
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.quick_settings import QuickSettings

__all__ = ["main"]

_F = TypeVar("_F", bound=Callable[..., Any])

_CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

_EPILOG = """\b
Credentials, highest first: flags; the environment (GENESYSCLOUD_OAUTHCLIENT_ID,
GENESYSCLOUD_OAUTHCLIENT_SECRET, GENESYSCLOUD_REGION, GENESYSCLOUD_ACCESS_TOKEN, then
GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET, GENESYS_CLOUD_REGION); a profile of
config.toml (in the platform's config dir, or TEXTBOTS_TUI_CONFIG); else the built-in simulator."""


class UserError(click.ClickException):
    """A mistake in what the user gave (settings, config file, a missing file): one line, exit code 2."""

    exit_code = 2


def connection_options(func: _F) -> _F:
    """Add the options that choose the org to talk to; every command that talks to one shares them."""
    options = [
        click.option("--profile", metavar="NAME", help="A profile from the config file."),
        click.option(
            "--region",
            metavar="REGION",
            help="us-east-1 | eu-west-1 | ... or a domain such as mypurecloud.ie.",
        ),
        click.option(
            "--api-url",
            metavar="URL",
            help="Explicit API base URL (a proxy, the simulator on loopback, a test server).",
        ),
        click.option("--login-url", metavar="URL", help="Explicit login (OAuth) base URL."),
        click.option("--simulator", is_flag=True, help="Force the built-in simulator (a demo org)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _given(options: dict[str, Any]) -> dict[str, Any]:
    """The connection options actually given (unset ones are ``None``; a flag left off is ``False``)."""
    return {name: value for name, value in options.items() if value not in (None, False)}


def _connect(options: dict[str, Any], *, quick: bool = False) -> tuple[Settings | QuickSettings, Connection]:
    """Load the settings and resolve the connection; configuration problems become a :class:`UserError`.

    With ``quick``, the settings are first tried without pydantic (:mod:`textbots_tui.quick_settings`): the
    TUI's first screen must not wait for it. The full settings decide whenever the quick ones cannot.
    """
    from textbots_tui.config_sources import ConfigError
    from textbots_tui.connection import resolve_connection

    try:
        settings: Settings | QuickSettings | None = None
        if quick:
            from textbots_tui.quick_settings import quick_settings

            settings = quick_settings(**options)
        if settings is None:
            from textbots_tui.config import load_settings

            settings = load_settings(**options)
        return settings, resolve_connection(settings)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


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


@click.group(invoke_without_command=True, context_settings=_CONTEXT, epilog=_EPILOG)
@connection_options
@click.option("--flow", "flow_id", metavar="ID", help="Open straight into a new session of this bot flow.")
@click.option("--language", metavar="L", help="The language of that session (for example en-us).")
@click.option("--bot", "bot_id", metavar="ID", help="Open straight into a new session with this bot.")
@click.option(
    "--integration", "integration_id", metavar="ID", help="The integration --bot is reached through."
)
@click.version_option(__version__, "-V", "--version", prog_name="textbots-tui")
@click.pass_context
def main(
    ctx: click.Context,
    /,
    flow_id: str | None,
    language: str | None,
    bot_id: str | None,
    integration_id: str | None,
    **connection: Any,
) -> None:
    """Test and demo Genesys Cloud bot flows through the textbots API.

    With no command, open the TUI. With no credentials anywhere it talks to the built-in simulator (a demo
    org: no network needed).
    """
    if ctx.invoked_subcommand is not None:
        tui_only = {
            "--flow": flow_id,
            "--language": language,
            "--bot": bot_id,
            "--integration": integration_id,
        }
        opening = [flag for flag, value in tui_only.items() if value is not None]
        if opening:
            raise click.UsageError(f"{', '.join(opening)} open the TUI; they do not go with a command.")
        # Connection options given before the command name count as if given after it.
        ctx.obj = _given(connection)
        return
    start = _start_params(flow_id, language, bot_id, integration_id)
    # Up to the first frame the process makes some 65,000 objects that live as long as it does (modules,
    # classes, styles, widgets): the cyclic garbage collector would walk them again and again for nothing
    # (about 30 ms of CPU, 7% of the time to the first screen). It is paused until that frame is drawn.
    collecting = gc.isenabled()
    gc.disable()
    try:
        settings, conn = _connect(_given(connection), quick=True)
        from textbots_tui.connection import build_client
        from textbots_tui.ui.app import TextbotsApp

        app = TextbotsApp(
            connection=conn,
            client_factory=lambda: build_client(conn),
            journal_dir=settings.journal_dir,
            start=start,
            keymap=dict(settings.keys),
            theme=settings.theme,
            auto_noinput=settings.auto_noinput,
            on_first_frame=gc.enable if collecting else None,
        )
        app.run()
    finally:
        if collecting:
            gc.enable()
    ctx.exit(app.return_code or 0)


def _script_paths(paths: Iterable[Path]) -> list[Path]:
    """The script files to run: files as given, directories expanded to their ``*.yaml`` / ``*.yml`` files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not inside:
                raise UserError(f"{path}: no .yaml or .yml script files in this directory")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise UserError(f"{path}: no such script file")
    return found


@main.command("run", context_settings=_CONTEXT, epilog=_EPILOG)
@click.argument("scripts", metavar="SCRIPT...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--junit",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a JUnit XML report to FILE.",
)
@click.option(
    "--concurrency",
    metavar="N",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="How many scenarios run at the same time.",
)
@connection_options
@click.pass_context
def run_command(
    ctx: click.Context,
    /,
    scripts: tuple[Path, ...],
    junit: Path | None,
    concurrency: int,
    **connection: Any,
) -> None:
    """Run scripted conversations headless.

    Exit code 0 when every scenario passed, 1 when any failed, 2 for a usage, script or configuration error.
    A SCRIPT may be a directory: its .yaml and .yml files are run.
    """
    paths = _script_paths(scripts)
    settings, conn = _connect({**(ctx.obj or {}), **_given(connection)})
    import asyncio

    from textbots_tui.connection import build_client
    from textbots_tui.core.journal import Journal
    from textbots_tui.core.runner import run_scripts

    # Headless sessions are journalled like the TUI's, so a failed run can be looked into afterwards.
    journal = Journal(settings.journal_dir)
    code = 1
    reader_gone = False
    try:
        code = asyncio.run(
            run_scripts(
                paths,
                client_factory=lambda: build_client(conn),
                concurrency=concurrency,
                junit=junit,
                out=sys.stdout,
                journal=journal,
                # Named first: a CI job whose credentials went missing cannot pass on the demo org unseen.
                target_label=conn.label,
            )
        )
    except* BrokenPipeError:
        # The reader went away (`textbots-tui run ... | head`): stop quietly, as other command-line tools do.
        reader_gone = True
    finally:
        journal.close()
    if reader_gone:
        _discard_stdout()
    ctx.exit(code)


def _discard_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's capture): nothing to do
        pass


@main.command("simulator", context_settings=_CONTEXT)
@click.option(
    "--host", metavar="ADDRESS", default="127.0.0.1", show_default=True, help="The address to listen on."
)
@click.option(
    "--port",
    metavar="PORT",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="0 picks a free port.",
)
@click.option(
    "--flows",
    "flows_dir",
    metavar="DIR",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A directory of extra flow and bot YAML files, served besides the samples.",
)
@click.option("--client-id", metavar="ID", help="Accept only this client id (default: any, like a demo org).")
@click.option("--client-secret", metavar="SECRET", help="The secret that goes with --client-id.")
@click.option("--latency-ms", metavar="N", type=click.FloatRange(min=0), help="Delay every response by N ms.")
@click.option(
    "--rate-limit", metavar="N", type=click.IntRange(min=1), help="Answer 429 beyond N requests a minute."
)
@click.option(
    "--rate-limit-window",
    metavar="S",
    type=click.FloatRange(min=0, min_open=True),
    help="Count --rate-limit over S seconds instead of a minute (1: bursts of 429 with short waits).",
)
@click.option(
    "--error-rate",
    metavar="F",
    type=click.FloatRange(0, 1),
    help="Answer this fraction of requests (0 to 1) with 503.",
)
@click.option(
    "--lost-answer-rate",
    metavar="F",
    type=click.FloatRange(0, 1),
    help="Process this fraction of launches, turns and executes, then drop the connection before the answer.",
)
@click.option(
    "--token-lifetime", metavar="S", type=click.IntRange(min=1), help="OAuth token lifetime in seconds."
)
@click.option(
    "--session-timeout",
    metavar="S",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds of inactivity before a session expires.",
)
@click.option("--seed", metavar="N", type=int, help="Seed the simulated faults, for repeatable runs.")
@click.pass_context
def simulator_command(
    ctx: click.Context,
    /,
    host: str,
    port: int,
    flows_dir: Path | None,
    client_id: str | None,
    client_secret: str | None,
    **tuning: Any,
) -> None:
    """Serve the simulator over HTTP.

    The API and the login (OAuth) host share one base URL. It serves the sample flows and bots
    (GET /api/v2/flows, GET /api/v2/textbots/bots/search) and accepts any client id and secret unless
    --client-id and --client-secret restrict it.
    """
    if ctx.obj:
        raise click.UsageError(
            "connection options do not go with 'simulator': it serves, it connects to nothing."
        )
    if (client_id is None) != (client_secret is None):
        raise click.UsageError("--client-id and --client-secret go together.")
    from textbots_tui.simulator import SimulatorSettings, serve

    names = {
        "latency_ms": "latency_ms",
        "rate_limit": "rate_limit_per_minute",
        "rate_limit_window": "rate_limit_window_s",
        "lost_answer_rate": "lost_answer_rate",
        "error_rate": "error_rate_503",
        "token_lifetime": "token_lifetime_s",
        "session_timeout": "session_idle_timeout_s",
        "seed": "seed",
    }
    # Only what was given is passed on, so the simulator's own defaults stay the single source of truth.
    settings = SimulatorSettings(
        flows_dir=flows_dir,
        accepted_clients={client_id: client_secret} if client_id and client_secret else None,
        **{names[name]: value for name, value in tuning.items() if value is not None},
    )
    serve(settings, host=host, port=port)


from textbots_tui.cli_load import load_command  # noqa: E402  (the command module uses the helpers above)

main.add_command(load_command)
