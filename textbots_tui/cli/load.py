"""``textbots-tui load``: the scripts of ``run`` as the behaviour of Locust users, on one machine or many.

Only parsing, checks and the safety question live here; :mod:`textbots_tui.load.launcher` starts the
processes. Nothing here imports Locust.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from textbots_tui.cli.run import _script_paths
from textbots_tui.cli.shared import CONTEXT, EPILOG, UserError, connect, given, target_options

__all__ = ["command"]

_MASTER_ONLY = (
    "users",
    "spawn_rate",
    "run_time",
    "workers",
    "csv_prefix",
    "html",
    "fail_p95",
    "expect_workers",
)


def _flag(name: str) -> str:
    return {"csv_prefix": "--csv"}.get(name, "--" + name.replace("_", "-"))


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine (no org behind it: no confirmation needed)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _has_terminal() -> bool:
    """Whether someone can be asked (standard input is a terminal)."""
    return sys.stdin.isatty()


def _check_roles(chosen: dict[str, Any], master: bool, worker: bool, master_host: str | None) -> None:
    """Usage errors between the options of the three roles (one process, master, worker)."""
    if master and worker:
        raise click.UsageError("--master and --worker cannot be used together.")
    if worker:
        extra = [_flag(name) for name in _MASTER_ONLY if chosen.get(name) is not None]
        if extra:
            raise click.UsageError(f"{', '.join(extra)} belong to the master, not to a --worker.")
        if master_host is None:
            raise click.UsageError("--worker needs --master-host (where the master runs).")
        return
    if master_host is not None:
        raise click.UsageError("--master-host goes with --worker.")
    missing = [_flag(name) for name in ("users", "spawn_rate", "run_time") if chosen.get(name) is None]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)}: say how many users, how fast, for how long.")
    if master and chosen.get("workers") is not None:
        raise click.UsageError("--workers starts local workers; with --master use --expect-workers.")
    if chosen.get("expect_workers") is not None and not master:
        raise click.UsageError("--expect-workers goes with --master.")


@click.command("load", context_settings=CONTEXT, epilog=EPILOG)
@click.argument("scripts", metavar="SCRIPT...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--users", metavar="N", type=click.IntRange(min=1), help="Simulated users (conversations).")
@click.option(
    "--spawn-rate", metavar="R", type=click.FloatRange(min=0, min_open=True), help="Users started a second."
)
@click.option("--run-time", metavar="DURATION", help="How long users run: 30s, 5m, 1h30m.")
@click.option(
    "--workers", metavar="K", type=click.IntRange(min=1), help="Run a local master and K worker processes."
)
@click.option("--master", is_flag=True, help="Be the master of a run spread over machines.")
@click.option(
    "--expect-workers", metavar="K", type=click.IntRange(min=1), help="Workers the master waits for."
)
@click.option("--worker", is_flag=True, help="Be a worker of a master on another machine.")
@click.option("--master-host", metavar="HOST", help="Where the master runs (with --worker).")
@click.option(
    "--master-port",
    metavar="PORT",
    type=click.IntRange(1, 65535),
    default=5557,
    show_default=True,
    help="The master's port for its workers.",
)
@click.option("--csv", "csv_prefix", metavar="PREFIX", help="Locust's CSV reports: PREFIX_stats.csv...")
@click.option("--html", metavar="FILE", type=click.Path(dir_okay=False), help="Locust's HTML report.")
@click.option(
    "--fail-ratio",
    metavar="X",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Fail when more than this fraction of requests or scenarios failed.",
)
@click.option("--fail-p95", metavar="MS", type=click.FloatRange(min=0), help="Fail when the p95 is over MS.")
@click.option(
    "--max-rps",
    metavar="N",
    type=click.FloatRange(min=0, min_open=True),
    help="Cap the requests per second (an org limits requests per OAuth client).",
)
@click.option("--yes", is_flag=True, help="Do not ask before loading a real org.")
@target_options
@click.pass_context
def command(
    ctx: click.Context,
    /,
    scripts: tuple[Path, ...],
    master: bool,
    worker: bool,
    master_host: str | None,
    master_port: int,
    fail_ratio: float,
    max_rps: float | None,
    yes: bool,
    users: int | None,
    spawn_rate: float | None,
    run_time: str | None,
    workers: int | None,
    expect_workers: int | None,
    csv_prefix: str | None,
    html: str | None,
    fail_p95: float | None,
    **connection: Any,
) -> None:
    """Load-test bot flows with Locust: each user plays the scripts' scenarios in a loop.

    Exit code 0 when the run ended with no failures (or within --fail-ratio) and under --fail-p95, 1
    otherwise, 2 for a usage, script or configuration error. With no credentials the built-in simulator is
    started on a loopback port for the run.
    """
    chosen = {
        "users": users,
        "spawn_rate": spawn_rate,
        "run_time": run_time,
        "workers": workers,
        "expect_workers": expect_workers,
        "csv_prefix": csv_prefix,
        "html": html,
        "fail_p95": fail_p95,
    }
    _check_roles(chosen, master, worker, master_host)
    import importlib.util

    if importlib.util.find_spec("locust") is None:
        raise UserError("textbots-tui load needs Locust: pip install 'textbots-tui[load]'")
    from textbots_tui.load.plan import parse_duration

    try:
        run_time_s = parse_duration(run_time) if run_time is not None else 0.0
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--run-time") from None
    paths = _script_paths(scripts)
    from textbots_tui.core.script import ScriptError, load_scripts

    try:
        load_scripts(paths)
    except ScriptError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise UserError(f"{len(exc.problems)} problem(s) in the scripts: nothing was run") from None
    _, conn = connect({**(ctx.obj or {}), **given(connection)})
    from textbots_tui.load.launcher import LoadOptions, Role, run_load

    role: Role = "worker" if worker else "master" if master else "local"
    options = LoadOptions(
        scripts=tuple(str(p.resolve()) for p in paths),
        users=users or 1,
        spawn_rate=spawn_rate or 1.0,
        run_time_s=run_time_s,
        role=role,
        workers=workers or 0,
        expect_workers=expect_workers or 1,
        master_host=master_host,
        master_port=master_port,
        csv_prefix=csv_prefix,
        html=html,
        fail_ratio=fail_ratio,
        fail_p95_ms=fail_p95,
        max_rps=max_rps,
    )
    click.echo(f"Target: {conn.label or conn.api_url}")
    if role != "worker":
        processes = f"{workers} worker processes" if workers else "one process"
        cap = f"capped at {max_rps:g} requests/s" if max_rps else "not capped (--max-rps)"
        click.echo(
            f"Plan: {users} users, {spawn_rate:g} started a second, for {run_time_s:g} s on {processes}; "
            f"request rate {cap}"
        )
    if not (conn.simulator or is_loopback(conn.api_url) or yes or role == "master"):
        if not _has_terminal():
            raise UserError("a load run against a real org needs --yes when there is no terminal to ask")
        click.confirm(f"Send this load to {conn.label or conn.api_url}?", abort=True)
    code = run_load(options, conn, out=click.echo, err=lambda line: click.echo(line, err=True))
    ctx.exit(code)
