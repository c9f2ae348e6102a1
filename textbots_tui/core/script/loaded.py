"""What a loaded scenario is, and what is wrong with a script file: the results of reading scripts, whether
read from their YAML (:mod:`.reading`) or taken from the cache (:mod:`.script_cache`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textbots_tui.core.script.cases import Case
from textbots_tui.core.script.format import Scenario

__all__ = ["LoadedScenario", "ScriptError", "ScriptProblem"]


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
