"""Shared by every test: a test never sees the developer's credentials, config file or data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

_HOST_SETTINGS = (
    "GENESYSCLOUD_OAUTHCLIENT_ID",
    "GENESYSCLOUD_OAUTHCLIENT_SECRET",
    "GENESYSCLOUD_REGION",
    "GENESYSCLOUD_ACCESS_TOKEN",
    "GENESYS_CLOUD_CLIENT_ID",
    "GENESYS_CLOUD_CLIENT_SECRET",
    "GENESYS_CLOUD_REGION",
    "GENESYS_CLOUD_ENVIRONMENT",
)


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No real org is reachable by accident, and nothing is read from or written to the user's dirs."""
    for name in _HOST_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("textbots-home")
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(Path(home, "config.toml")))
    monkeypatch.setenv("TEXTBOTS_TUI_DATA_DIR", str(Path(home, "data")))
