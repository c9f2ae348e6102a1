"""Placeholder patterns (``like``) for what changes from one run to the next: dates, times, generated ids.

A ``like`` pattern is text that must match a whole message (both trimmed), where typed placeholders stand for
the parts that move::

    text: {like: "Your slot is on {date} at {time}. Your reference is APT-{ref}."}

=============  ===========================================================================================
placeholder    matches
=============  ===========================================================================================
``{any}``      any text, possibly none
``{number}``   a whole or decimal number, optionally signed, with ``,`` or ``.`` separators:
               ``7``, ``-3``, ``12345``, ``1,234.50``
``{date}``     a calendar date: ISO ``2026-12-08``; numeric ``08/12/2026``, ``8.12.26``; or with a month name
               (any letter case, full or three letters) and an optional weekday in front: ``8 December 2026``,
               ``Tue 08 Dec 2026``, ``Tuesday, December 8th, 2026``, ``8 Dec``
``{time}``     a clock time: ``10:30``, ``09:00:00``, ``09:00:00.000Z``, ``10:30+01:00``, ``3:00 pm``, ``3pm``
``{uuid}``     a UUID such as ``3d5f7a9b-1c2e-4f6a-8b0d-2e4f6a8c0e57`` (any letter case)
``{email}``    an e-mail address such as ``sam@example.com``
``{ref}``      a generated code: letters and digits with at least one digit (``0E91FE``, ``A1234``), or
               four or more capitals (``ADDEBD``: a hex id can come out all letters); write a fixed
               prefix around it as text: ``APT-{ref}``
=============  ===========================================================================================

Everything else is literal. A literal brace is written ``\\{`` or ``\\}`` and a literal backslash before a
brace ``\\\\``; any other backslash is itself. (``{{name}}`` is not an escape: it is filled from a scenario's
``cases`` before the pattern is read.)

:func:`generalise` goes the other way: it finds the moving parts of a concrete message and writes the
pattern that a saved script expects instead of the exact text.
"""

from __future__ import annotations

import functools
import re

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})"
    rf"|(?i:(?:{_WEEKDAY})?(?:{_DAY}\s+{_MONTH}|{_MONTH}\s+{_DAY})(?:,?\s+\d{{4}})?))"
)
_TIME = (
    r"(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?i:\s?[ap]\.?m\.?)?"
    r"|\d{1,2}(?i:\s?[ap]\.?m\.?))"
)

PLACEHOLDERS: dict[str, str] = {
    "any": r".*?",
    "number": r"[-+]?\d+(?:[.,]\d+)*",
    "date": _DATE,
    "time": _TIME,
    "uuid": r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    "ref": r"(?:[A-Za-z0-9]*\d[A-Za-z0-9]*|[A-Z]{4,})",
}
"""Each placeholder's name and the regular expression it stands for."""

_TOKEN = re.compile(r"\\[\\{}]|\{([^{}]*)\}|[{}]")


class PlaceholderError(ValueError):
    """A ``like`` pattern that cannot be read: an unknown placeholder or a lone brace."""


@functools.lru_cache(maxsize=1024)
def compile_like(template: str) -> re.Pattern[str]:
    """The regular expression a ``like`` pattern stands for (it must match a whole, trimmed message).

    Raises :class:`PlaceholderError` naming what is wrong."""
    parts: list[str] = []
    position = 0
    for token in _TOKEN.finditer(template):
        parts.append(re.escape(template[position : token.start()]))
        position = token.end()
        text = token.group()
        if text.startswith("\\"):
            parts.append(re.escape(text[1]))
        elif token.group(1) is not None:
            name = token.group(1).strip()
            if name not in PLACEHOLDERS:
                known = ", ".join("{" + n + "}" for n in PLACEHOLDERS)
                raise PlaceholderError(
                    f"unknown placeholder {text} (known: {known}; a literal brace is \\{{)"
                )
            parts.append(f"(?:{PLACEHOLDERS[name]})")
        else:
            raise PlaceholderError(f"a lone {text!r}: write a literal brace as \\{text}")
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)


def like_matches(template: str, text: str) -> bool:
    """Whether ``text`` (trimmed) is wholly matched by the ``like`` pattern ``template``."""
    return compile_like(template.strip()).fullmatch(text.strip()) is not None


def escape_literal(text: str) -> str:
    """``text`` as a ``like`` pattern that matches exactly it (braces and backslashes before them escaped)."""
    return re.sub(r"\\(?=[\\{}])|[{}]", lambda m: "\\" + m.group(), text)


@functools.cache
def _volatile() -> re.Pattern[str]:
    """What a saved script must not pin, in the order they are looked for: a UUID before the codes inside it,
    an ISO date-time before its date. Times on their own stay literal: a slot at 10:30 is what the user
    picked. Compiled on first use (about 1.5 ms): a run of scripts that saves nothing never needs it."""
    return re.compile(
        rf"(?P<uuid>(?<![\w-]){PLACEHOLDERS['uuid']}(?![\w-]))"
        rf"|(?P<email>(?<![\w.+-]){PLACEHOLDERS['email']})"
        rf"|(?P<datetime>(?<![\w-])\d{{4}}-\d{{2}}-\d{{2}}T{_TIME}(?![\w:]))"
        rf"|(?P<date>(?<![\w/.:-]){_DATE}(?![\w/:-]|\.\d))"
        r"|(?<![\w-])(?P<prefix>[A-Z]{2,8}-)(?P<coded>[A-Z0-9]*\d[A-Z0-9]*|[A-Z]{4,})(?![\w-])"
        r"|(?P<ref>(?<![\w-])(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,}(?![\w-]))"
    )


def generalise(text: str) -> str | None:
    """The ``like`` pattern for ``text`` with its dates, UUIDs, e-mail addresses and generated codes replaced
    by placeholders; ``None`` when it holds none of them. A generated code is letters and digits with at least
    one digit, or four or more capitals, after a capitalised prefix and a dash (``APT-098063``,
    ``APT-ADDEBD``, written ``APT-{ref}``), or on its own when it mixes capitals and digits (``0E91FE``);
    plain numbers stay as they are."""
    parts: list[str] = []
    position = 0
    for found in _volatile().finditer(text):
        kind = found.lastgroup
        parts.append(escape_literal(text[position : found.start()]))
        if kind == "coded":  # a code after a fixed prefix (APT-098063): the prefix stays
            parts.append(escape_literal(found["prefix"]) + "{ref}")
        else:
            parts.append("{date}T{time}" if kind == "datetime" else "{" + str(kind) + "}")
        position = found.end()
    if not parts:
        return None
    parts.append(escape_literal(text[position:]))
    return "".join(parts)


class Like(BaseModel):
    """A value that must match a ``like`` pattern: written ``{like: "APT-{ref}"}`` for a choice label, an
    output variable or a slot in a script."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    like: str

    @field_validator("like")
    @classmethod
    def _reads(cls, value: str) -> str:
        try:
            compile_like(value.strip())
        except PlaceholderError as exc:
            raise PydanticCustomError("like", "{error}", {"error": str(exc)}) from None
        return value


__all__ = [
    "PLACEHOLDERS",
    "Like",
    "PlaceholderError",
    "compile_like",
    "escape_literal",
    "generalise",
    "like_matches",
]
