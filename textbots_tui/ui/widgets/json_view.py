"""Read-only JSON with syntax highlighting, for the inspector and the details dialogs."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from textual.widgets import TextArea

JSON_HIGHLIGHTS = """
[(true) (false)] @boolean
(null) @json.null
(number) @number
(pair key: (string) @json.label)
(pair value: (string) @string)
(array (string) @string)
(escape_sequence) @string.escape
(ERROR) @json.error
["," ":"] @punctuation.delimiter
["[" "]" "{" "}"] @punctuation.bracket
"""
"""The highlight query for JSON: Textual's own, less its concealment patterns.

Those patterns combine ``#eq?`` and ``#set!`` with escaped quotes, and compiling that query corrupts memory
under tree-sitter 0.26 (the process dies later at an unrelated allocation). Concealment only marks quotes
that the text area does not hide anyway, so nothing visible is lost."""


def pretty_json(value: Any) -> str:
    """Indent JSON for reading: a string that parses as JSON is re-indented, anything else shown as is."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return str(value)
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


class JsonView(TextArea):
    """A read-only, soft-wrapped ``TextArea(language="json")`` that highlights with :data:`JSON_HIGHLIGHTS`.

    Without tree-sitter installed the text is shown plain.
    """

    def __init__(self, text: str = "", *, show_line_numbers: bool = False, id: str | None = None) -> None:
        # Built without a language first: TextArea compiles the built-in query for the language it is given
        # in its constructor, before a replacement query could be registered.
        super().__init__(text, read_only=True, soft_wrap=True, show_line_numbers=show_line_numbers, id=id)
        language = _json_language()
        if language is not None:
            self.register_language("json", language, JSON_HIGHLIGHTS)
            self.language = "json"


@cache
def _json_language() -> Any:
    """The tree-sitter JSON grammar, or ``None`` when syntax highlighting is not installed."""
    try:
        from tree_sitter import Language
        from tree_sitter_json import language
    except ImportError:
        return None
    return Language(language())
