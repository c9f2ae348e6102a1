"""Reading flow and bot files: YAML with line numbers, validation, and problems reported as ``file:line``.

A file may hold several YAML documents (``---``), each a ``flow:`` or a ``bot:``. Every problem (YAML syntax,
a duplicate key, a wrong type, an unknown goto target...) becomes a :class:`FlowError` pointing at the line
of the offending value; the document with the problem is skipped, the others still load. Scalars follow the
YAML 1.2 core schema: only ``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay text),
and ``10:30`` and dates stay text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class _Yaml12Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose implicit types follow the YAML 1.2 core schema."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Yaml12Loader.add_implicit_resolver(
    _INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
_Yaml12Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


@dataclass(frozen=True, slots=True)
class FlowError:
    """A problem in a flow or bot file; ``str()`` gives ``file:line: message``."""

    file: str
    line: int | None
    message: str

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
        return FlowError(self.file, locate(self.node, loc), message)


def locate(node: yaml.Node, loc: Iterable[Any]) -> int:
    """The 1-based line of the deepest node reachable along ``loc`` (parts that are not keys are skipped)."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    node = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
    return int(node.start_mark.line) + 1


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
    loader = _Yaml12Loader(text)
    documents: list[Document] = []
    errors: list[FlowError] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - an empty stream yields no node
                continue
            problems: list[FlowError] = []
            data = _to_data(loader, node, file, problems)
            if problems:
                errors.extend(problems)
            elif data is not None:
                documents.append(Document(data, node, file))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        errors.append(FlowError(file, line, f"invalid YAML: {exc.problem or exc.context}"))
    finally:
        loader.dispose()
    return documents, errors


def _to_data(loader: Any, node: yaml.Node, file: str, problems: list[FlowError]) -> Any:
    # Built by hand rather than by the constructor so that duplicate keys are reported, not silently merged.
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(loader, item, file, problems) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    value = _to_data(loader, source, file, problems)
                    if isinstance(value, dict):
                        merged = {**value, **merged}
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    FlowError(file, key_node.start_mark.line + 1, "mapping keys must be plain values")
                )
                continue
            key = loader.construct_object(key_node)
            if key in out:
                problems.append(FlowError(file, key_node.start_mark.line + 1, f"duplicate key '{key}'"))
                continue
            out[key] = _to_data(loader, value_node, file, problems)
        return {**merged, **out} if merged else out
    raise AssertionError(node)  # pragma: no cover


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
