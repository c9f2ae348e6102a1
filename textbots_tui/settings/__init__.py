"""Settings: every setting declared once, read from flags, the environment and ``config.toml``.

- :mod:`.fields`: the declaration (:class:`Settings`, one field per setting) and the tables derived from it.
- :mod:`.sources`: the layers, flags > environment > ``config.toml`` profile > defaults, and their merge.
- :mod:`.quick`: the settings without pydantic, for the TUI's first screen (:func:`read_settings`).
- :mod:`.checked`: the full check with pydantic, the authority on errors (file, line and field).
- :mod:`.connection`: where the settings say to connect, and the API client for it.

Importing this package reads nothing and loads only the standard library.
"""

from textbots_tui.settings.fields import Settings
from textbots_tui.settings.quick import read_settings
from textbots_tui.settings.sources import ConfigError

__all__ = ["ConfigError", "Settings", "read_settings"]
