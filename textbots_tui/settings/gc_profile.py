"""Profiles of the Genesys Cloud CLI (``gc``): ``--gc-profile NAME`` or ``gc_profile = "NAME"`` reads the org
and credentials of that profile from ``~/.gc/config.toml``.

The file holds one TOML table per profile (``[DEFAULT]`` is gc's default; names are matched in any letter
case, as gc may write them lowercased): ``environment`` (a domain such as ``mypurecloud.ie``, or a region such
as ``eu-west-1``), ``client_credentials`` (the OAuth client id, despite its name), ``client_secret``, or
``access_token``. A profile made by a browser login (``grant_type`` 2 or 3) carries no client secret: it is
usable only while it holds an ``access_token``. The file is only ever read, never written.

Its place in the priority: flags, the environment, the gc profile, our own ``config.toml`` profile, the
simulator. Standard library only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textbots_tui.settings.config_file import ConfigError, read_config

__all__ = ["BROWSER_GRANTS", "from_gc_profile", "gc_config_file", "gc_layer"]

BROWSER_GRANTS = frozenset({"2", "3"})
"""gc's ``grant_type`` values for logins in a browser (implicit, PKCE): no client secret to log in with."""

# gc's keys -> our settings.
_KEYS = {
    "environment": "region",
    "client_credentials": "client_id",
    "client_secret": "client_secret",
    "access_token": "access_token",
}


def gc_config_file() -> Path:
    """Where the gc CLI keeps its profiles: ``~/.gc/config.toml``."""
    return Path.home() / ".gc" / "config.toml"


def gc_layer(name: str, origin: str) -> dict[str, Any]:
    """The settings of gc profile ``name`` (``region`` and credentials), with where each came from.

    ``origin`` says where the name was given, for errors. Raises :class:`ConfigError` for a missing file or
    profile, a file that is not TOML, a browser-login profile without a token, or a profile without
    credentials.
    """
    path = gc_config_file()
    if not path.is_file():
        raise ConfigError(
            f"{origin}: no gc profile {name!r}: {path} does not exist", path=path, field="gc_profile"
        )
    config, _ = read_config(path)
    tables = {key: value for key, value in config.items() if isinstance(value, dict)}
    found = next((key for key in tables if key.casefold() == name.strip().casefold()), None)
    if found is None:
        known = ", ".join(sorted(tables)) or "none"
        raise ConfigError(
            f"{origin}: no gc profile {name!r} in {path} (profiles: {known})", path=path, field="gc_profile"
        )
    table = tables[found]
    data: dict[str, Any] = {"origins": {}}
    for key, setting in _KEYS.items():
        value = table.get(key)
        if isinstance(value, str) and value.strip():
            data[setting] = value.strip()
            data["origins"][setting] = f"{path}: [{found}] {key}"
    grant = str(table.get("grant_type", "")).strip()
    if grant in BROWSER_GRANTS and "access_token" not in data:
        raise ConfigError(
            f"{path}: gc profile [{found}] logs in through a browser (grant_type {grant}) and holds no "
            "access_token: use a client-credentials profile, or log in with gc first",
            path=path,
            field="gc_profile",
        )
    if "access_token" not in data and not ("client_id" in data and "client_secret" in data):
        raise ConfigError(
            f"{path}: gc profile [{found}] has no credentials "
            "(client_credentials and client_secret, or access_token)",
            path=path,
            field="gc_profile",
        )
    if "access_token" in data and "client_secret" not in data:
        data.pop("client_id", None)  # a token alone: an id without its secret would only confuse the check
        data["origins"].pop("client_id", None)
    return data


def from_gc_profile(origin: str) -> bool:
    """Whether a setting whose origin is ``origin`` came from the gc CLI's file."""
    return origin.startswith(f"{gc_config_file()}: ")
