"""A replay printed for people: then and now side by side, step by step, differences marked and spelled out.

Plain text for the command line (``textbots-tui replay``); bot text is data, so control characters in it are
shown, never obeyed (:func:`~textbots_tui.core.report.printable`).
"""

from __future__ import annotations

from textbots_tui.core.replay_live import ReplayResult, StepComparison
from textbots_tui.core.report import printable

GUTTER = " | "


def format_step(step: StepComparison, width: int = 100) -> list[str]:
    """One step: a heading, the two columns (``then`` and ``now``), then each difference in words. A row
    whose two sides read differently starts with ``!`` when the step differs."""
    column = max(20, (width - 2 - len(GUTTER)) // 2)
    mark = "DIFFERS" if step.differs else "same"
    lines = [f"step {step.number}: {step.action}  [{mark}]"]
    then = step.then.describe()
    now = step.now.describe() if step.now is not None else ["(not played)"]
    lines.append("  " + _cell("then", column) + GUTTER + "now")
    for index in range(max(len(then), len(now))):
        left = then[index] if index < len(then) else ""
        right = now[index] if index < len(now) else ""
        flag = "!" if step.differs and left != right else " "
        lines.append(f"{flag} " + _cell(left, column) + GUTTER + _cell(right, column).rstrip())
    if step.problem is not None:
        lines.append(f"  ! {step.problem}")
    for difference in step.differences:
        lines.append(f"  ! {difference.what}: expected {difference.expected}")
        lines.append(f"  {' ' * (len(difference.what) + 4)}got      {difference.got}")
    return [printable(line) for line in lines]


def difference_lines(step: StepComparison) -> list[str]:
    """Each difference of a step on one line, for notes in a transcript:
    ``step 3 (choose "No"): text: expected ..., got ...``."""
    where = f"step {step.number} ({step.action})"
    lines = [f"{where}: {step.problem}"] if step.problem is not None else []
    lines += [f"{where}: {d.what}: expected {d.expected}, got {d.got}" for d in step.differences]
    return lines


def summary(result: ReplayResult) -> str:
    """The last line: ``no differences in 6 steps`` or ``2 of 6 steps differ``."""
    differing = sum(1 for step in result.steps if step.differs)
    total = len(result.steps)
    if not differing:
        return f"no differences in {total} step{'s' if total != 1 else ''}"
    return f"{differing} of {total} step{'s' if total != 1 else ''} differ{'s' if differing == 1 else ''}"


def _cell(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


__all__ = ["difference_lines", "format_step", "summary"]
