"""Turn a resolved :class:`~textbots_tui.config.Connection` into a ready API client.

The built-in simulator is reached in-process through ``httpx.ASGITransport``: no socket, no port, and the
client cannot tell it from a real org. Everything heavy is imported inside :func:`build_client`, so importing
this module costs nothing on the way to the first screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

    from textbots_tui.api.client import TextbotsClient
    from textbots_tui.api.exchange import Exchange
    from textbots_tui.config import Connection
    from textbots_tui.simulator import SimulatorSettings

__all__ = ["build_client", "simulator_transport"]


def simulator_transport(settings: SimulatorSettings | None = None) -> httpx.AsyncBaseTransport:
    """An in-process transport to a fresh simulator app (its own sessions, tokens and flows)."""
    import httpx

    from textbots_tui.simulator import create_app

    return httpx.ASGITransport(app=create_app(settings))


def build_client(
    conn: Connection,
    *,
    on_exchange: Callable[[Exchange], None] | None = None,
    simulator_settings: SimulatorSettings | None = None,
) -> TextbotsClient:
    """Build the client for ``conn``: the in-process simulator when ``conn.simulator``, else the org's URLs.

    ``on_exchange`` is called once per HTTP attempt (token requests included) with its redacted record.
    ``simulator_settings`` tunes the in-process simulator (latency, faults, extra flows); it is ignored for a
    real org. The caller owns the client: use it as an async context manager or ``aclose()`` it.
    """
    from textbots_tui.api.client import TextbotsClient

    return TextbotsClient(
        api_url=conn.api_url,
        login_url=conn.login_url,
        client_id=conn.client_id,
        client_secret=conn.client_secret,
        access_token=conn.access_token,
        transport=simulator_transport(simulator_settings) if conn.simulator else None,
        on_exchange=on_exchange,
    )
