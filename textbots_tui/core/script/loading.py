"""Loading script files: YAML read with line marks, validated up front, each problem as ``file:line: ...``.

The YAML is read by :mod:`textbots_tui.marked_yaml` (YAML 1.2 scalars: ``yes``/``no``/``on``/``off`` and dates
stay strings, as a user answering "yes" must not send ``True``; hostile files refused). Numbers given where
text is expected (``say: 12345``) are taken as their text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from textbots_tui.core.script.cases import Case, CasesProblem, fill, read_cases
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
from textbots_tui.core.script.script_cache import load_scenarios, save_scenarios

if TYPE_CHECKING:  # PyYAML is imported only to read a script: a cached one needs none of it
    import yaml


@dataclass(frozen=True, slots=True)
class LoadedScenario:
    """A validated scenario and where it came from (for reports that point at lines)."""

    scenario: Scenario
    file: str
    index: int
    """Position of the scenario in its file, from 0."""
    line: int
    step_lines: tuple[int, ...]
    case: Case | None = None
    """The row of ``cases`` this scenario was filled from, if any."""
    document: int = 0
    """Which YAML document of the file holds the scenario (from 0; ``---`` starts the next)."""
    position: int | None = None
    """Its place in the document's list of scenarios (``None``: the document is the scenario)."""

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name

    def step_location(self, step_index: int) -> str:
        """``file:line`` of a step."""
        return f"{self.file}:{self.step_lines[step_index]}"


@dataclass(frozen=True, slots=True)
class ScriptProblem:
    """One thing wrong with a script file."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class ScriptError(ValueError):
    """One or more script files are invalid; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[ScriptProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def parse_script(text: str, file: str = "<script>") -> list[LoadedScenario]:
    """Parse and validate the text of one script file. Raises :class:`ScriptError` listing every problem."""
    from textbots_tui.marked_yaml import read_yaml

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


def load_scripts(paths: Iterable[Path], cache_dir: Path | None = None) -> list[LoadedScenario]:
    """Load and validate every file, in order. Raises :class:`ScriptError` with the problems of all files.

    With ``cache_dir`` the scenarios of a valid file are kept there, and taken from there while the file's
    text (and the code) is the same (:mod:`.script_cache`).
    """
    problems: list[ScriptProblem] = []
    scenarios: list[LoadedScenario] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(ScriptProblem(str(path), None, f"cannot read: {getattr(exc, 'strerror', exc)}"))
            continue
        cached = None if cache_dir is None else load_scenarios(cache_dir, text, str(path), LoadedScenario)
        if cached is not None:
            scenarios.extend(cached)
            continue
        try:
            found = parse_script(text, str(path))
        except ScriptError as exc:
            problems.extend(exc.problems)
            continue
        scenarios.extend(found)
        if cache_dir is not None:
            save_scenarios(found, cache_dir, text, str(path))
    if problems:
        raise ScriptError(problems)
    return scenarios


def _scenarios_of(
    node: yaml.Node, data: Any, file: str, first_index: int, problems: list[ScriptProblem]
) -> list[LoadedScenario]:
    """The scenarios of one YAML document (a mapping or a list of mappings)."""
    import yaml  # here: a script taken from the cache needs no PyYAML

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
    import yaml  # here: a script taken from the cache needs no PyYAML

    steps = _child(node, "steps")
    assert isinstance(steps, yaml.SequenceNode) and len(steps.value) == count
    return tuple(step.start_mark.line + 1 for step in steps.value)


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value node of ``key`` in a mapping node, if there."""
    import yaml  # here: a script taken from the cache needs no PyYAML

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
    import yaml  # here: a script taken from the cache needs no PyYAML

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
