"""Loading script files: every file validated up front (all or nothing), each problem as ``file:line: ...``.

The YAML itself is read in :mod:`.reading`, imported only when a file is read: a valid script kept in the
cache (:mod:`.script_cache`) is loaded without PyYAML.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textbots_tui.core.script.loaded import LoadedScenario, ScriptError, ScriptProblem
from textbots_tui.core.script.script_cache import load_scenarios, save_scenarios


def parse_script(text: str, file: str = "<script>") -> list[LoadedScenario]:
    """Parse and validate the text of one script file. Raises :class:`ScriptError` listing every problem."""
    from textbots_tui.core.script.reading import read_script

    return read_script(text, file)


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


__all__ = ["LoadedScenario", "ScriptError", "ScriptProblem", "load_scripts", "parse_script"]
