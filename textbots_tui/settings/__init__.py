"""Settings: every setting declared once, read from flags, the environment and ``config.toml``.

- :mod:`.fields`: the declaration (:class:`Settings`, one field per setting) and the tables derived from it.
- :mod:`.sources`: the layers, flags > environment > gc CLI profile > ``config.toml`` profile > defaults.
- :mod:`.config_file`: reading a TOML config file, and :class:`ConfigError`.
- :mod:`.gc_profile`: profiles of the Genesys Cloud CLI (``~/.gc/config.toml``, read only).
- :mod:`.quick`: the settings without pydantic, for the TUI's first screen (:func:`read_settings`).
- :mod:`.checked`: the full check with pydantic, the authority on errors (file, line and field).
- :mod:`.connection`: where the settings say to connect, and the API client for it.

Importing this package reads nothing and loads only the standard library.
"""

from textbots_tui.settings.config_file import ConfigError
from textbots_tui.settings.fields import Settings
from textbots_tui.settings.quick import read_settings

__all__ = ["ConfigError", "Settings", "read_settings"]
