"""Reading a script's YAML: scenarios validated with the line of every step, problems as ``file:line: ...``.

The YAML is read by :mod:`textbots_tui.marked_yaml` (YAML 1.2 scalars: ``yes``/``no``/``on``/``off`` and dates
stay strings, as a user answering "yes" must not send ``True``; hostile files refused). Numbers given where
text is expected (``say: 12345``) are taken as their text. Everything here walks YAML nodes, so it is
imported only when a file is read (:func:`textbots_tui.core.script.loading.parse_script`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from textbots_tui.core.script.cases import SCALARS, TEMPLATE, Case, CasesProblem, fill
from textbots_tui.core.script.format import (
    BotRef,
    ChannelSpec,
    ChoosePattern,
    EventSpec,
    ExitExpect,
    Expectation,
    FlowLocationExpect,
    FlowRef,
    Scenario,
    Step,
    Target,
    TextMatcher,
)
from textbots_tui.core.script.loaded import LoadedScenario, ScriptError, ScriptProblem
from textbots_tui.marked_yaml import read_yaml

__all__ = ["read_cases", "read_script"]


def read_script(text: str, file: str) -> list[LoadedScenario]:
    """Parse and validate the text of one script file. Raises :class:`ScriptError` listing every problem."""
    documents, yaml_problems = read_yaml(text)
    problems = [ScriptProblem(file, problem.line, problem.message) for problem in yaml_problems]
    scenarios: list[LoadedScenario] = []
    for number, document in enumerate(documents):
        problems.extend(ScriptProblem(file, problem.line, problem.message) for problem in document.problems)
        found = _scenarios_of(document.node, document.data, file, len(scenarios), problems)
        scenarios.extend(replace(s, document=number) for s in found)
    problems.extend(_duplicate_names(scenarios))
    if problems:
        raise ScriptError(sorted(problems, key=lambda p: p.line or 0))
    if not scenarios:
        raise ScriptError([ScriptProblem(file, None, "no scenarios in this file")])
    return scenarios


def _scenarios_of(
    node: yaml.Node, data: Any, file: str, first_index: int, problems: list[ScriptProblem]
) -> list[LoadedScenario]:
    """The scenarios of one YAML document (a mapping or a list of mappings)."""
    pairs: list[tuple[int | None, yaml.Node, Any]]
    if isinstance(node, yaml.SequenceNode) and isinstance(data, list):
        pairs = [(i, n, d) for i, (n, d) in enumerate(zip(node.value, data, strict=True))]
    elif isinstance(node, yaml.MappingNode):
        pairs = [(None, node, data)]
    else:
        problems.append(ScriptProblem(file, node.start_mark.line + 1, "a scenario must be a mapping"))
        return []
    loaded: list[LoadedScenario] = []
    for position, item_node, item in pairs:
        line = item_node.start_mark.line + 1
        if not isinstance(item_node, yaml.MappingNode) or not isinstance(item, dict):
            problems.append(ScriptProblem(file, line, "a scenario must be a mapping"))
            continue
        try:
            cases = read_cases(item_node, item)
        except CasesProblem as exc:
            problems.append(ScriptProblem(file, exc.line, str(exc)))
            continue
        seen: set[tuple[int | None, str]] = set()
        rows: list[Case | None] = list(cases) if cases else [None]
        for case in rows:
            data = item
            if case is not None:
                data = fill({k: v for k, v in item.items() if k != "cases"}, case.values)
                if isinstance(data.get("name"), str):
                    data["name"] = case.label(data["name"])
            try:
                scenario = Scenario.model_validate(data)
            except ValidationError as exc:
                for problem in _problems_from(exc.errors(), item_node, file):
                    # The same mistake in every case is reported once.
                    if (problem.line, problem.message) not in seen:
                        seen.add((problem.line, problem.message))
                        problems.append(problem)
                continue
            step_lines = _step_lines(item_node, len(scenario.steps))
            index = first_index + len(loaded)
            loaded.append(LoadedScenario(scenario, file, index, line, step_lines, case, position=position))
    return loaded


def _duplicate_names(scenarios: list[LoadedScenario]) -> list[ScriptProblem]:
    """Two scenarios of one file with the same name would be indistinguishable in reports."""
    seen: dict[tuple[str, str], LoadedScenario] = {}
    problems = []
    for loaded in scenarios:
        first = seen.setdefault((loaded.file, loaded.name), loaded)
        if first is not loaded:
            problems.append(
                ScriptProblem(
                    loaded.file, loaded.line, f"name: {loaded.name!r} is already used at line {first.line}"
                )
            )
    return problems


def _step_lines(node: yaml.Node, count: int) -> tuple[int, ...]:
    """The line of each step of a validated scenario node."""
    steps = _child(node, "steps")
    assert isinstance(steps, yaml.SequenceNode) and len(steps.value) == count
    return tuple(step.start_mark.line + 1 for step in steps.value)


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value node of ``key`` in a mapping node, if there."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value
                return found
    return None


def _problems_from(errors: Sequence[ErrorDetails], node: yaml.Node, file: str) -> list[ScriptProblem]:
    """Map pydantic errors to ``file:line: path: problem``, walking the YAML nodes along each error's loc."""
    problems = []
    for error in errors:
        path, line = _locate(error["loc"], node)
        message = _message_for(error)
        problems.append(ScriptProblem(file, line, f"{path}: {message}" if path else f"a scenario {message}"))
    return problems


