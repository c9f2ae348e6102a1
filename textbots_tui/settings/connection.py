"""Where to connect: the :class:`~textbots_tui.core.connection.Connection` that settings resolve to, and the
API client built from it.

The built-in simulator is reached in-process through ``httpx.ASGITransport``: no socket, no port, and the
client cannot tell it from a real org. Everything heavy (httpx, pydantic, the simulator) is imported inside
:func:`build_client`, so resolving a connection costs nothing on the way to the first screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textbots_tui.api.text import redact_url
from textbots_tui.core.connection import Connection
from textbots_tui.settings.config_file import ConfigError
from textbots_tui.settings.fields import FLAGS, LOCATION, Settings

if TYPE_CHECKING:
    import httpx

    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.api.exchange import Exchange
    from textbots_tui.api.regions import Region
    from textbots_tui.settings.checked import SettingsModel
    from textbots_tui.simulator import SimulatorSettings

__all__ = ["DEFAULT_REGION", "build_client", "resolve_connection", "simulator_transport"]

DEFAULT_REGION = "us-east-1"
"""The region used when credentials come without a region or URL (the Genesys SDKs' default)."""


# A host name (letters and digits of any script, dots, dashes, underscores) or a bracketed IPv6 address.
_HOST = re.compile(r"[\w.-]+|\[[0-9A-Fa-f:.]+(?:%[\w.-]+)?\]")


def _checked_url(value: str, origin: str) -> str:
    """Return an http(s) base URL without its trailing slash, or raise :class:`ConfigError`.

    Checked here, once, whatever the URL came from (a flag, the environment, the config file): a port out
    of range or a malformed host would otherwise fail deep in the socket layer, at the first request.
    """
    text = value.strip()
    shown = repr(redact_url(text))
    try:
        parts = urlsplit(text)
        port = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError as exc:
        raise ConfigError(f"{origin}: {shown} is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{origin}: {shown} is not an http:// or https:// URL")
    host = parts.netloc.rpartition("@")[2]
    host = host.rsplit(":", 1)[0] if not host.endswith("]") and ":" in host else host
    if not host or not _HOST.fullmatch(host):
        raise ConfigError(f"{origin}: {shown} has no valid host name")
    if port == 0:
        raise ConfigError(f"{origin}: {shown}: port 0 cannot be connected to (1 to 65535)")
    return text.rstrip("/")


def resolve_connection(settings: Settings | SettingsModel) -> Connection:
    """Decide where to connect (the simulator, a region or explicit URLs) and with which credentials.

    ``--simulator`` forces the simulator. With no credentials anywhere the simulator is used too, unless the
    command line or a chosen profile named a place to connect to: then the missing credentials are an error
    rather than a silent switch to the demo org. Explicit URLs beat the region's. Raises :class:`ConfigError`.
    """
    if not isinstance(settings, Settings):
        from textbots_tui.settings.checked import plain_settings

        settings = plain_settings(settings)
    region = _region(settings.region, settings.origin("region")) if settings.region is not None else None
    if settings.simulator:
        return Connection.simulated()
    if settings.access_token is None and (settings.client_id is None or settings.client_secret is None):
        _check_no_credentials_wanted(settings)
        return Connection.simulated()
    from textbots_tui.api.regions import derive_login_url

    if settings.api_url is not None:
        api_url = _checked_url(settings.api_url, settings.origin("api_url"))
        place = redact_url(api_url)  # shown in the header and the run's Target line
    else:
        region = region or _region(DEFAULT_REGION, "default region")
        api_url, place = region.api_url, region.name
    if settings.login_url is not None:
        login_url = _checked_url(settings.login_url, settings.origin("login_url"))
    else:
        login_url = region.login_url if region is not None else derive_login_url(api_url)
    uses_region = region is not None and (settings.api_url is None or settings.login_url is None)
    from textbots_tui.settings.gc_profile import from_gc_profile

    credentials = settings.origin("access_token" if settings.access_token else "client_id")
    if settings.gc_profile is not None and from_gc_profile(credentials):
        label = f"gc profile {settings.gc_profile} · {place}"
    else:
        label = f"profile {settings.profile} · {place}" if settings.profile else place
    return Connection(
        api_url=api_url,
        login_url=login_url,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        access_token=settings.access_token,
        label=label,
        production=settings.production,
        region=region.name if uses_region and region is not None else None,
        profile=settings.profile,
    )


def _region(value: str, origin: str) -> Region:
    """Resolve a region name or domain, or raise :class:`ConfigError` saying where the bad value came from."""
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
    named = [FLAGS[name] for name in LOCATION if settings.origins.get(name) == FLAGS[name]]
    if named:
        raise ConfigError(
            f"{' and '.join(named)} given but no credentials: set GENESYSCLOUD_OAUTHCLIENT_ID and "
            "GENESYSCLOUD_OAUTHCLIENT_SECRET (or GENESYSCLOUD_ACCESS_TOKEN), or use --profile"
        )


# --- the client --------------------------------------------------------------------------------------------


def simulator_transport(settings: SimulatorSettings | None = None) -> httpx.AsyncBaseTransport:
    """An in-process transport to a fresh simulator app (its own sessions, tokens and flows)."""
    import httpx

    from textbots_tui.simulator import create_app

    return httpx.ASGITransport(app=create_app(settings))


CLIENT_MODULES = ("httpx", "pydantic", "textbots_tui.api.models", "textbots_tui.api.client")
"""What :func:`build_client` imports, in steps of some tens of milliseconds (each with what it imports)."""
SIMULATOR_MODULES = ("starlette.applications", "textbots_tui.simulator")
"""What it adds for the built-in simulator."""


def client_modules(conn: Connection) -> tuple[str, ...]:
    """The modules :func:`build_client` imports for ``conn``, for a caller to import ahead, step by step."""
    return (*CLIENT_MODULES, *SIMULATOR_MODULES) if conn.simulator else CLIENT_MODULES


def build_client(
    conn: Connection,
    *,
    on_exchange: Callable[[Exchange], None] | None = None,
    simulator_settings: SimulatorSettings | None = None,
    deadline_s: float | None = None,
    cache_dir: Path | None = None,
) -> TextbotsClient:
    """Build the client for ``conn``: the in-process simulator when ``conn.simulator``, else the org's URLs.

    ``on_exchange`` is called once per HTTP attempt (token requests included) with its redacted record.
    ``simulator_settings`` tunes the in-process simulator (latency, faults, extra flows); it is ignored for a
    real org. ``deadline_s`` bounds each request in all (``request_deadline``; default: the client's).
    ``cache_dir`` (``Settings.cache_dir``) keeps the simulator's compiled samples for the next process,
    unless ``simulator_settings`` names its own place. The caller owns the client: use it as an async
    context manager or ``aclose()`` it.
    """
    from textbots_tui.api.client import DEFAULT_DEADLINE_S, TextbotsClient

    if conn.simulator and cache_dir is not None:
        from dataclasses import replace

        from textbots_tui.simulator import SimulatorSettings

        tuned = simulator_settings or SimulatorSettings()
        if tuned.samples_cache is None:
            simulator_settings = replace(tuned, samples_cache=cache_dir / "simulator")

    return TextbotsClient(
        api_url=conn.api_url,
        login_url=conn.login_url,
        client_id=conn.client_id,
        client_secret=conn.client_secret,
        access_token=conn.access_token,
        transport=simulator_transport(simulator_settings) if conn.simulator else None,
        on_exchange=on_exchange,
        deadline_s=DEFAULT_DEADLINE_S if deadline_s is None else deadline_s,
    )
