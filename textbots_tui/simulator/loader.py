"""Reading flow and bot files: YAML with line numbers, validation, and problems reported as ``file:line``.

A file may hold several YAML documents (``---``), each a ``flow:`` or a ``bot:``. Every problem (YAML syntax,
a duplicate key, a wrong type, an unknown goto target...) becomes a :class:`FlowError` pointing at the line
of the offending value; the document with the problem is skipped, the others still load. Scalars follow the
YAML 1.2 core schema: only ``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay text),
and ``10:30`` and dates stay text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml
    from pydantic import ValidationError


@dataclass(frozen=True, slots=True)
class FlowError:
    """A problem in a flow or bot file; ``str()`` gives ``file:line: message``."""

    file: str
    line: int | None
    message: str
    unsafe: bool = False
    """The file was refused as hostile YAML (too deep, aliases that explode): nothing of it was read."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class DocumentError(Exception):
    """Problems found in one document, as (location in the data, message) pairs."""

    def __init__(self, problems: Sequence[tuple[tuple[Any, ...], str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed YAML document: its plain data and the node tree that knows the line of every value."""

    data: Any
    node: yaml.Node
    file: str

    def error(self, loc: tuple[Any, ...], message: str) -> FlowError:
        """A :class:`FlowError` at the line of the value found at ``loc``."""
        from textbots_tui.marked_yaml import line_at

        return FlowError(self.file, line_at(self.node, loc), message)


def format_loc(loc: Iterable[Any]) -> str:
    """A readable path such as ``sequences.Start[2].ask.prompt`` (pydantic's union tags left out)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and part.startswith("<") and part.endswith(">"):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _error_message(error: Any) -> str:
    kind, msg, loc = error["type"], error["msg"], error["loc"]
    if kind == "extra_forbidden":
        msg = f"unknown key '{loc[-1]}'"
        loc = loc[:-1]
    elif kind == "missing":
        msg = f"'{loc[-1]}' is required"
        loc = loc[:-1]
    elif kind == "value_error":
        msg = msg.removeprefix("Value error, ")
    path = format_loc(loc)
    return f"{path}: {msg}" if path else msg


def validation_problems(exc: ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    """Each pydantic error as (location, readable message)."""
    return [(tuple(error["loc"]), _error_message(error)) for error in exc.errors()]


def parse_documents(text: str, file: str) -> tuple[list[Document], list[FlowError]]:
    """The documents of a YAML text (a syntax error stops the file; duplicate keys spoil their document)."""
    from textbots_tui.marked_yaml import read_yaml  # YAML is read only when a file is: not for cached samples

    marked, problems = read_yaml(text)
    errors = [FlowError(file, problem.line, problem.message, problem.unsafe) for problem in problems]
    documents = []
    for document in marked:
        errors.extend(FlowError(file, problem.line, problem.message) for problem in document.problems)
        if not document.problems and document.data is not None:
            documents.append(Document(document.data, document.node, file))
    return documents, sorted(errors, key=lambda error: error.line or 0)


def read_documents(path: Path, display_name: str | None = None) -> tuple[list[Document], list[FlowError]]:
    """Parse one file; an unreadable file is a :class:`FlowError`, never an exception."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [FlowError(name, None, f"cannot read the file: {exc}")]
    return parse_documents(text, name)


def flow_files(folder: Path) -> list[Path]:
    """The ``*.yaml`` and ``*.yml`` files of a folder and its subfolders, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
