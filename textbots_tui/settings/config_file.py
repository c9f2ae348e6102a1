"""Reading a TOML config file (ours, or the gc CLI's), and the one error type of settings.

Standard library only: the TUI's first screen waits for this module.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = ["ConfigError", "read_config"]

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


class ConfigError(Exception):
    """A setting or the config file is wrong; the message names the file, line and field when known."""

    def __init__(
        self, message: str, *, path: Path | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.field = field


def read_config(path: Path) -> tuple[dict[str, Any], str]:
    """Read and parse a config file (unchecked); return its data and text, or raise :class:`ConfigError`."""
    import tomllib  # only when there is a file to read

    try:
        # utf-8-sig: a byte-order mark (as some Windows editors write) is skipped, not a TOML error.
        text = path.read_text(encoding="utf-8-sig")
        return tomllib.loads(text), text
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it: {exc}", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise ConfigError(
            f"{path}{f':{line}' if line else ''}: not valid TOML: {exc}", path=path, line=line
        ) from None
