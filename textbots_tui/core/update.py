"""``run --update``: rewrite, in place, the expectations that failed with what the bot says now.

Only the failed checks change. A passing matcher stays as written (a hand-written ``contains`` that still
holds is kept beside the new text), and so do comments, key order, quoting and flow or block style: the file
is edited through a round-trip YAML library (``ruamel.yaml``), not dumped again. What moves from run to run
is written as ``like`` patterns (:mod:`textbots_tui.core.expectations`).

What is not "fixed": a user step that can no longer be played (a choice no longer offered) or an API error
still fails the scenario, as without ``--update``; a failed ``expect`` that uses ``{{name}}`` from
``cases`` is reported and left alone (one value would not fit every case).

:func:`plan_updates` works out the new text of each file; :func:`print_updates` shows each change as a
unified diff and writes it unless it is a dry run.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from textbots_tui.core.expectations import (
    FlowStyle,
    expectation_from,
    expected_value,
    like_or_text,
    text_messages,
)
from textbots_tui.core.matchers import Mismatch, Observed, matches
from textbots_tui.core.report import ScenarioResult, StepFailure, printable
from textbots_tui.core.script import LoadedScenario
from textbots_tui.core.script.cases import TEMPLATE


@dataclass(slots=True)
class FileUpdate:
    """The new text of one script file and what changed in it."""

    path: Path
    before: str
    after: str = ""
    changed_steps: list[str] = field(default_factory=list)
    """``scenario name, step N`` for each rewritten expectation."""

    def diff(self) -> str:
        """The change as a unified diff (empty when nothing changed)."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"{self.path}",
            tofile=f"{self.path} (updated)",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass(slots=True)
class UpdatePlan:
    """Every file change of an update, and the scenarios that still fail after it."""

    files: list[FileUpdate] = field(default_factory=list)
    still_failing: list[ScenarioResult] = field(default_factory=list)
    not_updated: list[str] = field(default_factory=list)
    """Why a failed expectation was left alone (``file:line: ...``)."""
    problems: list[str] = field(default_factory=list)
    """Files that could not be read or written."""


def plan_updates(results: Sequence[ScenarioResult]) -> UpdatePlan:
    """Work out the rewrite of every file with a failed expectation (nothing is written here)."""
    plan = UpdatePlan()
    by_file: dict[str, list[tuple[LoadedScenario, StepFailure]]] = {}
    for result in results:
        fixable = [f for f in result.expect_failures if not _is_templated(result.loaded, f, plan)]
        blocked = result.failure is not None and result.failure not in result.expect_failures
        if blocked or len(fixable) < len(result.expect_failures):
            plan.still_failing.append(result)
        for failure in fixable:
            by_file.setdefault(result.loaded.file, []).append((result.loaded, failure))
    for file, failures in by_file.items():
        try:
            plan.files.append(_rewrite(Path(file), failures))
        except (OSError, UnicodeDecodeError) as exc:
            plan.problems.append(f"{file}: cannot update: {getattr(exc, 'strerror', None) or exc}")
    return plan


def print_updates(plan: UpdatePlan, out: TextIO, *, dry_run: bool) -> int:
    """Print each file's diff and write it (unless ``dry_run``); returns how many expectations changed."""
    count = 0
    for update in plan.files:
        diff = update.diff()
        if not diff:
            continue
        count += len(update.changed_steps)
        print(printable(diff).rstrip("\n"), file=out)
        if not dry_run:
            try:
                update.path.write_text(update.after, encoding="utf-8")
            except OSError as exc:
                plan.problems.append(f"{update.path}: cannot write: {exc.strerror or exc}")
    for line in [*plan.not_updated, *plan.problems]:
        print(printable(line), file=out)
    files = sum(1 for update in plan.files if update.diff())
    verb = "would update" if dry_run else "updated"
    noun = "expectation" if count == 1 else "expectations"
    print(f"{verb} {count} {noun} in {files} file{'' if files == 1 else 's'}", file=out, flush=True)
    return count


