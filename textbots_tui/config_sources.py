"""Where settings come from: the command-line flags, the environment and ``config.toml``, merged in order.

Priority, highest first: flags, then the environment, then the chosen profile of the config file, then
defaults. Two groups are taken whole from the highest place that names any part of them, so that parts of two
orgs are never mixed: the *location* (``region``, ``api_url``, ``login_url``: ``--api-url`` on the command
line means the shell's ``GENESYSCLOUD_REGION`` does not pick the login host) and the *credentials*
(``client_id``, ``client_secret``, ``access_token``: an id from the environment is never paired with a secret
from the file).

Each layer is a plain dict of the values it sets plus ``origins`` (where each came from, for error messages).
Both :class:`~textbots_tui.config.Settings` (pydantic-settings, whose sources call these functions) and the
TUI's pydantic-free start (:mod:`textbots_tui.quick_settings`) are built from them, so the two cannot drift
apart on precedence. This module imports only the standard library: the TUI's first screen waits for it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "APP_NAME",
    "CREDENTIALS",
    "ENV_VARS",
    "FLAGS",
    "LOCATION",
    "ConfigError",
    "FileCheck",
    "deep_update",
    "default_config_file",
    "default_data_dir",
    "env_layer",
    "env_value",
    "file_layer",
    "flag_layer",
    "gather",
    "line_of",
    "read_config",
]

APP_NAME = "textbots-tui"

ENV_VARS: dict[str, tuple[str, ...]] = {
    "client_id": ("GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYS_CLOUD_CLIENT_ID"),
    "client_secret": ("GENESYSCLOUD_OAUTHCLIENT_SECRET", "GENESYS_CLOUD_CLIENT_SECRET"),
    "access_token": ("GENESYSCLOUD_ACCESS_TOKEN",),
    # The SDK samples name a domain (mypurecloud.ie) GENESYS_CLOUD_ENVIRONMENT; a region accepts domains.
    "region": ("GENESYSCLOUD_REGION", "GENESYS_CLOUD_REGION", "GENESYS_CLOUD_ENVIRONMENT"),
    "config_file": ("TEXTBOTS_TUI_CONFIG",),
    "data_dir": ("TEXTBOTS_TUI_DATA_DIR",),
}
"""The variables read for each setting, first set wins: the Genesys CLI and Terraform names before the SDK
samples' names."""

FLAGS = {"profile": "--profile", "region": "--region", "api_url": "--api-url", "login_url": "--login-url"}
"""How the command line spells the settings it sets (to say where a bad value came from)."""

LOCATION = ("region", "api_url", "login_url")
CREDENTIALS = ("client_id", "client_secret", "access_token")


