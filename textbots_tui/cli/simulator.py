"""``textbots-tui simulator``: serve the built-in simulator over HTTP (loopback by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from textbots_tui.cli.shared import CONTEXT, UserError

__all__ = ["command"]


@click.command("simulator", context_settings=CONTEXT)
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
def command(
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
    from textbots_tui.simulator.server import UnsafeFlowFile

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
    try:
        serve(settings, host=host, port=port)
    except UnsafeFlowFile as exc:
        raise UserError(str(exc)) from None
