"""``run --html``: one self-contained page for a whole run, built on the chat renderer of
:mod:`textbots_tui.core.html` (no second renderer here).

A summary table (scenario, where, result, time, the failed step), then each scenario: its result, the failed
step with each check's expected versus got, and its conversation drawn as a chat with the bot builder's
details (times, latencies, payloads, correlation ids). Everything from outside (names, bot text, file
names) is escaped; the page carries its own styles and a Content-Security-Policy that forbids scripts and
external loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from textbots_tui.core.events import ExchangeRecorded
from textbots_tui.core.html import HtmlOptions, text, transcript_page, transcript_section
from textbots_tui.core.names import NameResolver
from textbots_tui.core.report import ScenarioResult, StepFailure

REPORT_CSS = """
.tb-report { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; background: var(--bot); }
.tb-report th, .tb-report td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; font-size: .9rem; overflow-wrap: anywhere; }
.tb-report td.tb-pass, .tb-report td.tb-fail, .tb-report td.tb-num { white-space: nowrap; }
.tb-report td.tb-pass, .tb-result.tb-pass { color: var(--good); font-weight: 600; }
.tb-report td.tb-fail, .tb-result.tb-fail { color: var(--bad); font-weight: 600; }
.tb-totals { font-weight: 600; margin: .5rem 0 1rem; }
.tb-failure { border-left: 4px solid var(--bad); background: #fdecea; padding: .5rem .8rem; margin: .5rem 0;
  border-radius: .25rem; }
.tb-failure dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .4rem 0; }
.tb-failure dt { font-weight: 600; } .tb-failure dd { margin: 0; font-family: ui-monospace, Menlo, monospace;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.tb-meta { color: var(--muted); font-size: .85rem; margin: 0 0 .5rem; }
"""


async def run_report_html(
    results: Sequence[ScenarioResult], names: NameResolver, *, target_label: str | None = None
) -> str:
    """The whole page for a run's results; outcome and milestone names are asked of the target once."""
    outcomes = [o for r in results for e in r.events for o in getattr(e, "outcomes", ())]
    known = await names.resolve_outcomes(outcomes)
    options = HtmlOptions(names=known, technical=True)
    passed = sum(1 for r in results if r.passed)
    when = f"{datetime.now(UTC):%d %B %Y, %H:%M} UTC"
    subtitle = f"{passed} passed, {len(results) - passed} failed · {when}"
    if target_label:
        subtitle += f" · target {target_label}"
    summary = f"<style>{REPORT_CSS}</style>" + _summary_table(results)
    sections = [f'<section class="tb-summary">{summary}</section>']
    for number, result in enumerate(results, start=1):
        sections.append(_scenario_section(number, result, options))
    return transcript_page("textbots-tui run", sections, subtitle=subtitle)


def _summary_table(results: Sequence[ScenarioResult]) -> str:
    rows = []
    for number, result in enumerate(results, start=1):
        status = "PASS" if result.passed else "FAIL"
        failed = result.failure.headline if result.failure is not None else ""
        rows.append(
            f'<tr><td><a href="#scenario-{number}">{text(result.loaded.name)}</a></td>'
            f"<td>{text(result.loaded.file)}:{result.loaded.line}</td>"
            f'<td class="tb-{status.lower()}">{status}</td>'
            f'<td class="tb-num">{result.duration_s:.2f} s</td><td>{text(failed)}</td></tr>'
        )
    passed = sum(1 for r in results if r.passed)
    return (
        f'<p class="tb-totals">{passed} passed, {len(results) - passed} failed</p>'
        '<table class="tb-report"><thead><tr><th>Scenario</th><th>Where</th><th>Result</th><th>Time</th>'
        f"<th>Failed step</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _scenario_section(number: int, result: ScenarioResult, options: HtmlOptions) -> str:
    status = "PASS" if result.passed else "FAIL"
    latencies = result.turn_latencies_ms
    timing = f"{result.duration_s:.2f} s"
    if latencies:
        timing += f", {len(latencies)} turns, slowest {max(latencies):.0f} ms"
    head = (
        f'<h2 id="scenario-{number}">{text(result.loaded.name)} '
        f'<span class="tb-result tb-{status.lower()}">{status}</span></h2>'
        f'<p class="tb-meta">{text(result.loaded.file)}:{result.loaded.line} · {timing}</p>'
    )
    failure = _failure_html(result.failure) if result.failure is not None else ""
    chat = transcript_section(result.events, options=options)
    return f'<section class="tb-scenario">{head}{failure}{chat}{_requests_html(result)}</section>'


def _requests_html(result: ScenarioResult) -> str:
    """The scenario's HTTP requests, with timings and correlation ids (what to quote to Genesys support)."""
    rows = [
        f"<tr><td>{text(x.method)} {text(x.path)}</td><td>{x.status or text(x.error or '-')}</td>"
        f"<td>{x.duration_ms:.0f} ms</td><td>{text(x.correlation_id or '')}</td></tr>"
        for x in (e.exchange for e in result.events if isinstance(e, ExchangeRecorded))
    ]
    if not rows:
        return ""
    return (
        f"<details><summary>HTTP requests ({len(rows)})</summary>"
        '<table class="tb-report"><thead><tr><th>Request</th><th>Status</th><th>Time</th>'
        f"<th>Correlation id</th></tr></thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def _failure_html(failure: StepFailure) -> str:
    parts = [f"<p><strong>{text(failure.headline)}</strong></p>"]
    if failure.problem:
        parts.append(f'<pre class="tb-note">{text(failure.problem)}</pre>')
    for mismatch in failure.mismatches:
        parts.append(
            f"<p>{text(mismatch.what)}</p><dl><dt>expected</dt><dd>{text(mismatch.expected)}</dd>"
            f"<dt>got</dt><dd>{text(mismatch.got)}</dd></dl>"
        )
    return f'<div class="tb-failure">{"".join(parts)}</div>'


__all__ = ["REPORT_CSS", "run_report_html"]
