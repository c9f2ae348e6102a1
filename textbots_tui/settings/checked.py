"""The full check of settings and of ``config.toml`` with pydantic: the authority on what is wrong, and where.

The models are built from the declaration in :mod:`.fields`: :data:`CheckedSettings` (the values, lax as
flags and environment variables are strings), :data:`ConfigFile` and :data:`ProfileConfig` (the file, strict:
unknown keys and values of the wrong type are errors, not guesses). An error names the file, the line (found
by :func:`~.sources.line_of`) and the dotted key: ``config.toml:7: profiles.dev.secret: unknown field (known:
region, api_url, ...)``. This module loads pydantic: the TUI's first screen comes only here when the quick
check (:mod:`.quick`) has a doubt.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, create_model

from textbots_tui.settings.config_file import ConfigError
from textbots_tui.settings.fields import FILE_STRUCTURE, FLAGS, SPECS, Settings, file_fields, type_of
from textbots_tui.settings.sources import gather, line_of

__all__ = [
    "CheckedSettings",
    "ConfigFile",
    "ProfileConfig",
    "SettingsModel",
    "check_config_file",
    "load_settings",
    "plain_settings",
    "problems",
]


class SettingsModel(BaseModel):
    """The base of :data:`CheckedSettings`: each setting of :class:`~.fields.Settings` as a pydantic field."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @property
    def journal_dir(self) -> Path:
        """Where session transcripts are written."""
        return Path(getattr(self, "data_dir")) / "journal"  # noqa: B009 (the field is made by create_model)

    def origin(self, name: str) -> str:
        """Say where a setting's value came from, for error messages."""
        origins: dict[str, str] = getattr(self, "origins")  # noqa: B009
        return origins.get(name, name)


class _Strict(BaseModel):
    """A config-file table: unknown keys and values of the wrong type are errors, not guesses."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _field(name: str, kind: Any) -> tuple[Any, Any]:
    """One setting as a pydantic field of type ``kind`` (secrets wrapped), with its default and doc."""
    declared = next(f for f in dataclasses.fields(Settings) if f.name == name)
    spec = SPECS.get(name)
    if spec is not None and spec.secret:
        kind = SecretStr | None
    doc = spec.doc if spec is not None else None
    if declared.default_factory is not dataclasses.MISSING:
        return kind, Field(default_factory=declared.default_factory, description=doc, repr=declared.repr)
    return kind, Field(default=declared.default, description=doc, repr=declared.repr)


def _fields(
    kinds: dict[str, Any], first: dict[str, Any] | None = None, last: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The field definitions of a model: these settings (name -> type), between ``first`` and ``last``."""
    return {**(first or {}), **{name: _field(name, kind) for name, kind in kinds.items()}, **(last or {})}


CheckedSettings: type[SettingsModel] = create_model(
    "Settings",
    __base__=SettingsModel,
    __doc__="Every setting, checked by pydantic (field for field :class:`~.fields.Settings`).",
    **_fields({f.name: type_of(f.name) for f in dataclasses.fields(Settings)}),
)
"""The settings as a pydantic model, for the full check."""

ProfileConfig: type[BaseModel] = create_model(
    "ProfileConfig",
    __base__=_Strict,
    __doc__="One ``[profiles.NAME]`` table: where an org is and how to log in to it.",
    **_fields(file_fields("profile")),
)
"""One ``[profiles.NAME]`` table of ``config.toml``."""

ConfigFile: type[BaseModel] = create_model(
    "ConfigFile",
    __base__=_Strict,
    __doc__="The whole of ``config.toml``: UI preferences, remapped keys and named profiles.",
    **_fields(
        file_fields("top"),
        first={"default_profile": (FILE_STRUCTURE["default_profile"], None)},
        last={"profiles": (dict[str, ProfileConfig], Field(default_factory=dict))},
    ),
)
"""The whole of ``config.toml``."""


def plain_settings(model: SettingsModel) -> Settings:
    """The checked settings as the plain record the app runs with (secrets revealed for the client)."""
    values: dict[str, Any] = {}
    for declared in dataclasses.fields(Settings):
        value = getattr(model, declared.name)
        values[declared.name] = value.get_secret_value() if isinstance(value, SecretStr) else value
    return Settings(**values)


def load_settings(**flags: Any) -> SettingsModel:
    """Check the settings for these command-line values; every problem comes out as :class:`ConfigError`."""
    values = gather(flags, check_config_file)
    try:
        return CheckedSettings(**values)
    except ValidationError as exc:
        field, problem = problems(exc, values, CheckedSettings)[0]
        origin = values.get("origins", {}).get(field[0]) or FLAGS.get(field[0], field[0])
        raise ConfigError(f"{origin}: {problem}", field=field[0]) from None


def check_config_file(data: dict[str, Any], text: str, path: Path) -> None:
    """Check parsed config-file data against :data:`ConfigFile`; raise :class:`ConfigError` if it fails.

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
