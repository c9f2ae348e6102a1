"""The values typed into the dialogs' fields: parsing, formatting back, and collecting every field's error.

Pure functions over the raw strings the dialogs hold, so every rule can be unit-tested without a screen.
Variables and maps are typed as ``name = value`` rows or as one JSON object; :func:`format_variables` and
:func:`format_string_map` write values back as rows that parse to the same values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final, cast

# A loose BCP 47 shape (en, en-us, zh-Hant-TW): catches typos such as spaces or underscores without
# pretending to know which languages a flow supports.
_LANGUAGE_RE: Final = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


class FormError(ValueError):
    """One field's value is unusable. ``line``/``column`` (1-based) point into multi-line fields."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class FormErrors(ValueError):
    """A form is invalid: ``errors`` maps each bad field's key to a message for the user."""

    def __init__(
        self, errors: Mapping[str, str], locations: Mapping[str, tuple[int, int]] | None = None
    ) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = dict(errors)
        self.locations = dict(locations or {})
        """For multi-line fields: the 1-based ``(line, column)`` of the problem, when known."""


def _reject_nonfinite(constant: str) -> Any:
    # json accepts NaN and Infinity, which no JSON server does: treat such a value as not JSON.
    raise ValueError(constant)


def _json_value(text: str) -> tuple[bool, Any]:
    """Parse ``text`` as one strict JSON value: ``(True, value)``, or ``(False, None)`` if it is not JSON."""
    try:
        return True, json.loads(text, parse_constant=_reject_nonfinite)
    except ValueError:
        return False, None


