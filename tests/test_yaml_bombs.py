"""Hostile YAML (a billion laughs, a recursive alias, 20,000-deep nesting) is refused at once, with one line.

Scripts (``run``) and simulator flow files (``simulator --flows``) share one reader (marked_yaml.py).
A billion laughs also runs through each command in a child process with a memory cap, so that a reader that
expands the bomb fails the test (out of memory or past the safety timeout) instead of taking the machine down.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from textbots_tui.cli import main
from textbots_tui.marked_yaml import MAX_ALIAS_VALUES, MAX_DEPTH, read_yaml


def _billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join(f'*{previous}' for _ in range(9))}]")
    return "\n".join(lines) + "\n"  # 9**9 (387 million) strings once expanded, from 400 bytes


BOMBS = {
    "billion laughs": (_billion_laughs(), 1, "aliases expand this document by more than"),
    "recursive alias": ("name: x\nsteps: &s [{say: hi}, *s]\n", 2, "recursive alias"),
    "deep flow nesting": ("name: x\nsteps: " + "[" * 20_000 + "]" * 20_000 + "\n", 2, "nested deeper than"),
    "deep block nesting": ("name: x\nsteps:\n" + "- " * 20_000 + "x\n", 3, "nested deeper than"),
}


@pytest.mark.parametrize("case", BOMBS)
def test_the_reader_refuses_bombs(case: str) -> None:
    text, line, message = BOMBS[case]
    documents, problems = read_yaml(text)
    assert documents == []
    [problem] = problems
    assert problem.unsafe and problem.line == line and message in problem.message
    assert "\n" not in problem.message


def test_aliases_within_the_bound_still_work() -> None:
    text = "base: &b {x: 1, y: [1, 2]}\none: {<<: *b, z: 3}\ntwo: *b\n"
    [document] = read_yaml(text)[0]
    assert document.data["one"] == {"x": 1, "y": [1, 2], "z": 3}
    assert document.data["two"] == {"x": 1, "y": [1, 2]}
    assert MAX_ALIAS_VALUES >= 1000 and MAX_DEPTH >= 50  # room for real files


def test_nesting_up_to_the_bound_is_read() -> None:
    levels = MAX_DEPTH - 1  # inside the top-level mapping
    text = "x: " + "[" * levels + "]" * levels + "\n"
    [document] = read_yaml(text)[0]
    assert document.data["x"] is not None


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _textbots(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in a child process, with 1 GB of memory and a generous timeout: a reader that expands the
    bomb fails the test instead of taking the machine down."""
    return subprocess.run(
        [sys.executable, "-m", "textbots_tui", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,  # a safety net, not a speed target
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.mark.parametrize("case", BOMBS)
def test_run_refuses_a_bomb_script_with_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    text, line, message = BOMBS[case]
    (tmp_path / "bomb.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["run", "bomb.yaml"])
    assert result.exit_code == 2, result.output
    [shown] = [out for out in result.output.splitlines() if out.startswith("bomb.yaml")]
    assert shown.startswith(f"bomb.yaml:{line}: ") and message in shown


def test_run_refuses_a_billion_laughs_in_a_capped_process(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text(_billion_laughs(), encoding="utf-8")
    done = _textbots("run", "bomb.yaml", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "bomb.yaml:1: aliases expand this document by more than" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("case", ["billion laughs", "deep flow nesting"])
def test_the_simulator_refuses_a_bomb_flow_file_with_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    text, line, message = BOMBS[case]
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "bomb.yaml").write_text(text, encoding="utf-8")
    done = _textbots("simulator", "--flows", "flows", "--port", "0", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert f"bomb.yaml:{line}: " in done.stderr and message in done.stderr
