"""Every setting, declared once: :class:`Settings`, one field per setting.

A field holds the setting's name, type and default; its :func:`setting` call says how it is given: the
environment variables read for it (first set wins), its command-line flag, where ``config.toml`` holds it
(``"top"``: a UI preference; ``"profile"``: a value of the chosen ``[profiles.NAME]``), the group it is taken
whole with, and the text that documents it (the flag's help too). Everything else is derived from these
fields: the layers (:mod:`.sources`), the quick check (:mod:`.quick`), the pydantic schema (:mod:`.checked`)
and the command-line options (:mod:`textbots_tui.cli.shared`).

Standard library only: the TUI's first screen waits for this module.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "APP_NAME",
    "CREDENTIALS",
    "ENV_VARS",
    "FILE_STRUCTURE",
    "FLAGS",
    "LOCATION",
    "SPECS",
    "FilePlace",
    "Settings",
    "Spec",
    "default_config_file",
    "default_data_dir",
    "file_fields",
    "plain",
    "plain_type",
    "setting",
    "type_of",
]

APP_NAME = "textbots-tui"

FilePlace = Literal["top", "profile"]
"""Where ``config.toml`` holds a setting: at the top (a UI preference) or in a ``[profiles.NAME]`` table."""


@dataclass(frozen=True, slots=True)
class Spec:
    """How one setting is given, beside the name, type and default its field holds."""

    doc: str
    """What the setting means (also the help of its command-line flag)."""
    env: tuple[str, ...] = ()
    """Environment variables read for it, first set wins (empty values count as unset)."""
    flag: str | None = None
    """The command-line option and its metavar (``"--region REGION"``); a boolean's flag has no metavar."""
    file: FilePlace | None = None
    file_type: Any = None
    """What ``config.toml`` may hold when it is not the setting's own type (converted by ``from_file``)."""
    from_file: Callable[[Any], Any] | None = None
    group: Literal["location", "credentials"] | None = None
    """Taken whole from the highest place that names any part of it, so parts of two orgs are never mixed."""
    secret: bool = False
    """Never shown: left out of ``repr`` and wrapped in pydantic's ``SecretStr`` by the full check."""

    @property
    def option(self) -> str | None:
        """The flag's option name (``--region``), without its metavar."""
        return self.flag.split()[0] if self.flag else None


def setting(
    doc: str,
    *,
    default: Any = None,
    factory: Callable[[], Any] | None = None,
    env: tuple[str, ...] = (),
    flag: str | None = None,
    file: FilePlace | None = None,
    file_type: Any = None,
    from_file: Callable[[Any], Any] | None = None,
    group: Literal["location", "credentials"] | None = None,
    secret: bool = False,
) -> Any:
    """Declare one setting: a dataclass field of :class:`Settings` carrying its :class:`Spec`."""
    spec = Spec(doc, env, flag, file, file_type, from_file, group, secret)
    metadata = {"setting": spec}
    if factory is not None:
        return field(default_factory=factory, repr=not secret, metadata=metadata)
    return field(default=default, repr=not secret, metadata=metadata)


