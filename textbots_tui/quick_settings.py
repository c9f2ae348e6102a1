"""The settings the TUI starts with, built without pydantic so that the first screen does not wait for it.

Importing pydantic and pydantic-settings takes longer than drawing the TUI's first screen. Yet what they do
for a valid setup is plain: the values are strings and booleans, and the config file's schema is strict (no
coercion). So :func:`quick_settings` gathers the very same layers as :class:`~textbots_tui.config.Settings`
(:func:`~textbots_tui.config_sources.gather`) and vets the config file with a plain check that accepts only
what is plainly valid. Whenever that check has any doubt, it gives up (``None``) and the caller builds the
full :class:`~textbots_tui.config.Settings`, which is the authority: it either agrees or explains the
problem, with the file, line and field. ``tests/test_config.py`` holds the two to the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textbots_tui.config_sources import FLAGS, default_config_file, default_data_dir, gather

__all__ = ["PLAIN_FILE_SCHEMA", "PLAIN_PROFILE_SCHEMA", "QuickSettings", "quick_settings"]

PLAIN_PROFILE_SCHEMA: dict[str, type] = {
    "region": str,
    "api_url": str,
    "login_url": str,
    "client_id": str,
    "client_secret": str,
    "access_token": str,
    "production": bool,
}
"""The fields of :class:`~textbots_tui.config_schema.ProfileConfig` and the one Python type each accepts."""

PLAIN_FILE_SCHEMA: dict[str, type] = {
    "default_profile": str,
    "theme": str,
    "auto_noinput": bool,
    "keys": dict,
    "profiles": dict,
}
"""The fields of :class:`~textbots_tui.config_schema.ConfigFile` and the one Python type each accepts."""


class _Doubt(Exception):
    """The plain check cannot vouch for the config file: the full settings must judge it."""


@dataclass(frozen=True, slots=True)
class QuickSettings:
    """The values :class:`~textbots_tui.config.Settings` would hold, as a plain record (same fields)."""

    profile: str | None = None
    region: str | None = None
    api_url: str | None = None
    login_url: str | None = None
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    access_token: str | None = field(default=None, repr=False)
    production: bool = False
    simulator: bool = False
    theme: str | None = None
    auto_noinput: bool = False
    keys: dict[str, str] = field(default_factory=dict)
    config_file: Path = field(default_factory=default_config_file)
    data_dir: Path = field(default_factory=default_data_dir)
    origins: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def journal_dir(self) -> Path:
        """Where session transcripts are written."""
        return self.data_dir / "journal"

    def origin(self, field: str) -> str:
        """Say where a setting's value came from, for error messages."""
        return self.origins.get(field, field)


def _is(value: Any, kind: type) -> bool:
    """``value`` is exactly of ``kind``: strict validation takes no stand-ins (``True`` for ``1``)."""
    return type(value) is kind


def _keys_fit(keys: dict[str, Any]) -> bool:
    """Every remapped key is a string or a list of strings."""
    return all(
        _is(value, str) or (_is(value, list) and all(_is(key, str) for key in value))
        for value in keys.values()
    )


def _plain_check(data: dict[str, Any], text: str, path: Path) -> None:
    """Accept config-file data only when it plainly fits the schema; otherwise raise :class:`_Doubt`."""
    for name, value in data.items():
        if name not in PLAIN_FILE_SCHEMA or not _is(value, PLAIN_FILE_SCHEMA[name]):
            raise _Doubt(name)
    if not _keys_fit(data.get("keys", {})):
        raise _Doubt("keys")
    for profile in data.get("profiles", {}).values():
        if not _is(profile, dict) or not all(
            name in PLAIN_PROFILE_SCHEMA and _is(value, PLAIN_PROFILE_SCHEMA[name])
            for name, value in profile.items()
        ):
            raise _Doubt("profiles")


def quick_settings(**flags: Any) -> QuickSettings | None:
    """The settings for these command-line values, or ``None`` when only the full settings can tell.

    Flags take the names of :class:`~textbots_tui.config.Settings`' fields (``None`` means "not given").
    Raises :class:`~textbots_tui.config_sources.ConfigError` for what needs no schema to judge (an unreadable
    file, bad TOML, an unknown profile), with the same message the full settings give.
    """
    if not all(_flag_fits(name, value) for name, value in flags.items()):
        return None
    try:
        values = gather(flags, _plain_check)
    except _Doubt:
        return None
    for name in ("config_file", "data_dir"):
        if name in values:
            values[name] = Path(values[name])
    return QuickSettings(**values)


def _flag_fits(name: str, value: Any) -> bool:
    """A value the command line gives: a string for a connection option, a boolean for ``--simulator``."""
    kind = bool if name == "simulator" else str if name in FLAGS else None
    return value is None or (kind is not None and _is(value, kind))