def _is_templated(loaded: LoadedScenario, failure: StepFailure, plan: UpdatePlan) -> bool:
    """A failed expectation of a scenario with ``cases`` that uses ``{{name}}`` is left for a person."""
    if loaded.case is None or failure.step_index is None:
        return False
    text = Path(loaded.file).read_text(encoding="utf-8") if Path(loaded.file).is_file() else ""
    first = loaded.step_lines[failure.step_index]
    following = [line for line in loaded.step_lines if line > first]
    last = min(following) - 1 if following else None
    block = "\n".join(text.splitlines()[first - 1 : last])
    if TEMPLATE.search(block):
        note = f"{failure.location}: not updated: this expect uses {{{{name}}}} from cases ({loaded.name})"
        if note not in plan.not_updated:
            plan.not_updated.append(note)
        return True
    return False


def _round_trip() -> YAML:
    """The round-trip reader and writer, in the style saved scripts use (list items indented under their
    key)."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never wrap a line that was not wrapped
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _rewrite(path: Path, failures: list[tuple[LoadedScenario, StepFailure]]) -> FileUpdate:
    """Patch the failed ``expect`` steps of one file. Only their lines are written again (from the edited
    round-trip tree); every other line stays byte for byte as it was."""
    before = path.read_text(encoding="utf-8")
    yaml = _round_trip()
    documents = list(yaml.load_all(before))
    lines = before.splitlines(keepends=True)
    update = FileUpdate(path, before)
    patches: list[tuple[int, int, str]] = []
    for loaded, failure in failures:
        scenario = documents[loaded.document]
        if loaded.position is not None:
            scenario = scenario[loaded.position]
        assert failure.step_index is not None and failure.observed is not None
        step_model = loaded.scenario.steps[failure.step_index].expect
        step = scenario["steps"][failure.step_index]
        _fix(step["expect"], step_model, failure.mismatches, failure.observed)
        first = loaded.step_lines[failure.step_index] - 1
        end = _block_end(lines, first)
        patches.append((first, end, _step_text(yaml, step, lines[first])))
        update.changed_steps.append(f"{loaded.name}, step {failure.step_index + 1}")
    for first, end, text in sorted(patches, reverse=True):
        lines[first:end] = [text]
    update.after = "".join(lines)
    return update


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], first: int) -> int:
    """The index after the last line of the list item (a step) that starts at ``lines[first]``: up to the
    next line written at the item's indentation or less, less the blank lines and comments before it."""
    dash = _indent(lines[first])
    end = first + 1
    while end < len(lines):
        stripped = lines[end].strip()
        if stripped and not stripped.startswith("#") and _indent(lines[end]) <= dash:
            break
        end += 1
    while end > first + 1 and (
        not lines[end - 1].strip()
        or (lines[end - 1].lstrip().startswith("#") and _indent(lines[end - 1]) <= dash)
    ):
        end -= 1
    return end


def _step_text(yaml: YAML, step: CommentedMap, first_line: str) -> str:
    """One step written again at the column its dash was at."""
    buffer = io.StringIO()
    yaml.dump(step, buffer)
    dumped = buffer.getvalue().splitlines()
    dash = " " * _indent(first_line)
    out = [f"{dash}- {dumped[0]}"] + [f"{dash}  {line}" if line.strip() else "" for line in dumped[1:]]
    return "\n".join(out) + "\n"


def _fix(expect: CommentedMap, model: Any, mismatches: Sequence[Mismatch], observed: Observed) -> None:
    """Rewrite the failed parts of one ``expect`` mapping with what ``observed`` shows."""
    written = expectation_from(observed)
    failed_text: list[int] = []
    for mismatch in mismatches:
        head, _, rest = mismatch.what.partition(".")
        if head.startswith("text"):
            failed_text.append(int(head[5:-1]) if head != "text" else 0)
        elif head in ("choices", "nextAction", "intent", "botState"):
            _set(expect, head, written.get(head))
        elif head == "slots":
            slots = observed.bot_reply.slots if observed.bot_reply else None
            _set(expect[head], rest, expected_value(slots[rest]) if slots and rest in slots else None)
        elif head in ("exit", "disconnect"):
            _fix_end(expect, head, rest, observed, written)
    if failed_text:
        _fix_texts(expect, model, failed_text, observed)


