"""Settings without pydantic, so that the TUI's first screen does not wait for it; pydantic decides on doubt.

Importing pydantic takes about as long as drawing the TUI's first screen. Yet what it does for a valid setup
is plain: the values are strings and booleans, and the config file's schema is strict (no coercion). So
:func:`quick_settings` gathers the layers (:func:`.sources.gather`) and vets the config file with a plain
check, derived from the declaration in :mod:`.fields`, that accepts only what plainly fits. Whenever it has
any doubt it gives up (``None``) and :func:`read_settings` asks the full check (:mod:`.checked`), which is the
authority: it either agrees or explains the problem with the file, line and field.
``tests/test_config.py`` holds the two to the same answers.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from textbots_tui.settings.fields import FILE_STRUCTURE, SPECS, Settings, file_fields, plain, plain_type
from textbots_tui.settings.sources import gather

__all__ = ["PLAIN_FILE_SCHEMA", "PLAIN_PROFILE_SCHEMA", "quick_settings", "read_settings"]


def _file_schema() -> dict[str, Any]:
    """Every top-level key of ``config.toml`` and the type it may hold, in the order of the full schema."""
    return {
        "default_profile": FILE_STRUCTURE["default_profile"],
        **file_fields("top"),
        "profiles": FILE_STRUCTURE["profiles"],
    }


PLAIN_FILE_SCHEMA: dict[str, type] = {name: plain(kind) for name, kind in _file_schema().items()}
"""The top-level keys of ``config.toml`` and the one Python type each accepts."""
PLAIN_PROFILE_SCHEMA: dict[str, type] = {name: plain(kind) for name, kind in file_fields("profile").items()}
"""The keys of a ``[profiles.NAME]`` table and the one Python type each accepts."""


class _Doubt(Exception):
    """The plain check cannot vouch for a value: the full check must judge it."""


def _fits(value: Any, kind: Any) -> bool:
    """``value`` plainly is a ``kind``: exact types only, as strict validation takes no stand-ins (``1``
    for ``True``); unions, ``list[X]`` and ``dict[str, X]`` are looked into."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if isinstance(kind, types.UnionType) or origin is typing.Union:
        return any(_fits(value, arg) for arg in args)
    if kind is type(None):
        return value is None
    if origin is list:
        return type(value) is list and all(_fits(item, args[0]) for item in value)
    if origin is dict:
        return type(value) is dict and all(
            _fits(key, args[0]) and _fits(item, args[1]) for key, item in value.items()
        )
    return kind is Any or type(value) is kind


def _plain_check(data: dict[str, Any], text: str, path: Path) -> None:
    """Accept config-file data only when it plainly fits the schema; otherwise raise :class:`_Doubt`."""
    schema, profile_schema = _file_schema(), file_fields("profile")
    for name, value in data.items():
        if name not in schema or not _fits(value, schema[name]):
            raise _Doubt(name)
    for profile in data.get("profiles", {}).values():
        for name, value in profile.items():
            if name not in profile_schema or not _fits(value, profile_schema[name]):
                raise _Doubt(name)


_TRUE, _FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})


def _typed(name: str, value: Any) -> Any:
    """A gathered value as the setting's type (environment variables are strings); raise :class:`_Doubt`
    when that is not plain."""
    if name == "origins":
        return value
    kind = plain_type(name)
    if type(value) is kind:
        return value
    if isinstance(value, str):
        if kind is Path:
            return Path(value)
        if kind is bool and value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        if kind in (int, float):
            try:
                return kind(value)
            except ValueError:
                pass
    raise _Doubt(name)


def _flag_fits(name: str, value: Any) -> bool:
    """A value the command line gives is of the setting's own type (a path may come as a string)."""
    if value is None:
        return True
    if name not in SPECS:
        return False
    kind = plain_type(name)
    return type(value) is kind or (kind is Path and isinstance(value, str))


def quick_settings(**flags: Any) -> Settings | None:
    """The settings for these command-line values, or ``None`` when only the full check can tell.

    Flags take the names of :class:`~.fields.Settings`' fields (``None`` means "not given"). Raises
    :class:`~.config_file.ConfigError` for what needs no schema to judge (an unreadable file, bad TOML, an
    unknown profile), with the same message the full check gives.
    """
    if not all(_flag_fits(name, value) for name, value in flags.items()):
        return None
    try:
        values = gather(flags, _plain_check)
        return Settings(**{name: _typed(name, value) for name, value in values.items()})
    except _Doubt:
        return None


def read_settings(**flags: Any) -> Settings:
    """The settings for these command-line values: quickly when plain, else through the full check.

    Raises :class:`~.config_file.ConfigError` for anything wrong, naming the file, line and field.
    """
    settings = quick_settings(**flags)
    if settings is None:
        from textbots_tui.settings.checked import load_settings, plain_settings

        settings = plain_settings(load_settings(**flags))
    return settings
