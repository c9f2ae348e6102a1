"""Settings from flags, the environment and ``config.toml`` (pydantic-settings), and where they connect to.

Priority, highest first: command-line flags, then the environment, then the chosen profile of the config file,
then defaults; the location and the credentials are each taken whole from one place
(:mod:`textbots_tui.config_sources` says how). Nothing is read at import time: the environment and the file
are read when :class:`Settings` is built.

This module loads pydantic and pydantic-settings. The TUI reaches its first screen without them through
:mod:`textbots_tui.quick_settings`, which builds the same values from the same sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from textbots_tui.config_schema import ConfigFile, ProfileConfig, check_config_file, problems
from textbots_tui.config_sources import (
    APP_NAME,
    ENV_VARS,
    FLAGS,
    ConfigError,
    default_config_file,
    default_data_dir,
    env_layer,
    env_value,
    file_layer,
    flag_layer,
    line_of,
)
from textbots_tui.connection import (
    DEFAULT_REGION,
    SIMULATOR_URL,
    Connection,
    derived_login_url,
    resolve_connection,
)

__all__ = [
    "APP_NAME",
    "DEFAULT_REGION",
    "ENV_VARS",
    "FLAGS",
    "SIMULATOR_URL",
    "ConfigError",
    "ConfigFile",
    "Connection",
    "ProfileConfig",
    "Settings",
    "default_config_file",
    "default_data_dir",
    "derived_login_url",
    "line_of",
    "load_settings",
    "resolve_connection",
]


class _FlagSource(PydanticBaseSettingsSource):
    """The keyword arguments given to :class:`Settings` (the command line); ``None`` means "not given"."""

    def __init__(self, settings_cls: type[BaseSettings], init_kwargs: dict[str, Any]) -> None:
        super().__init__(settings_cls)
        self._kwargs = init_kwargs

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Return the value given for one field."""
        return self._kwargs.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        """Return the given values, with where each came from."""
        return flag_layer(self._kwargs)


class _EnvSource(PydanticBaseSettingsSource):
    """The environment variables of :data:`ENV_VARS`; empty values count as unset."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Return the value of the first variable set for one field, and that variable's name."""
        value, name = env_value(field_name)
        return value, name, False

    def __call__(self) -> dict[str, Any]:
        """Return the values set in the environment, with the variable each came from."""
        return env_layer(self.current_state)


class _ConfigFileSource(PydanticBaseSettingsSource):
    """The UI preferences of ``config.toml`` and the values of its chosen profile."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Not used: the whole file is read at once by ``__call__``."""
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        """Read, check against :class:`ConfigFile` and flatten the config file; raise :class:`ConfigError`."""
        return file_layer(self.current_state, check_config_file)


class Settings(BaseSettings):
    """Everything the app starts with, merged from flags, the environment and ``config.toml``.

    Build it with keyword arguments for the command-line flags (``None`` means "not given"); the environment
    and the config file are read then. A broken config file raises :class:`ConfigError`.
    """

    model_config = SettingsConfigDict(frozen=True, extra="forbid")

    profile: str | None = None
    """The config-file profile in use: ``--profile``, else the file's ``default_profile``."""
    region: str | None = None
    """A region such as ``eu-west-1`` or ``eu_west_1``, or a domain such as ``mypurecloud.ie``."""
    api_url: str | None = None
    """An explicit API base URL; beats the region's."""
    login_url: str | None = None
    """An explicit login (OAuth) base URL; beats the region's."""
    client_id: str | None = None
    client_secret: SecretStr | None = None
    access_token: SecretStr | None = None
    """A ready OAuth token, used instead of client credentials or before them."""
    production: bool = False
    """The profile is a production org: the header shows a warning colour."""
    simulator: bool = False
    """Force the built-in simulator whatever else is configured."""
    theme: str | None = None
    """A Textual theme name; ``None`` keeps the app's default."""
    auto_noinput: bool = False
    """Send NoInput by itself when a flow's no-input timeout runs out."""
    keys: dict[str, str] = Field(default_factory=dict)
    """Remapped keys: binding id -> comma-separated keys, for ``App.set_keymap``."""
    config_file: Path = Field(default_factory=default_config_file)
    data_dir: Path = Field(default_factory=default_data_dir)
    origins: dict[str, str] = Field(default_factory=dict, repr=False)
    """Where each value came from (``--region``, ``GENESYSCLOUD_REGION``, ``config.toml:7: ...``)."""

    @property
    def journal_dir(self) -> Path:
        """Where session transcripts are written."""
        return self.data_dir / "journal"

    def origin(self, field: str) -> str:
        """Say where a setting's value came from, for error messages."""
        return self.origins.get(field, field)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags, then our environment variables, then the config file (no dotenv, no secrets dir).

        pydantic-settings' own environment source is left out on purpose: it would read bare names such as
        ``REGION`` or ``THEME`` from the shell.
        """
        kwargs: dict[str, Any] = getattr(init_settings, "init_kwargs", {})
        return _FlagSource(settings_cls, kwargs), _EnvSource(settings_cls), _ConfigFileSource(settings_cls)


def load_settings(**flags: Any) -> Settings:
    """Build :class:`Settings` from command-line values; every problem comes out as :class:`ConfigError`."""
    try:
        return Settings(**flags)
    except ValidationError as exc:
        field, problem = problems(exc, flags, Settings)[0]
        raise ConfigError(f"{FLAGS.get(field[0], field[0])}: {problem}", field=field[0]) from None