def _fix_texts(expect: CommentedMap, model: Any, failed: list[int], observed: Observed) -> None:
    """Drop the failed text matchers, keep the others as written, and add each text message no kept
    matcher accounts for, where the first failed one was."""
    node = expect["text"]
    entries = list(node) if isinstance(node, list) else [node]
    kept = [(i, entry) for i, entry in enumerate(entries) if i not in failed]
    kept_matchers = [m for i, m in enumerate(model.text or []) if i not in failed and m.not_ is None]
    new = [
        like_or_text(message)
        for message in text_messages(observed)
        if not any(matches(matcher, message) for matcher in kept_matchers)
    ]
    at = sum(1 for i, _ in kept if i < min(failed))
    values = [entry for _, entry in kept]
    values[at:at] = [_yaml_value(value) for value in new]
    if not values:
        _set(expect, "text", None)
    elif len(values) == 1:
        expect["text"] = values[0]
    else:
        seq = CommentedSeq(values)
        short = sum(len(str(v)) for v in values) < 60 and not any(isinstance(v, dict) for v in values)
        if isinstance(node, CommentedSeq) and node.fa.flow_style() and short:
            seq.fa.set_flow_style()
        else:
            expect.fa.set_block_style()  # a long list reads better one item a line
        expect["text"] = seq


def _fix_end(expect: CommentedMap, how: str, rest: str, observed: Observed, written: dict[str, Any]) -> None:
    """Rewrite a failed exit or disconnect check: the whole of it when the session ended otherwise (or not
    at all), else just the detail that differs."""
    ended = observed.ended
    if not rest or ended is None:
        _set(expect, how, None)
        if ended is not None:
            expect[ended.how] = _yaml_value(written[ended.how])
        if "nextAction" in expect:
            _set(expect, "nextAction", written.get("nextAction"))
        return
    end = expect[how]
    key, _, sub = rest.partition(".")
    if key in ("reason", "reasonExtendedInfo", "activeIntent"):
        _set(end, key, written[how].get(key))
    elif key == "flowLocation":
        location = ended.flow_location
        actual = getattr(location, _snake(sub)) if location is not None else None
        _set(end[key], sub, actual)
    elif key == "outputData":
        has = sub in ended.output_variables
        _set(end[key], sub, expected_value(ended.output_variables[sub]) if has else None)
    elif key == "outcomes":
        outcomes = {o.outcome_id: o.value for o in ended.outcomes}
        _set(end[key], sub, outcomes.get(sub), delete_none=sub not in outcomes)
    elif key == "milestones":
        reached = {m.milestone_id for o in ended.outcomes for m in o.milestones}
        still = [m for m in end[key] if m in reached]
        _set(end, key, still or None)


def _set(mapping: Any, key: str, value: Any, *, delete_none: bool = True) -> None:
    """Set ``mapping[key]`` keeping its place (and the style of the value it replaces), or delete it."""
    if value is None and delete_none:
        if key in mapping:
            del mapping[key]
        return
    old = mapping.get(key) if hasattr(mapping, "get") else None
    new = _yaml_value(value)
    flow = getattr(getattr(old, "fa", None), "flow_style", lambda: None)()
    if flow and hasattr(new, "fa"):
        new.fa.set_flow_style()
    mapping[key] = new


def _yaml_value(value: Any) -> Any:
    """A plain value as a round-trip node: ``{like: ...}`` on one line, text quoted when a YAML 1.1 reader
    (the script loader) would take it for something else (``10:30``, ``1.0``, ``null``)."""
    if isinstance(value, FlowStyle):
        node = CommentedMap((k, _yaml_value(v)) for k, v in value.items())
        node.fa.set_flow_style()
        return node
    if isinstance(value, dict):
        return CommentedMap((k, _yaml_value(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_yaml_value(v) for v in value)
    if isinstance(value, str) and _reads_as_other(value):
        return DoubleQuotedScalarString(value)
    return value


def _reads_as_other(text: str) -> bool:
    """Whether plain YAML would read ``text`` as something other than that text (a YAML 1.1 reader too)."""
    if not text or text != text.strip():
        return True
    try:
        return bool(pyyaml.safe_load(text) != text)
    except pyyaml.YAMLError:
        return True


def _snake(camel: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in camel)


__all__ = ["FileUpdate", "UpdatePlan", "plan_updates", "print_updates"]
