"""Data-driven scenarios: one scenario run over a table of values.

::

    name: Order lookup
    cases:
      - {number: "12345", status: Shipped}
      - {number: "67890", status: Processing, name: still processing}
    target: {flow: {id: ...}}
    steps:
      - choose: Track an order
      - say: "{{number}}"
      - expect: {exit: {outputData: {Flow.OrderStatus: "{{status}}"}}}

Each case's values fill ``{{name}}`` anywhere in the scenario (keys and values: target, input data, steps);
a value that is a whole string (``"{{count}}"``) keeps its type. Each case runs and is reported as its own
scenario, ``Order lookup [case 1]``, or ``Order lookup [still processing]`` when the case has a ``name``.
A placeholder no case fills, a case value nothing uses, and a ``cases`` that is not a non-empty list of
mappings of plain values are errors with their file and line (found where the YAML is read:
:func:`textbots_tui.core.script.reading.read_cases`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TEMPLATE = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")
"""``{{name}}``, filled from a case."""

SCALARS = (str, int, float, bool)
"""What a case's value may be."""


@dataclass(frozen=True, slots=True)
class Case:
    """One row of a scenario's ``cases``: its number (from 1), its values and where it is written."""

    number: int
    values: dict[str, Any]
    line: int

    def label(self, scenario_name: str) -> str:
        """The name the case is reported under."""
        name = self.values.get("name")
        return f"{scenario_name} [{name if name not in (None, '') else f'case {self.number}'}]"


class CasesProblem(ValueError):
    """Something wrong with ``cases`` or the ``{{name}}`` placeholders; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def fill(data: Any, values: dict[str, Any]) -> Any:
    """``data`` (a scenario without its ``cases``) with every ``{{name}}`` replaced by the case's value."""
    if isinstance(data, dict):
        return {fill(key, values): fill(value, values) for key, value in data.items()}
    if isinstance(data, list):
        return [fill(item, values) for item in data]
    if not isinstance(data, str):
        return data
    whole = TEMPLATE.fullmatch(data.strip())
    if whole is not None:
        return values[whole[1]]  # a whole value keeps its type: a number stays a number
    return TEMPLATE.sub(lambda m: _text(values[m[1]]), data)


def _text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


__all__ = ["TEMPLATE", "Case", "CasesProblem", "fill"]
