"""Slash commands typed in the input line.

Parsing is kept apart from the widgets so it can be tested on its own and so the help text, the input line
and the command palette all read the same table.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Literal

CommandName = Literal["noinput", "nomatch", "error", "disconnect", "expire", "restart", "vars", "help"]
"""Every slash command the input line knows."""

COMMAND_HELP: dict[CommandName, str] = {
    "noinput": "send a NoInput turn (the user said nothing)",
    "nomatch": "send a NoMatch turn (the input was not recognised)",
    "error": "send an Error turn: /error CODE MESSAGE",
    "disconnect": "send UserDisconnect (the user leaves)",
    "expire": "send ClientSessionExpired (the client's session timed out)",
    "restart": "start the session again with the same parameters",
    "vars": "show the launch variables and, after exit, the output variables",
    "help": "list the keys and commands",
}
"""One line of help per command, in the order they are listed."""

EVENT_OF_COMMAND: dict[CommandName, str] = {
    "noinput": "NoInput",
    "nomatch": "NoMatch",
    "error": "Error",
    "disconnect": "UserDisconnect",
    "expire": "ClientSessionExpired",
}
"""The turn event each event command sends."""

DEFAULT_ERROR_CODE = "client.error"
DEFAULT_ERROR_MESSAGE = "Error reported by the client"


class CommandError(ValueError):
    """The text looks like a slash command but is not a valid one. The message is shown inline."""


@dataclass(frozen=True, slots=True)
class SlashCommand:
    """A parsed slash command."""

    name: CommandName
    code: str | None = None
    """``/error`` only: the error code."""
    message: str | None = None
    """``/error`` only: the error message."""

    @property
    def event_type(self) -> str | None:
        """The turn event this command sends, or ``None`` for commands that do something else."""
        return EVENT_OF_COMMAND.get(self.name)


def is_command(text: str) -> bool:
    """Whether the text is meant as a slash command (``//`` escapes a literal leading slash)."""
    stripped = text.lstrip()
    return stripped.startswith("/") and not stripped.startswith("//")


def unescape(text: str) -> str:
    """The text to send for input that is not a command: ``//x`` sends ``/x``."""
    stripped = text.lstrip()
    return stripped[1:] if stripped.startswith("//") else text


def parse_command(text: str) -> SlashCommand:
    """Parse a slash command, raising :class:`CommandError` with a message fit to show the user."""
    body = text.strip()[1:]
    head, _, rest = body.partition(" ")
    name = head.lower()
    if name not in COMMAND_HELP:
        known = " ".join(f"/{known_name}" for known_name in COMMAND_HELP)
        shown = f"/{head}" if head else "/"
        raise CommandError(f"Unknown command {shown}. Known: {known}")
    if name == "error":
        return _parse_error(rest)
    if rest.strip():
        raise CommandError(f"/{name} takes no arguments")
    return SlashCommand(name)


def _parse_error(rest: str) -> SlashCommand:
    """``/error [CODE [MESSAGE...]]``: a quoted or bare message; both default to something sensible."""
    try:
        words = shlex.split(rest)
    except ValueError as error:
        raise CommandError(f"/error: {error}") from None
    code = words[0] if words else DEFAULT_ERROR_CODE
    message = " ".join(words[1:]) if len(words) > 1 else DEFAULT_ERROR_MESSAGE
    return SlashCommand("error", code=code, message=message)