def _parse_json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text, parse_constant=_reject_nonfinite)
    except json.JSONDecodeError as exc:
        raise FormError(
            f"Invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except ValueError as exc:
        raise FormError(f"Invalid JSON: {exc} is not a JSON number") from None
    if not isinstance(value, dict):
        raise FormError(f"Expected one JSON object {{...}}, got a JSON {type(value).__name__}", line=1)
    for key in value:
        if not key.strip():
            raise FormError("A name in the JSON object is empty")
    return value


def _parse_rows(text: str, *, json_values: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        name, value = name.strip(), value.strip()
        if not sep:
            raise FormError(f"Line {number}: expected 'name = value', got {line!r}", line=number)
        if not name:
            raise FormError(f"Line {number}: the name before '=' is missing", line=number)
        if any(char.isspace() for char in name):
            raise FormError(f"Line {number}: the name {name!r} contains spaces", line=number)
        if name in first_seen:
            raise FormError(f"Line {number}: {name!r} is already set on line {first_seen[name]}", line=number)
        first_seen[name] = number
        values[name] = _row_value(value, json_values=json_values)
    return values


def _row_value(text: str, *, json_values: bool) -> Any:
    if json_values:
        is_json, value = _json_value(text)
        return value if is_json else text
    # String maps keep values as typed; a JSON string literal is the way to write one with edge spaces.
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        is_json, value = _json_value(text)
        if is_json and isinstance(value, str):
            return value
    return text


def _is_json_text(text: str) -> bool:
    return text.lstrip().startswith(("{", "["))


def parse_variables(text: str) -> dict[str, Any]:
    """Parse flow input variables (or any name -> JSON value map) typed as rows or as one JSON object.

    Rows are ``Flow.Name = value`` lines; a value that parses as JSON (``3``, ``true``, ``"007"``, ``[1, 2]``)
    is taken as JSON, anything else as a plain string. Blank lines and ``#`` comments are skipped.
    Raises :class:`FormError` naming the line and the problem (or the JSON error's line and column).
    """
    if not text.strip():
        return {}
    if _is_json_text(text):
        return _parse_json_object(text)
    return _parse_rows(text, json_values=True)


def parse_string_map(text: str) -> dict[str, str]:
    """Parse a name -> string map typed as ``name = value`` rows or as one JSON object of strings.

    Values are kept as typed (trimmed); write a JSON string literal (``"  padded "``) to keep edge spaces.
    Raises :class:`FormError` naming the line and the problem.
    """
    if not text.strip():
        return {}
    if not _is_json_text(text):
        return cast(dict[str, str], _parse_rows(text, json_values=False))
    values = _parse_json_object(text)
    for name, value in values.items():
        if not isinstance(value, str):
            raise FormError(f"The value of {name!r} must be a string, got {json.dumps(value)}")
    return values


def _plain_name(name: str) -> bool:
    # A row's name cannot hold spaces or '=', and a leading '#', '{' or '[' would read as a comment or JSON.
    return bool(name) and not any(char.isspace() or char == "=" for char in name) and name[0] not in "#{["


def _bare_string_ok(value: str, *, json_values: bool) -> bool:
    if not value or value != value.strip() or "\n" in value or "\r" in value:
        return False
    if json_values:
        # Quote what merely looks like JSON too ("01234", '"hi'), so the reader sees it is text.
        return not _json_value(value)[0] and value[0] not in '-0123456789"[{'
    return not (value.startswith('"') and value.endswith('"') and len(value) >= 2)


def _format(values: Mapping[str, Any], *, json_values: bool) -> str:
    if not all(_plain_name(name) for name in values):
        # Rows cannot carry such a name: JSON can.
        return json.dumps(dict(values), indent=2, ensure_ascii=False)
    lines = []
    for name, value in values.items():
        if isinstance(value, str) and _bare_string_ok(value, json_values=json_values):
            text = value
        else:
            text = json.dumps(value, ensure_ascii=False)
        lines.append(f"{name} = {text}")
    return "\n".join(lines)


def format_variables(values: Mapping[str, Any]) -> str:
    """Write variables as rows that :func:`parse_variables` reads back to the same values."""
    return _format(values, json_values=True)


def format_string_map(values: Mapping[str, str]) -> str:
    """Write a string map as rows that :func:`parse_string_map` reads back to the same values."""
    return _format(values, json_values=False)


def parse_language(text: str) -> str:
    """Trim a language code; empty means the target's default. Raises :class:`FormError` when malformed."""
    language = text.strip()
    if language and not _LANGUAGE_RE.fullmatch(language):
        raise FormError(f"{language!r} is not a language code such as en-us or es")
    return language


def parse_identifier(text: str, what: str) -> str:
    """Trim an id typed by the user; raises :class:`FormError` when it is empty or contains spaces."""
    value = text.strip()
    if not value:
        raise FormError(f"Enter the {what}")
    if any(char.isspace() for char in value):
        raise FormError(f"The {what} cannot contain spaces")
    return value


def parse_positive_int(text: str, what: str) -> int | None:
    """Parse an optional whole number greater than 0; empty gives ``None``."""
    value = text.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise FormError(f"The {what} must be a whole number, got {value!r}") from None
    if number <= 0:
        raise FormError(f"The {what} must be greater than 0")
    return number


def check_choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Return ``value`` when it is one of ``allowed``; raises :class:`FormError` otherwise."""
    if value not in allowed:
        raise FormError(f"Unknown {what} {value!r}: pick one of the list")
    return value


class Collector:
    """Runs each field's parser, keeping the first message per field instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}
        self.locations: dict[str, tuple[int, int]] = {}

    def take(self, key: str, parse: Any, *args: Any) -> Any:
        """``parse(*args)``, or ``None`` with the field's message kept when it raises :class:`FormError`."""
        try:
            return parse(*args)
        except FormError as exc:
            self.errors[key] = exc.message
            if exc.line is not None:
                self.locations[key] = (exc.line, exc.column or 1)
            return None

    def raise_if_any(self) -> None:
        """Raise :class:`FormErrors` with every message kept, if there is one."""
        if self.errors:
            raise FormErrors(self.errors, self.locations)