class ConfigError(Exception):
    """A setting or the config file is wrong; the message names the file, line and field when known."""

    def __init__(
        self, message: str, *, path: Path | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.field = field


def default_config_file() -> Path:
    """Where ``config.toml`` lives on this platform (``TEXTBOTS_TUI_CONFIG`` overrides it)."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    """The root of what the app writes, the journal included (``TEXTBOTS_TUI_DATA_DIR`` overrides it)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


# --- config.toml -------------------------------------------------------------------------------------------

_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_TABLE_LINE = re.compile(rf"^\s*\[\[?\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]")
_KEY_LINE = re.compile(rf"^\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def line_of(text: str, path: tuple[str, ...]) -> int | None:
    """The line where the TOML key at ``path`` is set, else that of its nearest enclosing table or key."""
    best, best_depth = None, 0
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _TABLE_LINE.match(line):
            table = here = tuple(key.strip("\"'") for key in re.findall(_KEY, match.group(1)))
        elif match := _KEY_LINE.match(line):
            here = table + tuple(key.strip("\"'") for key in re.findall(_KEY, match.group(1)))
        else:
            continue
        if len(here) > best_depth and path[: len(here)] == here:
            best, best_depth = number, len(here)
    return best


def read_config(path: Path) -> tuple[dict[str, Any], str]:
    """Read and parse a config file (unchecked); return its data and text, or raise :class:`ConfigError`."""
    import tomllib  # only when there is a file to read

    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it: {exc}", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise ConfigError(
            f"{path}{f':{line}' if line else ''}: not valid TOML: {exc}", path=path, line=line
        ) from None


FileCheck = Callable[[dict[str, Any], str, Path], None]
"""Checks the parsed data of a config file (its text and path given for messages) against the config file's
schema, raising when it does not fit. Only data that passed is flattened into settings."""


# --- the layers --------------------------------------------------------------------------------------------


def _drop_shadowed_groups(data: dict[str, Any], higher: Mapping[str, Any]) -> dict[str, Any]:
    """Leave out the location or credentials of ``data`` when a higher source names any part of them."""
    dropped = {
        name
        for group in (LOCATION, CREDENTIALS)
        if any(higher.get(key) is not None for key in group)
        for name in group
    }
    kept = {key: value for key, value in data.items() if key not in dropped}
    kept["origins"] = {key: value for key, value in data.get("origins", {}).items() if key not in dropped}
    return kept


def flag_layer(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The values given on the command line (``None`` means "not given"), with where each came from."""
    given = {key: value for key, value in kwargs.items() if value is not None}
    origins = {name: FLAGS.get(name, name) for name in given if name != "origins"}
    return {**given, "origins": {**origins, **given.get("origins", {})}}


def env_value(field_name: str) -> tuple[str | None, str]:
    """The value of the first variable of :data:`ENV_VARS` set for one field (empty counts as unset), and
    that variable's name."""
    for name in ENV_VARS.get(field_name, ()):
        if value := os.environ.get(name, "").strip():
            return value, name
    return None, field_name


def env_layer(higher: Mapping[str, Any]) -> dict[str, Any]:
    """The values set in the environment, with the variable each came from; ``higher``: what flags set."""
    data: dict[str, Any] = {"origins": {}}
    for field_name in ENV_VARS:
        value, name = env_value(field_name)
        if value is not None:
            data[field_name] = value
            data["origins"][field_name] = name
    return _drop_shadowed_groups(data, higher)


def file_layer(higher: Mapping[str, Any], check: FileCheck) -> dict[str, Any]:
    """The UI preferences of ``config.toml`` and the values of its chosen profile.

    ``higher`` is what the flags and the environment set (they choose the file and the profile, and shadow the
    profile's groups). ``check`` vets the file's data before anything is taken from it. Raises
    :class:`ConfigError` for a missing, unreadable or invalid file or an unknown profile.
    """
    path = Path(higher.get("config_file") or default_config_file()).expanduser()
    wanted = higher.get("profile")
    if not path.is_file():
        if wanted is not None:
            raise ConfigError(f"{path}: no such file, so no profile {wanted!r}", path=path, field="profile")
        return {}
    config, text = read_config(path)
    check(config, text, path)
    keys = config.get("keys", {})
    data: dict[str, Any] = {
        "auto_noinput": config.get("auto_noinput", False),
        # App.set_keymap takes one string per binding: several keys are comma-separated.
        "keys": {key: value if isinstance(value, str) else ",".join(value) for key, value in keys.items()},
    }
    if config.get("theme") is not None:
        data["theme"] = config["theme"]
    name = wanted or config.get("default_profile")
    if name is None:
        return data
    profiles = config.get("profiles", {})
    if name not in profiles:
        known = ", ".join(sorted(profiles)) or "none"
        line = None if wanted else line_of(text, ("default_profile",))
        where = "" if wanted else f"{f':{line}' if line else ''}: default_profile"
        raise ConfigError(
            f"{path}{where}: no profile {name!r} (profiles: {known})", path=path, line=line, field="profile"
        )
    values = dict(profiles[name])
    origins = {}
    for key in values:
        line = line_of(text, ("profiles", name, key))
        origins[key] = f"{path}{f':{line}' if line else ''}: profiles.{name}.{key}"
    data.update(values, profile=name, origins=origins)
    return _drop_shadowed_groups(data, higher)


def deep_update(mapping: Mapping[str, Any], *updates: Mapping[str, Any]) -> dict[str, Any]:
    """``mapping`` updated by each of ``updates`` in turn, nested dicts merged rather than replaced.

    The same merge pydantic-settings applies between its sources (``origins`` gathers every layer's).
    """
    merged = dict(mapping)
    for update in updates:
        for key, value in update.items():
            if isinstance(merged.get(key), dict) and isinstance(value, dict):
                merged[key] = deep_update(merged[key], value)
            else:
                merged[key] = value
    return merged


def gather(flags: Mapping[str, Any], check: FileCheck) -> dict[str, Any]:
    """Every layer merged, higher ones winning: the raw values :class:`~textbots_tui.config.Settings` takes.

    The layers never set the same field (each leaves out what a higher one set), so the merge only gathers
    their ``origins``; it is the one pydantic-settings applies between its sources.
    """
    state = flag_layer(flags)
    state = deep_update(env_layer(state), state)
    return deep_update(file_layer(state, check), state)
