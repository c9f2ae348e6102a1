"""Settings from flags, the environment and ``config.toml``, and the connection they resolve to.

Priority, highest first: command-line flags, then the environment, then the chosen profile of the config file,
then defaults. Two groups are taken whole from the highest place that names any part of them, so that parts of
two orgs are never mixed: the *location* (``region``, ``api_url``, ``login_url``: ``--api-url`` on the command
line means the shell's ``GENESYSCLOUD_REGION`` does not pick the login host) and the *credentials*
(``client_id``, ``client_secret``, ``access_token``: an id from the environment is never paired with a secret
from the file). Nothing is read at import time: the environment and the file are read when :class:`Settings`
is built.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

if TYPE_CHECKING:
    from textbots_tui.api.regions import Region

APP_NAME = "textbots-tui"
SIMULATOR_URL = "http://simulator.local"
"""The base URL (API and login) of the in-process simulator; no socket is ever opened for it."""
DEFAULT_REGION = "us-east-1"
"""The region used when credentials come without a region or URL (the Genesys SDKs' default)."""

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

_LOCATION = ("region", "api_url", "login_url")
_CREDENTIALS = ("client_id", "client_secret", "access_token")


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
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    """The root of what the app writes, the journal included (``TEXTBOTS_TUI_DATA_DIR`` overrides it)."""
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

    @classmethod
    def load(cls, path: Path) -> tuple[ConfigFile, str]:
        """Read and check a config file; return it with its text, or raise :class:`ConfigError`."""
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read it: {exc}", path=path) from None
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_LINE.search(str(exc))
            line = int(found.group(1)) if found else None
            raise ConfigError(
                f"{path}{f':{line}' if line else ''}: not valid TOML: {exc}", path=path, line=line
            ) from None
        try:
            return cls.model_validate(data), text
        except ValidationError as exc:
            problems = [
                (line_of(text, field) or 0, field, problem) for field, problem in _problems(exc, data, cls)
            ]
            line, field, problem = min(problems)  # the first in the file, as a reader would meet them
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            where = f"{path}:{line}" if line else str(path)
            raise ConfigError(
                f"{where}: {'.'.join(field)}: {problem}{more}",
                path=path,
                line=line or None,
                field=".".join(field),
            ) from None

    def keymap(self) -> dict[str, str]:
        """The remapped keys as ``App.set_keymap`` takes them."""
        return {key: value if isinstance(value, str) else ",".join(value) for key, value in self.keys.items()}


def _problems(exc: ValidationError, data: Any, top: type[BaseModel]) -> list[tuple[tuple[str, ...], str]]:
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


# --- sources -----------------------------------------------------------------------------------------------


def _drop_shadowed_groups(data: dict[str, Any], higher: dict[str, Any]) -> dict[str, Any]:
    """Leave out the location or credentials of ``data`` when a higher source names any part of them."""
    dropped = {
        name
        for group in (_LOCATION, _CREDENTIALS)
        if any(higher.get(key) is not None for key in group)
        for name in group
    }
    kept = {key: value for key, value in data.items() if key not in dropped}
    kept["origins"] = {key: value for key, value in data.get("origins", {}).items() if key not in dropped}
    return kept


class _FlagSource(PydanticBaseSettingsSource):
    """The keyword arguments given to :class:`Settings` (the command line); ``None`` means "not given"."""

    def __init__(self, settings_cls: type[BaseSettings], init_kwargs: dict[str, Any]) -> None:
        super().__init__(settings_cls)
        self._kwargs = {key: value for key, value in init_kwargs.items() if value is not None}

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Return the value given for one field."""
        return self._kwargs.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        """Return the given values, with where each came from."""
        origins = {name: FLAGS.get(name, name) for name in self._kwargs if name != "origins"}
        return {**self._kwargs, "origins": {**origins, **self._kwargs.get("origins", {})}}


class _EnvSource(PydanticBaseSettingsSource):
    """The environment variables of :data:`ENV_VARS`; empty values count as unset."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Return the value of the first variable set for one field, and that variable's name."""
        for name in ENV_VARS.get(field_name, ()):
            if value := os.environ.get(name, "").strip():
                return value, name, False
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        """Return the values set in the environment, with the variable each came from."""
        data: dict[str, Any] = {"origins": {}}
        for field_name in ENV_VARS:
            value, name, _ = self.get_field_value(self.settings_cls.model_fields[field_name], field_name)
            if value is not None:
                data[field_name] = value
                data["origins"][field_name] = name
        return _drop_shadowed_groups(data, self.current_state)


class _ConfigFileSource(PydanticBaseSettingsSource):
    """The UI preferences of ``config.toml`` and the values of its chosen profile."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """Not used: the whole file is read at once by ``__call__``."""
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        """Read, check and flatten the config file; raise :class:`ConfigError` if it is wrong."""
        path = Path(self.current_state.get("config_file") or default_config_file()).expanduser()
        wanted = self.current_state.get("profile")
        if not path.is_file():
            if wanted is not None:
                raise ConfigError(
                    f"{path}: no such file, so no profile {wanted!r}", path=path, field="profile"
                )
            return {}
        config, text = ConfigFile.load(path)
        data: dict[str, Any] = {"auto_noinput": config.auto_noinput, "keys": config.keymap()}
        if config.theme is not None:
            data["theme"] = config.theme
        name = wanted or config.default_profile
        if name is None:
            return data
        if name not in config.profiles:
            known = ", ".join(sorted(config.profiles)) or "none"
            line = None if wanted else line_of(text, ("default_profile",))
            where = "" if wanted else f"{f':{line}' if line else ''}: default_profile"
            raise ConfigError(
                f"{path}{where}: no profile {name!r} (profiles: {known})",
                path=path,
                line=line,
                field="profile",
            )
        values = config.profiles[name].model_dump(exclude_none=True)
        origins = {}
        for key in values:
            line = line_of(text, ("profiles", name, key))
            origins[key] = f"{path}{f':{line}' if line else ''}: profiles.{name}.{key}"
        data.update(values, profile=name, origins=origins)
        return _drop_shadowed_groups(data, self.current_state)


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
        field, problem = _problems(exc, flags, Settings)[0]
        raise ConfigError(f"{FLAGS.get(field[0], field[0])}: {problem}", field=field[0]) from None


# --- connection --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Connection:
    """Where and how to reach an org (or the built-in simulator), as the client and the header need it."""

    api_url: str
    login_url: str
    client_id: str | None = None
    client_secret: SecretStr | None = None
    access_token: SecretStr | None = None
    simulator: bool = False
    label: str = ""
    """What the header shows: ``simulator · demo org``, ``profile dev · eu-west-1``, ``https://api.example``."""
    production: bool = False
    region: str | None = None
    profile: str | None = None

    @classmethod
    def simulated(cls) -> Connection:
        """The built-in simulator's demo org, reached in-process (it accepts any client id and secret)."""
        return cls(
            api_url=SIMULATOR_URL,
            login_url=SIMULATOR_URL,
            client_id="demo",
            client_secret=SecretStr("demo"),
            simulator=True,
            label="simulator · demo org",
        )


def _checked_url(value: str, origin: str) -> str:
    """Return an http(s) base URL without its trailing slash, or raise :class:`ConfigError`."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{origin}: {value!r} is not an http:// or https:// URL")
    return value.strip().rstrip("/")


def derived_login_url(api_url: str) -> str:
    """The login host as the Genesys SDKs derive it (``//api.`` -> ``//login.``), else the API host itself."""
    return re.sub(r"//api\.", "//login.", api_url, count=1)


def resolve_connection(settings: Settings) -> Connection:
    """Decide where to connect (the simulator, a region or explicit URLs) and with which credentials.

    ``--simulator`` forces the simulator. With no credentials anywhere the simulator is used too, unless the
    command line or a chosen profile named a place to connect to: then the missing credentials are an error
    rather than a silent switch to the demo org. Explicit URLs beat the region's. Raises :class:`ConfigError`.
    """
    region = _region(settings.region, settings.origin("region")) if settings.region is not None else None
    if settings.simulator:
        return Connection.simulated()
    if settings.access_token is None and (settings.client_id is None or settings.client_secret is None):
        _check_no_credentials_wanted(settings)
        return Connection.simulated()
    if settings.api_url is not None:
        api_url = _checked_url(settings.api_url, settings.origin("api_url"))
        place = api_url
    else:
        region = region or _region(DEFAULT_REGION, "default region")
        api_url, place = region.api_url, region.name
    if settings.login_url is not None:
        login_url = _checked_url(settings.login_url, settings.origin("login_url"))
    else:
        login_url = region.login_url if region is not None else derived_login_url(api_url)
    uses_region = region is not None and (settings.api_url is None or settings.login_url is None)
    return Connection(
        api_url=api_url,
        login_url=login_url,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        access_token=settings.access_token,
        label=f"profile {settings.profile} · {place}" if settings.profile else place,
        production=settings.production,
        region=region.name if uses_region and region is not None else None,
        profile=settings.profile,
    )


def _region(value: str, origin: str) -> Region:
    """Resolve a region name or domain, or raise :class:`ConfigError` saying where the bad value came from."""
    # Imported here: opening the simulator does not need the api package, and start-up time matters.
    from textbots_tui.api.regions import resolve_region

    try:
        return resolve_region(value)
    except ValueError as exc:
        raise ConfigError(f"{origin}: {exc}", field="region") from None


def _check_no_credentials_wanted(settings: Settings) -> None:
    """Raise :class:`ConfigError` when credentials are missing although the user asked for a real org."""
    if (settings.client_id is None) != (settings.client_secret is None):
        given, missing = (
            ("client_id", "client secret") if settings.client_id else ("client_secret", "client id")
        )
        raise ConfigError(f"{settings.origin(given)} is set but no {missing} is", field=given)
    if settings.profile is not None:
        raise ConfigError(
            f"{settings.config_file}: profile {settings.profile!r} has no credentials "
            "(client_id and client_secret, or access_token)",
            path=settings.config_file,
            field="profile",
        )
    named = [FLAGS[name] for name in _LOCATION if settings.origins.get(name) == FLAGS[name]]
    if named:
        raise ConfigError(
            f"{' and '.join(named)} given but no credentials: set GENESYSCLOUD_OAUTHCLIENT_ID and "
            "GENESYSCLOUD_OAUTHCLIENT_SECRET (or GENESYSCLOUD_ACCESS_TOKEN), or use --profile"
        )