def default_config_file() -> Path:
    """Where ``config.toml`` lives on this platform (``TEXTBOTS_TUI_CONFIG`` overrides it)."""
    import platformdirs  # only when no path is given

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    """The root of what the app writes, the journal included (``TEXTBOTS_TUI_DATA_DIR`` overrides it)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def _joined_keys(keys: Mapping[str, str | list[str]]) -> dict[str, str]:
    """``App.set_keymap`` takes one string per binding: several keys are comma-separated."""
    return {name: value if isinstance(value, str) else ",".join(value) for name, value in keys.items()}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the app starts with, merged from flags, the environment and ``config.toml`` (in that order).

    Adding a setting: add a field here with :func:`setting`, then use it where it matters. The field's order
    is the order of the flags in ``--help``.
    """

    profile: str | None = setting(
        "A profile from the config file (else the file's default_profile).", flag="--profile NAME"
    )
    region: str | None = setting(
        "us-east-1 | eu-west-1 | ... (or eu_west_1), or a domain such as mypurecloud.ie.",
        # The SDK samples name a domain (mypurecloud.ie) GENESYS_CLOUD_ENVIRONMENT; a region accepts domains.
        env=("GENESYSCLOUD_REGION", "GENESYS_CLOUD_REGION", "GENESYS_CLOUD_ENVIRONMENT"),
        flag="--region REGION",
        file="profile",
        group="location",
    )
    api_url: str | None = setting(
        "Explicit API base URL (a proxy, the simulator on loopback, a test server); beats the region's.",
        flag="--api-url URL",
        file="profile",
        group="location",
    )
    login_url: str | None = setting(
        "Explicit login (OAuth) base URL; beats the region's.",
        flag="--login-url URL",
        file="profile",
        group="location",
    )
    client_id: str | None = setting(
        "The OAuth client id (client credentials grant).",
        env=("GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYS_CLOUD_CLIENT_ID"),
        file="profile",
        group="credentials",
    )
    client_secret: str | None = setting(
        "The OAuth client secret.",
        env=("GENESYSCLOUD_OAUTHCLIENT_SECRET", "GENESYS_CLOUD_CLIENT_SECRET"),
        file="profile",
        group="credentials",
        secret=True,
    )
    access_token: str | None = setting(
        "A ready OAuth token, used instead of client credentials.",
        env=("GENESYSCLOUD_ACCESS_TOKEN",),
        file="profile",
        group="credentials",
        secret=True,
    )
    gc_profile: str | None = setting(
        "A profile of the Genesys Cloud CLI (~/.gc/config.toml, read only): below flags and environment, "
        "above the config file's profiles.",
        flag="--gc-profile NAME",
        file="top",
    )
    production: bool = setting(
        "The profile is a production org: the header shows a warning colour.", default=False, file="profile"
    )
    simulator: bool = setting("Force the built-in simulator (a demo org).", default=False, flag="--simulator")
    theme: str | None = setting("A Textual theme name; none keeps the app's default.", file="top")
    auto_noinput: bool = setting(
        "Send NoInput by itself when a flow's no-input timeout runs out.", default=False, file="top"
    )
    present: bool = setting(
        "Start in presenter mode: a clean chat for an audience, projector theme (alt+p switches it).",
        default=False,
        file="top",
    )
    disconnect_on_close: str = setting(
        "Closing or quitting a live flow session: ask | send (UserDisconnect) | keep (send nothing).",
        default="ask",
        file="top",
    )
    no_history: bool = setting(
        "Open without listing past sessions (for a demo: no past client's session on screen).",
        default=False,
        flag="--no-history",
        file="top",
    )
    history_all_targets: bool = setting(
        "List the history of every target (each labelled with its org), not only the current one's; "
        "alt+h switches it in the app, and that choice is remembered and wins.",
        default=False,
        file="top",
    )
    history_days: int = setting(
        "Sessions older than this many days are deleted from the history at start (0: keep all).",
        default=30,
        file="top",
    )
    history_max_mb: int = setting(
        "The history is cut to this many megabytes at start, oldest first (0: no limit).",
        default=200,
        file="top",
    )
    keys: dict[str, str] = setting(
        "Remapped keys: binding id -> key or keys (a list, or a comma-separated string).",
        factory=dict,
        file="top",
        file_type=dict[str, str | list[str]],
        from_file=_joined_keys,
    )
    request_deadline: float = setting(
        "Longest time one request may take in all, in seconds (token, sending, every byte of the answer); "
        "past it the request ends as a read timeout would, and is never sent again.",
        default=60.0,
        env=("TEXTBOTS_TUI_REQUEST_DEADLINE",),
        file="top",
    )
    config_file: Path = setting("The config file.", factory=default_config_file, env=("TEXTBOTS_TUI_CONFIG",))
    data_dir: Path = setting(
        "The root of what the app writes (the journal).",
        factory=default_data_dir,
        env=("TEXTBOTS_TUI_DATA_DIR",),
    )
    origins: dict[str, str] = field(default_factory=dict, repr=False)
    """Where each value came from (``--region``, ``GENESYSCLOUD_REGION``, ``config.toml:7: ...``): not a
    setting, the record of where the settings came from, for error messages."""

    @property
    def journal_dir(self) -> Path:
        """Where session transcripts are written."""
        return self.data_dir / "journal"

    @property
    def cache_dir(self) -> Path:
        """Where what can be made again is kept to save time (the simulator's compiled samples)."""
        return self.data_dir / "cache"

    def origin(self, name: str) -> str:
        """Say where a setting's value came from, for error messages."""
        return self.origins.get(name, name)


SPECS: dict[str, Spec] = {
    f.name: f.metadata["setting"] for f in dataclasses.fields(Settings) if "setting" in f.metadata
}
"""Every setting's :class:`Spec`, in declaration order."""
ENV_VARS: dict[str, tuple[str, ...]] = {name: spec.env for name, spec in SPECS.items() if spec.env}
"""The variables read for each setting, first set wins."""
FLAGS: dict[str, str] = {name: spec.option for name, spec in SPECS.items() if spec.option}
"""How the command line spells the settings it sets (to say where a bad value came from)."""
FILE_STRUCTURE: dict[str, Any] = {"default_profile": str | None, "profiles": dict[str, dict[str, Any]]}
"""What ``config.toml`` holds besides settings: the profile to use and the profiles."""
LOCATION = tuple(name for name, spec in SPECS.items() if spec.group == "location")
CREDENTIALS = tuple(name for name, spec in SPECS.items() if spec.group == "credentials")


def type_of(name: str) -> Any:
    """The declared type of a setting (``str | None``, ``bool``, ``Path`` ...)."""
    return _hints()[name]


def plain_type(name: str) -> type:
    """The Python type of a setting's value (``str | None`` -> ``str``, ``dict[str, str]`` -> ``dict``)."""
    return plain(type_of(name))


def plain(kind: Any) -> type:
    """The one Python type a declared type accepts, ``None`` aside (``str | None`` -> ``str``)."""
    args = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    if isinstance(kind, types.UnionType) and len(args) == 1:
        return plain(args[0])
    return typing.cast(type, typing.get_origin(kind) or kind)


def file_fields(place: FilePlace) -> dict[str, Any]:
    """The settings ``config.toml`` holds at ``place``, and the type the file may give each."""
    return {name: spec.file_type or type_of(name) for name, spec in SPECS.items() if spec.file == place}


_HINTS: dict[str, Any] = {}


def _hints() -> dict[str, Any]:
    """The fields' types, evaluated once (the annotations are strings until asked for)."""
    if not _HINTS:
        _HINTS.update(typing.get_type_hints(Settings))
    return _HINTS
