"""What a run writes besides its printed results and JUnit: coverage (printed, and as JSON) and the HTML
report. Made while the client is still open: coverage asks the target for names and declarations once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from textbots_tui.core.report import ScenarioResult

if TYPE_CHECKING:
    from textbots_tui.api.client import TextbotsClient

CoverageTarget = Path | Literal["print"]
"""``--coverage FILE.json`` (print and write), or ``--coverage`` alone (print)."""


async def write_reports(
    results: Sequence[ScenarioResult],
    client: TextbotsClient,
    out: TextIO,
    *,
    coverage: CoverageTarget | None = None,
    html: Path | None = None,
    target_label: str | None = None,
) -> bool:
    """Print coverage and write the coverage JSON and the HTML report, as asked. Returns ``False`` when a
    file could not be written (said on ``out``)."""
    ok = True
    names = None
    if coverage is not None or html is not None:
        from textbots_tui.core.names import NameResolver

        names = NameResolver(client)
    if coverage is not None and names is not None:
        from textbots_tui.core.coverage import CoverageCollector, build_report
        from textbots_tui.core.coverage_text import coverage_lines

        collector = CoverageCollector()
        for result in results:
            collector.add_session(result.loaded.scenario.launch_params(), result.events)
        report = (await build_report(collector, client, names)).to_json()
        print("\n".join(coverage_lines(report)), file=out, flush=True)
        if isinstance(coverage, Path):
            text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
            ok = _write(coverage, text, "coverage report", out) and ok
    if html is not None and names is not None:
        from textbots_tui.core.html_report import run_report_html

        page = await run_report_html(results, names, target_label=target_label)
        ok = _write(html, page, "HTML report", out) and ok
    return ok


def _write(path: Path, text: str, what: str, out: TextIO) -> bool:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"cannot write the {what} {path}: {exc.strerror or exc}", file=out, flush=True)
        return False
    return True


__all__ = ["CoverageTarget", "write_reports"]
