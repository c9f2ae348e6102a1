"""Opening the TUI without click: the app built from the settings, and a quick start for a plain command line.

Importing click and building the command's options costs some 20 ms before the first frame, for a command
line that is most often empty or ``--simulator``. :func:`quick_start` takes such a plain command line (only
the TUI's own options, each once, spelled out, with a value that cannot be mistaken for an option) and opens
the TUI directly. Whenever anything is unusual (help, a sub-command, ``--flows``, a value of another type, a
bad combination, a configuration problem, a warning to print, no terminal) it gives up before it has done
anything, and the click command (:mod:`textbots_tui.cli.group`) handles the whole command line: the
options, the errors and the exit codes are the click command's, always.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textbots_tui.cli.collector import PausedCollector

if TYPE_CHECKING:
    from textbots_tui.core.connection import Connection
    from textbots_tui.core.params import BotParams, FlowLaunchParams
    from textbots_tui.settings import Settings
    from textbots_tui.simulator import SimulatorSettings
    from textbots_tui.ui.app import TextbotsApp
    from textbots_tui.ui.demo_player import DemoRequest

__all__ = ["build_app", "has_terminal", "quick_start", "start_params", "start_problem"]

OPENING_FLAGS = {
    "--flow": "flow_id",
    "--language": "language",
    "--bot": "bot_id",
    "--integration": "integration_id",
}
"""The TUI's options that open a session at once (``--present`` aside), and their parameter names."""


def start_problem(
    flow_id: str | None, language: str | None, bot_id: str | None, integration_id: str | None
) -> str | None:
    """What is wrong with these options together (the usage error), or None when they make sense."""
    if flow_id is not None and bot_id is not None:
        return "--flow and --bot cannot be used together: pick one."
    if bot_id is not None and integration_id is None:
        return "--bot needs --integration (the integration the bot is reached through)."
    if integration_id is not None and bot_id is None:
        return "--integration goes with --bot."
    if language is not None and flow_id is None and bot_id is None:
        return "--language goes with --flow or --bot."
    return None


def start_params(
    flow_id: str | None, language: str | None, bot_id: str | None, integration_id: str | None
) -> FlowLaunchParams | BotParams | None:
    """What the TUI opens straight into (the options checked with :func:`start_problem`)."""
    from textbots_tui.core.params import BotParams, FlowLaunchParams

    if flow_id is not None:
        return FlowLaunchParams(flow_id=flow_id, language=language or "")
    if bot_id is not None and integration_id is not None:
        return BotParams(bot_id=bot_id, integration_id=integration_id, language=language)
    return None


def has_terminal() -> bool:
    """Whether standard input and output are both a terminal (not so in a CI job, a pipe or a cron job), or
    the app is served in a browser (textual-serve runs it with Textual's web driver, over pipes)."""
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return True
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or missing streams
        return False


def build_app(
    settings: Settings,
    conn: Connection,
    *,
    start: FlowLaunchParams | BotParams | None = None,
    present: bool = False,
    simulator_settings: SimulatorSettings | None = None,
    demo: DemoRequest | None = None,
    on_started: Callable[[], None] | None = None,
) -> TextbotsApp:
    """The TUI on ``conn`` as the settings say; ``on_started`` is called once its backend is open or failed to
    open, after the first frame (the command resumes the garbage collector it paused for the start-up: see
    :mod:`.collector`)."""
    from textbots_tui.settings.connection import build_client, client_modules
    from textbots_tui.ui.app import HistoryOptions, TextbotsApp

    return TextbotsApp(
        connection=conn,
        client_factory=lambda: build_client(
            conn,
            simulator_settings=simulator_settings,
            deadline_s=settings.request_deadline,
            cache_dir=settings.cache_dir,
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
        on_started=on_started,
        client_modules=client_modules(conn),
    )


def plain_options(argv: list[str]) -> tuple[dict[str, Any], dict[str, str | None], bool] | None:
    """The target options, the opening options and ``--present`` of a plain TUI command line, or None when
    it is anything else (the click command must read it)."""
    from textbots_tui.settings.fields import SPECS, plain_type

    target_flags: dict[str, tuple[str, type]] = {}
    for name, spec in SPECS.items():
        if spec.flag is not None:
            target_flags[spec.flag.partition(" ")[0]] = (name, plain_type(name))
    target: dict[str, Any] = {}
    opening: dict[str, str | None] = dict.fromkeys(OPENING_FLAGS.values())
    present = False
    seen: set[str] = set()
    words = iter(argv)
    for word in words:
        if word in seen:
            return None  # given twice: click says which one wins
        seen.add(word)
        if word == "--present":
            present = True
        elif word in OPENING_FLAGS or word in target_flags:
            kind = target_flags[word][1] if word in target_flags else str
            if kind is bool:
                target[target_flags[word][0]] = True
                continue
            value = next(words, None)
            if value is None or value.startswith("-") or kind not in (str, Path):
                return None
            if word in OPENING_FLAGS:
                opening[OPENING_FLAGS[word]] = value
            else:
                target[target_flags[word][0]] = Path(value) if kind is Path else value
        else:
            return None
    return target, opening, present


def quick_start(argv: list[str]) -> int | None:
    """Open the TUI for a plain command line and return its exit code; None (having done nothing) when the
    click command must handle the command line."""
    plain = plain_options(argv)
    if plain is None or start_problem(**plain[1]) is not None or not has_terminal():
        return None
    target, opening, present = plain
    with PausedCollector() as collector:  # as the click command does: see cli.tui.run_app
        from textbots_tui.settings import read_settings
        from textbots_tui.settings.connection import resolve_connection
        from textbots_tui.settings.sources import exposed_secrets_warning

        try:
            settings = read_settings(**target)
            conn = resolve_connection(settings)
        except Exception:  # a configuration problem: the click command reports it, in its words
            return None
        if not settings.request_deadline > 0 or exposed_secrets_warning(settings.config_file) is not None:
            return None
        app = build_app(
            settings, conn, start=start_params(**opening), present=present, on_started=collector.resume
        )
        app.run()
    return app.return_code or 0
