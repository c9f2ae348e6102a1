"""YAML with line marks: the one reader of scripts and simulator flow files.

Each document comes back as its plain data and the node tree that knows the line of every value. Scalars
follow the YAML 1.2 core schema: only ``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay
text, as a user answering "yes" must not send ``True``), and ``10:30`` and dates stay text. Duplicate keys
are reported rather than silently merged; merge keys (``<<: *defaults``) work.

Hostile input is refused, quickly and with one line: nesting deeper than :data:`MAX_DEPTH` (checked on the
event stream before any recursive step), and aliases that would make a document grow by more than
:data:`MAX_ALIAS_VALUES` values (a "billion laughs" file, a recursive alias). Such a problem is ``unsafe``: it
stops the whole text.

This module imports only PyYAML and the standard library: the simulator may import it, and nothing else of
the package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = [
    "MAX_ALIAS_VALUES",
    "MAX_DEPTH",
    "MarkedDocument",
    "YamlProblem",
    "line_at",
    "read_yaml",
]

MAX_DEPTH = 100
"""The deepest nesting of lists and mappings a file may have (real scripts and flows stay under 20)."""
MAX_ALIAS_VALUES = 10_000
"""How many values aliases may add to a document beyond those written in it."""

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
class YamlProblem:
    """Something wrong in a YAML text, at a 1-based line when known."""

    line: int | None
    message: str
    unsafe: bool = False
    """Refused as hostile (too deep, aliases that explode): nothing of the text was read."""


@dataclass(frozen=True, slots=True)
class MarkedDocument:
    """One document: its plain data and the node tree that knows the line of every value."""

    data: Any
    node: yaml.Node
    problems: tuple[YamlProblem, ...] = ()
    """What is wrong inside it (a duplicate key is kept once, the first time): the caller decides whether
    that spoils the document."""


class _Unsafe(Exception):
    """The text is refused: ``problem`` says where and why."""

    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def line_at(node: yaml.Node, loc: Iterable[Any]) -> int:
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


def read_yaml(text: str) -> tuple[list[MarkedDocument], list[YamlProblem]]:
    """The documents of a YAML text, and its problems.

    The problems returned are those of the text: a syntax error stops it there (the documents before it are
    kept); an unsafe text gives one ``unsafe`` problem and no document. A duplicate key or a key that is not a
    plain value is a problem of its document (:attr:`MarkedDocument.problems`).
    """
    try:
        values_written = _scan(text)
    except _Unsafe as exc:
        return [], [exc.problem]
    except yaml.MarkedYAMLError as exc:
        return [], [_syntax_problem(exc)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character)
        return [], [_reader_problem(text, exc)]
    loader = _Yaml12Loader(text)
    documents: list[MarkedDocument] = []
    problems: list[YamlProblem] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - an empty stream yields no node
                continue
            inside: list[YamlProblem] = []
            data = _Builder(loader, inside, values_written + MAX_ALIAS_VALUES).build(node, 0)
            if data is not None or inside:
                documents.append(MarkedDocument(data, node, tuple(inside)))
    except _Unsafe as exc:
        return [], [exc.problem]
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc))
    finally:
        loader.dispose()
    return documents, problems


def _reader_problem(text: str, exc: yaml.reader.ReaderError) -> YamlProblem:
    """A character YAML does not allow, as a problem at its line (the reader's own message is two lines)."""
    line = text.count("\n", 0, max(0, exc.position)) + 1
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return YamlProblem(line, f"invalid YAML: character U+{character:04X} is not allowed ({exc.reason})")


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    """A YAML syntax error as a problem at its line, with where the construct it breaks started."""
    mark = exc.problem_mark or exc.context_mark
    line = None if mark is None else mark.line + 1
    context = ""
    if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
        context = f" ({exc.context} started at line {exc.context_mark.line + 1})"
    if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit, met before MAX_DEPTH's check
        return YamlProblem(line, f"nested deeper than {MAX_DEPTH} levels: refused", unsafe=True)
    return YamlProblem(line, f"invalid YAML: {exc.problem or exc.context}{context}")


def _scan(text: str) -> int:
    """Check the nesting depth on the event stream (no recursion: any depth is safe to look at) and count
    the values written; raise :class:`_Unsafe` past :data:`MAX_DEPTH`."""
    depth = written = 0
    for event in yaml.parse(text, Loader=_Yaml12Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            written += 1
            if depth > MAX_DEPTH:
                raise _Unsafe(
                    YamlProblem(
                        None if event.start_mark is None else event.start_mark.line + 1,
                        f"nested deeper than {MAX_DEPTH} levels: refused",
                        unsafe=True,
                    )
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            written += 1
    return written


class _Builder:
    """Plain data from a node tree, built by hand rather than by PyYAML's constructor so that duplicate keys
    are reported, and aliases cannot make it explode (each value built counts against ``budget``)."""

    def __init__(self, loader: Any, problems: list[YamlProblem], budget: int) -> None:
        self._loader = loader
        self._problems = problems
        self._budget = budget

    def _count(self, node: yaml.Node, depth: int) -> None:
        """Count one value against the budget and the depth (aliases can nest what the text does not)."""
        self._budget -= 1
        if self._budget < 0:
            raise _Unsafe(
                YamlProblem(
                    node.start_mark.line + 1,
                    f"aliases expand this document by more than {MAX_ALIAS_VALUES:,} values: refused",
                    unsafe=True,
                )
            )
        if depth > MAX_DEPTH:
            raise _Unsafe(
                YamlProblem(
                    node.start_mark.line + 1,
                    f"aliases nest deeper than {MAX_DEPTH} levels (a recursive alias?): refused",
                    unsafe=True,
                )
            )

    def build(self, node: yaml.Node, depth: int) -> Any:
        """The plain value of ``node`` (``depth``: how many collections enclose it)."""
        self._count(node, depth)
        if isinstance(node, yaml.ScalarNode):
            return self._loader.construct_object(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        raise AssertionError(node)  # pragma: no cover

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    value = self.build(source, depth + 1)
                    if isinstance(value, dict):
                        merged = {**value, **merged}
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problems.append(
                    YamlProblem(key_node.start_mark.line + 1, "mapping keys must be plain values")
                )
                continue
            key = self._loader.construct_object(key_node)
            if key in out:
                self._problems.append(YamlProblem(key_node.start_mark.line + 1, f"duplicate key {key!r}"))
                continue
            out[key] = self.build(value_node, depth + 1)
        return {**merged, **out} if merged else out