def _locate(loc: tuple[int | str, ...], node: yaml.Node) -> tuple[str, int]:
    """The display path and line of a pydantic loc within ``node``.

    The path shows the YAML as written: a loc index that only exists because a value was wrapped in a list
    (``text: "Hi"``) is skipped, and a loc that goes below a scalar (``event: Bogus`` read as ``event.type``)
    stops at the scalar.
    """
    path = ""
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(part, int):
            if not isinstance(node, yaml.SequenceNode):
                continue
            if part >= len(node.value):
                break
            node = node.value[part]
            path += f"[{part}]"
            line = node.start_mark.line + 1
            continue
        if not isinstance(node, yaml.MappingNode):
            break
        found = next(
            ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None
        )
        path += f".{part}" if path else part
        if found is None:
            break  # a missing key: point at the mapping that lacks it
        line = found[0].start_mark.line + 1
        node = found[1]
    return path, line


_KNOWN_KEYS = sorted(
    {"cases"}
    | {
        field.alias or name
        for model in (
            Scenario,
            Target,
            FlowRef,
            ChannelSpec,
            BotRef,
            ChoosePattern,
            Step,
            EventSpec,
            Expectation,
            TextMatcher,
            ExitExpect,
            FlowLocationExpect,
        )
        for name, field in model.model_fields.items()
    }
)

_PLAIN = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "list_type": "must be a list",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
    "missing": "required key missing",
    "too_short": "must not be empty",
}


def _message_for(error: ErrorDetails) -> str:
    """A short, plain-English message for one pydantic error."""
    kind = error["type"]
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        return "must be one of " + ", ".join(expected)
    if kind == "extra_forbidden":
        key = str(error["loc"][-1]) if error["loc"] else "?"
        close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1)
        return "unknown key" + (f" (did you mean {close[0]!r}?)" if close else "")
    if kind in _PLAIN:
        return _PLAIN[kind]
    message = error["msg"]
    return message[:1].lower() + message[1:]


def read_cases(node: yaml.MappingNode, data: dict[str, Any]) -> list[Case] | None:
    """The cases of one scenario (``None`` when it has none). Raises :class:`CasesProblem` for the first
    problem met: a bad ``cases`` value, a placeholder no case fills, a value nothing uses."""
    used = _case_placeholders(node)
    if "cases" not in data:
        if used:
            name, line = used[0]
            raise CasesProblem(line, f"{{{{{name}}}}} is filled from cases, and this scenario has none")
        return None
    cases_node = _child(node, "cases")
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
            if not isinstance(value, SCALARS):
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


def _case_placeholders(node: yaml.Node) -> list[tuple[str, int]]:
    """Every ``{{name}}`` in a scenario node (``cases`` aside), with its line, in document order."""
    return [
        (match[1], line)
        for scalar, line in _scalars(node, skip="cases")
        for match in TEMPLATE.finditer(scalar)
    ]


def _scalars(node: yaml.Node, skip: str | None = None) -> Iterator[tuple[str, int]]:
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
