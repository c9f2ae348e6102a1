"""Where settings come from: the command-line flags, the environment and ``config.toml``, merged in order.

Priority, highest first: flags, then the environment, then the chosen profile of the config file, then
defaults. The settings of a group (:data:`~.fields.LOCATION`: ``region``, ``api_url``, ``login_url``;
:data:`~.fields.CREDENTIALS`: ``client_id``, ``client_secret``, ``access_token``) are taken whole from the
highest place that names any of them, so that parts of two orgs are never mixed: ``--api-url`` on the command
line means the shell's ``GENESYSCLOUD_REGION`` does not pick the login host, and an id from the environment is
never paired with a secret from the file.

Each layer is a plain dict of the values it sets plus ``origins`` (where each came from, for error messages).
What each setting is read from comes from its declaration in :mod:`.fields`. Standard library only: the TUI's
first screen waits for this module.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from textbots_tui.settings.config_file import ConfigError, read_config
from textbots_tui.settings.fields import CREDENTIALS, ENV_VARS, FLAGS, LOCATION, SPECS, default_config_file

__all__ = [
    "FileCheck",
    "deep_update",
    "env_layer",
    "env_value",
    "exposed_secrets_warning",
    "file_layer",
    "flag_layer",
    "gather",
    "line_of",
]


# --- config.toml -------------------------------------------------------------------------------------------

_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_TABLE_LINE = re.compile(rf"^\s*\[\[?\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]")
_KEY_LINE = re.compile(rf"^\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")


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


def env_value(name: str) -> tuple[str | None, str]:
    """The value of the first variable set for a setting (empty counts as unset), and the variable's name."""
    for variable in ENV_VARS.get(name, ()):
        if value := os.environ.get(variable, "").strip():
            return value, variable
    return None, name


def env_layer(higher: Mapping[str, Any]) -> dict[str, Any]:
    """The values set in the environment, with the variable each came from; ``higher``: what flags set."""
    data: dict[str, Any] = {"origins": {}}
    for name in ENV_VARS:
        value, variable = env_value(name)
        if value is not None:
            data[name] = value
            data["origins"][name] = variable
    return _drop_shadowed_groups(data, higher)


def _from_file(
    table: Mapping[str, Any], place: str, text: str, path: Path, prefix: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The settings a table of the config file sets at ``place``, converted, with the line each came from."""
    data: dict[str, Any] = {"origins": {}}
    for name, spec in SPECS.items():
        if spec.file != place or table.get(name) is None:
            continue
        data[name] = spec.from_file(table[name]) if spec.from_file else table[name]
        line = line_of(text, (*prefix, name))
        data["origins"][name] = f"{path}{f':{line}' if line else ''}: {'.'.join((*prefix, name))}"
    return data


def file_layer(higher: Mapping[str, Any], check: FileCheck) -> dict[str, Any]:
    """The UI preferences of ``config.toml`` and the values of its chosen profile.

    ``higher`` is what the flags and the environment set (they choose the file and the profile, and shadow the
    profile's groups). ``check`` vets the file's data before anything is taken from it. Raises
    :class:`ConfigError` for a missing, unreadable or invalid file or an unknown profile.
    """
    path = Path(higher.get("config_file") or default_config_file()).expanduser()
    wanted = higher.get("profile")
    if path.is_dir():
        raise ConfigError(f"{path}: is a directory, not a config file", path=path)
    if not path.is_file():
        if wanted is not None:
            raise ConfigError(f"{path}: no such file, so no profile {wanted!r}", path=path, field="profile")
        return _with_gc_profile({}, higher)
    config, text = read_config(path)
    check(config, text, path)
    data = _with_gc_profile(_from_file(config, "top", text, path), higher)
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
    profile = _drop_shadowed_groups(
        _from_file(profiles[name], "profile", text, path, ("profiles", name)), data
    )
    return _drop_shadowed_groups(deep_update(profile, data, {"profile": name}), higher)


def _with_gc_profile(data: dict[str, Any], higher: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` (the file's top-level settings) and, when a gc profile is named (a flag beats the file's
    ``gc_profile``), what it sets that the flags and the environment do not: it ranks below them and above
    this file's own profiles."""
    name = higher.get("gc_profile") or data.get("gc_profile")
    if not name:
        return data
    from textbots_tui.settings.gc_profile import gc_layer

    origin = higher.get("origins", {}).get("gc_profile") or data["origins"].get("gc_profile", "gc_profile")
    return deep_update(data, _drop_shadowed_groups(gc_layer(name, origin), higher))


_SECRET_LINE = re.compile(r"^\s*(?:client_secret|access_token)\s*=", re.MULTILINE)


def exposed_secrets_warning(path: Path) -> str | None:
    """A warning when the config file holds a ``client_secret`` (or ``access_token``) and other users may
    read it; ``None`` otherwise (no file, no secret, owner-only, or a platform without such permissions)."""
    if os.name != "posix":
        return None
    try:
        mode = path.stat().st_mode
        if not mode & 0o044 or not _SECRET_LINE.search(path.read_text(encoding="utf-8-sig")):
            return None
    except (OSError, UnicodeDecodeError):
        return None
    return f"{path} holds a secret and other users can read it: run chmod 600 {path}"


def deep_update(mapping: Mapping[str, Any], *updates: Mapping[str, Any]) -> dict[str, Any]:
    """``mapping`` updated by each of ``updates`` in turn, nested dicts merged rather than replaced."""
    merged = dict(mapping)
    for update in updates:
        for key, value in update.items():
            if isinstance(merged.get(key), dict) and isinstance(value, dict):
                merged[key] = deep_update(merged[key], value)
            else:
                merged[key] = value
    return merged


def gather(flags: Mapping[str, Any], check: FileCheck) -> dict[str, Any]:
    """Every layer merged, higher ones winning: the raw values settings are built from.

    The layers never set the same field (each leaves out what a higher one set), so the merge only gathers
    their ``origins``.
    """
    state = flag_layer(flags)
    state = deep_update(env_layer(state), state)
    return deep_update(file_layer(state, check), state)
