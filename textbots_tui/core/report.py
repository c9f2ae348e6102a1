"""How a run is reported: the result of each scenario, its printed form, and the JUnit XML file.

A failed scenario reads as what step failed, at which line, what was expected, what came and everything the
bot said since the previous user step. Bot text is data: control characters in it are shown as ``\\xNN``,
never obeyed by the terminal, and never written raw into XML it would make invalid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from textbots_tui.api.errors import TextbotsError
from textbots_tui.api.text import escape_unsafe, shorten
from textbots_tui.core.events import Event
from textbots_tui.core.matchers import Mismatch, Observed
from textbots_tui.core.script import LoadedScenario

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

REPORT_LINE_CHARS = 2_000
"""Longest line of a failure report (printed and JUnit): a huge bot answer or ``say:`` is cut to this, with a
note of how many characters were left out, so one scenario cannot flood a CI log."""


@dataclass(frozen=True, slots=True)
class StepFailure:
    """Where and why a scenario failed."""

    step_index: int | None
    """The failing step (from 0), or None when the session could not even start."""
    location: str
    """``file:line`` of the step (or of the scenario, for a failed start)."""
    action: str
    """The step in words: ``expect``, ``say "12345"``, ``choose "Track an order"``, ``start``."""
    mismatches: tuple[Mismatch, ...] = ()
    problem: str | None = None
    """Why a step could not run: refused input, an API error (title and message), an internal error."""
    observed: Observed | None = None
    """Everything the bot produced since the previous user step."""
    since: str = "the start"
    """The previous user step in words, for the "the bot said after ..." line."""
    is_error: bool = False
    """An API or internal error rather than a failed expectation (JUnit tells them apart)."""

    @property
    def headline(self) -> str:
        """One line: which step failed and how."""
        where = "starting the session" if self.step_index is None else f"step {self.step_index + 1}"
        what = ", ".join(m.what for m in self.mismatches) if self.mismatches else (self.problem or "")
        line = f"{where} ({self.location}) {self.action}: {what.splitlines()[0] if what else 'failed'}"
        return shorten(line, REPORT_LINE_CHARS)

    def details(self) -> list[str]:
        """The full diff: step, each expected-versus-got, and what the bot said."""
        if self.step_index is None:
            lines = [f"while starting the session ({self.location}):"]
        else:
            step_path = f"steps[{self.step_index}]"
            lines = [f"step {self.step_index + 1} ({step_path}, {self.location}): {self.action}"]
        if self.problem is not None:
            lines.extend("  " + line for line in self.problem.splitlines())
        for mismatch in self.mismatches:
            lines.append(f"  {mismatch.what}")
            lines.append(f"    expected: {mismatch.expected}")
            lines.append(f"    got:      {mismatch.got}")
        observed = self.observed
        if observed is not None and (
            observed.items or observed.waiting or observed.ended or not self.is_error
        ):
            lines.append(f"the bot said after {self.since}:")
            lines.extend("  " + line for line in observed.describe())
        return [shorten(line, REPORT_LINE_CHARS) for line in lines]


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """The outcome of one scenario."""

    loaded: LoadedScenario
    duration_s: float
    failure: StepFailure | None = None
    turn_latencies_ms: tuple[float, ...] = ()
    """The HTTP round trip of every bot turn, for benchmarks."""
    expect_failures: tuple[StepFailure, ...] = ()
    """Every failed ``expect`` when the run went on past them (``run --update``); else empty."""
    events: tuple[Event, ...] = ()
    """What the scenario's controller emitted, in order (for coverage and the HTML report)."""

    @property
    def passed(self) -> bool:
        """Whether every step passed."""
        return self.failure is None


def format_result(result: ScenarioResult, *, index: int, total: int, progress: bool) -> str:
    """The report of one scenario: ``PASS name (1.2 s)``, or ``FAIL ...`` followed by the indented diff."""
    counter = f"[{index + 1:>{len(str(total))}}/{total}] " if progress else ""
    status = "PASS" if result.passed else "FAIL"
    line = f"{counter}{status} {result.loaded.name} ({result.duration_s:.1f} s)"
    if result.failure is None:
        return printable(line)
    return printable("\n".join([line, *("    " + d for d in result.failure.details())]))


