"""What ``config.toml`` may hold, as strict pydantic models, and the one-line errors for what breaks them.

An error names the file, the line (found in the text by :func:`~textbots_tui.config_sources.line_of`) and
the dotted key: ``config.toml:7: profiles.dev.secret: unknown field (known: region, api_url, ...)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from textbots_tui.config_sources import ConfigError, line_of

__all__ = ["ConfigFile", "ProfileConfig", "check_config_file", "problems"]


class _Strict(BaseModel):
    """A config-file table: unknown keys and values of the wrong type are errors, not guesses."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ProfileConfig(_Strict):
    """One ``[profiles.NAME]`` table: where an org is and how to log in to it."""

    region: str | None = None
    api_url: str | None = None
    login_url: str | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None
    access_token: SecretStr | None = None
    production: bool = False
    """A production org: the header shows a warning colour."""


class ConfigFile(_Strict):
    """The whole of ``config.toml``: UI preferences, remapped keys and named profiles."""

    default_profile: str | None = None
    theme: str | None = None
    auto_noinput: bool = False
    keys: dict[str, str | list[str]] = Field(default_factory=dict)
    """Binding id -> key or keys (a list, or a comma-separated string)."""
    profiles: dict[str, ProfileConfig] = Field(default_factory=dict)


def check_config_file(data: dict[str, Any], text: str, path: Path) -> None:
    """Check parsed config-file data against :class:`ConfigFile`; raise :class:`ConfigError` if it fails.

    The error reported is the first in the file, as a reader would meet them, with a count of the others.
    """
    try:
        ConfigFile.model_validate(data)
    except ValidationError as exc:
        found = [
            (line_of(text, field) or 0, field, problem) for field, problem in problems(exc, data, ConfigFile)
        ]
        line, field, problem = min(found)
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(
            f"{where}: {'.'.join(field)}: {problem}{more}",
            path=path,
            line=line or None,
            field=".".join(field),
        ) from None


def problems(exc: ValidationError, data: Any, top: type[BaseModel]) -> list[tuple[tuple[str, ...], str]]:
    """Each validation error of ``data`` (checked as ``top``): the key path it is about, and what is wrong."""
    found = []
    for error in exc.errors():
        field: list[str] = []
        value = data
        for part in error["loc"]:
            # Union members add their type name to the location: stop where the data has no such key.
            if not isinstance(value, dict) or str(part) not in value:
                break
            field.append(str(part))
            value = value[str(part)]
        problem = str(error["msg"])
        if error["type"] == "extra_forbidden":
            model = top if len(field) == 1 else ProfileConfig
            problem = f"unknown field (known: {', '.join(model.model_fields)})"
        found.append((tuple(field) or tuple(map(str, error["loc"])), problem))
    return found
