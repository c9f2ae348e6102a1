"""The org a session talks to: :class:`Connection`, as the client and the header need it.

Settings resolve to a connection (:func:`textbots_tui.settings.connection.resolve_connection`); the UI only
shows it. It lives here, below both, so that neither has to import the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SIMULATOR_URL", "Connection"]

SIMULATOR_URL = "http://simulator.local"
"""The base URL (API and login) of the in-process simulator; no socket is ever opened for it."""


@dataclass(frozen=True, slots=True)
class Connection:
    """Where and how to reach an org (or the built-in simulator), as the client and the header need it.

    The secrets are plain strings, as the client takes them; they are left out of ``repr`` so a connection can
    be shown or logged.
    """

    api_url: str
    login_url: str
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    access_token: str | None = field(default=None, repr=False)
    simulator: bool = False
    label: str = ""
    """What the header shows: ``simulator · demo org``, ``profile dev · eu-west-1``, ``https://api.example``."""
    production: bool = False
    region: str | None = None
    profile: str | None = None

    def target(self) -> dict[str, str]:
        """Which org this is, for the journal: the API URL and the profile (never a credential)."""
        target = {"api_url": "simulator" if self.simulator else self.api_url}
        if self.profile:
            target["profile"] = self.profile
        return target

    @classmethod
    def simulated(cls) -> Connection:
        """The built-in simulator's demo org, reached in-process (it accepts any client id and secret)."""
        return cls(
            api_url=SIMULATOR_URL,
            login_url=SIMULATOR_URL,
            client_id="demo",
            client_secret="demo",
            simulator=True,
            label="simulator · demo org",
        )
