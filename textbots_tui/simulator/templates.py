"""Text templates with ``{Variable}`` placeholders, compiled once when a flow loads.

A template such as ``"Hi {Flow.CustomerName|title}!"`` is split into literal parts and variable lookups at
load time, so rendering a prompt on every turn is a join, not a parse. ``{{`` and ``}}`` stand for literal
braces. Filters after ``|``: ``upper``, ``lower``, ``title`` and ``date`` (an ISO date shown as
"Tuesday 3 June 2026").
A variable that has no value renders as an empty string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][\w.]*)(?:\|([a-z]+))?\}")


def _format_date(value: str) -> str:
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day:%A} {day.day} {day:%B %Y}"


FILTERS: dict[str, Callable[[str], str]] = {
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
    "date": _format_date,
}
"""The filters a placeholder may name after ``|``."""


def to_text(value: Any) -> str:
    """A variable value as a flow shows it (booleans as ``true``/``false``, ``None`` as nothing)."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class Template:
    """A compiled text template; ``render(variables)`` fills it in."""

    __slots__ = ("_parts", "constant", "source", "variables")

    def __init__(self, source: str) -> None:
        """Compile ``source``; raises ``ValueError`` naming an unknown filter."""
        self.source = source
        parts: list[str | tuple[str, Callable[[str], str] | None]] = []
        names: list[str] = []
        pos = 0
        for match in _PLACEHOLDER.finditer(source):
            if match.start() > pos:
                parts.append(source[pos : match.start()])
            token = match.group(0)
            if token in ("{{", "}}"):
                parts.append(token[0])
            else:
                name, filter_name = match.group(1), match.group(2)
                func = None
                if filter_name is not None:
                    if filter_name not in FILTERS:
                        known = ", ".join(sorted(FILTERS))
                        raise ValueError(f"unknown filter '{filter_name}' in '{token}' (known: {known})")
                    func = FILTERS[filter_name]
                parts.append((name, func))
                names.append(name)
            pos = match.end()
        if pos < len(source):
            parts.append(source[pos:])
        self.variables = tuple(names)
        # Most prompts have no placeholder: keep them as one ready string.
        self.constant: str | None = "".join(p for p in parts if isinstance(p, str)) if not names else None
        self._parts = tuple(parts)

    def render(self, variables: Mapping[str, Any]) -> str:
        """The text with every placeholder replaced by its variable's value."""
        if self.constant is not None:
            return self.constant
        out: list[str] = []
        for part in self._parts:
            if isinstance(part, str):
                out.append(part)
            else:
                name, func = part
                text = to_text(variables.get(name))
                out.append(func(text) if func is not None else text)
        return "".join(out)

    def __repr__(self) -> str:
        return f"Template({self.source!r})"