def write_junit(results: Sequence[ScenarioResult], path: Path) -> None:
    """A JUnit XML report: a test suite per script file, a test case per scenario, failures with the diff."""
    import xml.etree.ElementTree as ET  # only a run with --junit pays for it

    root = ET.Element("testsuites", name="textbots-tui run")
    by_file: dict[str, list[ScenarioResult]] = {}
    for result in results:
        by_file.setdefault(result.loaded.file, []).append(result)
    for file, file_results in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=file)
        for result in file_results:
            testcase = ET.SubElement(
                suite,
                "testcase",
                name=_xml_text(result.loaded.name),
                classname=_xml_text(Path(file).with_suffix("").as_posix().replace("/", ".")),
                file=file,
                line=str(result.loaded.line),
                time=f"{result.duration_s:.3f}",
            )
            case_row = result.loaded.case
            if case_row is not None:
                properties = ET.SubElement(testcase, "properties")
                ET.SubElement(properties, "property", name="case", value=str(case_row.number))
                for key, value in case_row.values.items():
                    ET.SubElement(properties, "property", name=f"case.{key}", value=_xml_text(str(value)))
            failure = result.failure
            if failure is not None:
                element = ET.SubElement(
                    testcase,
                    "error" if failure.is_error else "failure",
                    message=_xml_text(failure.headline),
                    type="error" if failure.is_error else "expectation",
                )
                element.text = _xml_text("\n".join(failure.details()))
        _count(suite, file_results)
    _count(root, results)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _count(element: ET.Element, results: Sequence[ScenarioResult]) -> None:
    failures = [r.failure for r in results if r.failure is not None]
    element.set("tests", str(len(results)))
    element.set("failures", str(sum(1 for f in failures if not f.is_error)))
    element.set("errors", str(sum(1 for f in failures if f.is_error)))
    element.set("skipped", "0")
    element.set("time", f"{sum(r.duration_s for r in results):.3f}")


def describe_error(error: TextbotsError) -> str:
    """An API error as one line: title, status and code, message, correlation id."""
    status = " ".join(str(p) for p in (error.status, error.code) if p)
    text = (
        f"{error.title}"
        + (f" ({status})" if status else "")
        + (f": {error.message}" if error.message else "")
    )
    return text + (f" [correlation id {error.correlation_id}]" if error.correlation_id else "")


def printable(text: str) -> str:
    """Bot text is data: an ANSI escape, a bidi override or any other character that acts instead of showing
    is made visible (as the chat pane shows it), never obeyed by the terminal."""
    return escape_unsafe(text)


def _xml_text(text: str) -> str:
    """Bot text in JUnit: shown as in the run's output, which also leaves out what XML 1.0 cannot carry."""
    return escape_unsafe(text)


class OrderedPrinter:
    """Prints results in file order as soon as every earlier scenario has finished."""

    def __init__(self, out: TextIO, total: int, *, progress: bool) -> None:
        self.out = out
        self.total = total
        self.progress = progress
        self.pending: dict[int, ScenarioResult] = {}
        self.next_index = 0

    def flush_all(self) -> None:
        """Print every result still waiting for an earlier one (the run stopped before that one finished)."""
        for index in sorted(self.pending):
            ready = self.pending.pop(index)
            text = format_result(ready, index=index, total=self.total, progress=self.progress)
            print(text, file=self.out, flush=True)

    def add(self, index: int, result: ScenarioResult) -> None:
        """Take one finished result; print it and any that were waiting for it."""
        self.pending[index] = result
        while self.next_index in self.pending:
            ready = self.pending.pop(self.next_index)
            text = format_result(ready, index=self.next_index, total=self.total, progress=self.progress)
            print(text, file=self.out, flush=True)
            self.next_index += 1


def is_tty(out: TextIO) -> bool:
    """Whether ``out`` is a terminal (a stream without a file behind it is not)."""
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
