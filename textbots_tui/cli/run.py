"""``textbots-tui run``: play scripted conversations headless, for CI."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

import click

from textbots_tui.cli.collector import PausedCollector
from textbots_tui.cli.shared import CONTEXT, EPILOG, UserError, connect, given, target_options

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient

__all__ = ["command"]


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


@click.command("run", context_settings=CONTEXT, epilog=EPILOG)
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
@click.option(
    "--update",
    is_flag=True,
    help="Rewrite, in place, the expectations that failed with what the bot says now (comments, order and "
    "passing matchers kept); print a unified diff of each changed file.",
)
@click.option("--dry-run", is_flag=True, help="With --update: print the diff, write nothing.")
@click.option(
    "--coverage",
    metavar="[FILE.json]",
    is_flag=False,
    flag_value="",
    default=None,
    help="Print what the run reached per flow or bot (outcomes, milestones, ends, intents, slots, choices) "
    "and what it never reached; with FILE.json also write it as JSON (put --coverage last, or give a file).",
)
@click.option(
    "--html",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained HTML report: summary, each scenario's chat, failed steps.",
)
@target_options
@click.pass_context
def command(
    ctx: click.Context,
    /,
    scripts: tuple[Path, ...],
    junit: Path | None,
    concurrency: int,
    update: bool,
    dry_run: bool,
    coverage: str | None,
    html: Path | None,
    **connection: Any,
) -> None:
    """Run scripted conversations headless.

    Exit code 0 when every scenario passed (with --update: passes after the update), 1 when any failed, 2 for
    a usage, script or configuration error. A SCRIPT may be a directory: its .yaml and .yml files are run.
    """
    if dry_run and not update:
        raise click.UsageError("--dry-run goes with --update.")
    if coverage and not coverage.endswith(".json"):
        raise click.UsageError(
            f"--coverage {coverage}: the coverage file must end in .json (put --coverage after the scripts "
            "to print coverage only)"
        )
    paths = _script_paths(scripts)
    with PausedCollector() as collector:
        settings, conn = connect({**(ctx.obj or {}), **given(connection)})
        import asyncio

        from textbots_tui.core.journal import Journal
        from textbots_tui.core.runner import INTERRUPTED, run_scripts
        from textbots_tui.settings.connection import build_client

        def client() -> TextbotsClient:
            built = build_client(conn, deadline_s=settings.request_deadline, cache_dir=settings.cache_dir)
            collector.resume()  # the start-up is over: scenarios make garbage to collect
            return built

        # Headless sessions are journalled like the TUI's, so a failed run can be looked into afterwards.
        # In a folder of their own ("runs"): a regression run does not flood the TUI's history, and its
        # sessions stay replayable (``textbots-tui replay`` finds them there).
        journal = Journal(settings.journal_dir / "runs", target=conn.target(), origin="run")
        out = ReaderSafeOutput(sys.stdout)
        try:
            code = asyncio.run(
                run_scripts(
                    paths,
                    client_factory=client,
                    concurrency=concurrency,
                    junit=junit,
                    out=cast(TextIO, out),  # the runner only writes, flushes and asks isatty()
                    journal=journal,
                    # Named first: a CI job whose credentials went missing cannot pass on the demo org unseen.
                    target_label=conn.label,
                    update=("dry-run" if dry_run else "write") if update else None,
                    coverage=None if coverage is None else Path(coverage) if coverage else "print",
                    html=html,
                    script_cache=settings.cache_dir / "scripts",
                )
            )
        except KeyboardInterrupt:
            # A second Ctrl-C, or one before the run started: the run handles the first one itself.
            click.echo("interrupted", err=True)
            code = INTERRUPTED
        finally:
            journal.close()
    ctx.exit(code)


class ReaderSafeOutput(io.TextIOBase):
    """Standard output for a run whose reader may go away (``textbots-tui run ... | head -1``).

    A closed pipe is not a failure: the run goes on, its report and JUnit are written and its exit code says
    how the scenarios did; only the printing stops.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        """Write ``text``, or drop it once the reader has gone."""
        if not self.reader_gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._gone()
        return len(text)

    def flush(self) -> None:
        """Flush, unless the reader has gone."""
        if not self.reader_gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._gone()

    def isatty(self) -> bool:
        """Whether the stream behind is a terminal."""
        return not self.reader_gone and self._stream.isatty()

    def _gone(self) -> None:
        self.reader_gone = True
        _discard_stdout()


def _discard_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's capture): nothing to do
        pass
