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
mappings of plain values are errors with their file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # PyYAML is imported only to read a script: a cached one needs none of it
    import yaml

TEMPLATE = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")
"""``{{name}}``, filled from a case."""

_SCALARS = (str, int, float, bool)


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


def read_cases(node: yaml.MappingNode, data: dict[str, Any]) -> list[Case] | None:
    """The cases of one scenario (``None`` when it has none). Raises :class:`CasesProblem` for the first
    problem met: a bad ``cases`` value, a placeholder no case fills, a value nothing uses."""
    import yaml  # here: a script taken from the cache needs no PyYAML

    used = _placeholders(node)
    if "cases" not in data:
        if used:
            name, line = used[0]
            raise CasesProblem(line, f"{{{{{name}}}}} is filled from cases, and this scenario has none")
        return None
    cases_node = _value_node(node, "cases")
    assert cases_node is not None
    where = cases_node.start_mark.line + 1
    rows = data["cases"]
    if not isinstance(rows, list) or not rows or not isinstance(cases_node, yaml.SequenceNode):
        raise CasesProblem(where, "cases: must be a non-empty list of mappings (one per case)")
    cases: list[Case] = []
    for number, (row, row_node) in enumerate(zip(rows, cases_node.value, strict=True), start=1):
        line = row_node.start_mark.line + 1
        if not isinstance(row, dict) or not row:
            raise CasesProblem(line, f"cases[{number - 1}]: must be a mapping of names to values")
        for key, value in row.items():
            if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z_][\w.-]*", key):
                raise CasesProblem(line, f"cases[{number - 1}]: {key!r} is not a name to use as {{{{name}}}}")
            if not isinstance(value, _SCALARS):
                raise CasesProblem(line, f"cases[{number - 1}].{key}: must be text, a number or true/false")
        cases.append(Case(number, dict(row), line))
    for name, line in used:
        missing = next((case for case in cases if name not in case.values), None)
        if missing is not None:
            raise CasesProblem(
                line, f"{{{{{name}}}}}: cases[{missing.number - 1}] (line {missing.line}) gives no {name}"
            )
    names = {name for name, _ in used}
    for case in cases:
        unused = sorted(key for key in case.values if key not in names and key != "name")
        if unused:
            raise CasesProblem(
                case.line, f"cases[{case.number - 1}].{unused[0]}: no {{{{{unused[0]}}}}} uses it"
            )
    return cases


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


def _placeholders(node: yaml.Node) -> list[tuple[str, int]]:
    """Every ``{{name}}`` in a scenario node (``cases`` aside), with its line, in document order."""
    return [
        (match[1], line)
        for scalar, line in _scalars(node, skip="cases")
        for match in TEMPLATE.finditer(scalar)
    ]


def _scalars(node: yaml.Node, skip: str | None = None) -> Iterator[tuple[str, int]]:
    import yaml  # here: a script taken from the cache needs no PyYAML

    if isinstance(node, yaml.ScalarNode):
        yield str(node.value), node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if skip is not None and isinstance(key, yaml.ScalarNode) and key.value == skip:
                continue
            yield from _scalars(key)
            yield from _scalars(value)


def _value_node(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    import yaml  # here: a script taken from the cache needs no PyYAML

    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found: yaml.Node = value
            return found
    return None


__all__ = ["TEMPLATE", "Case", "CasesProblem", "fill", "read_cases"]
