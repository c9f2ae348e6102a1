"""What the user chose in the app itself and expects to find again next time: the theme, and whether the
history lists every target's sessions.

One small JSON file under the data dir, next to the remembered dialog values. Like those, it is a convenience:
a missing, corrupt or unwritable file only means the app starts with its configured defaults.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Final

from textbots_tui.ui.state_files import write_atomically

__all__ = ["PREFERENCES_FILE_NAME", "Preferences"]

PREFERENCES_FILE_NAME: Final = "preferences.json"
"""The file name the app uses under its data dir."""

_log = logging.getLogger(__name__)


class Preferences:
    """Choices made in the app (the theme picked in the command palette, the history's all-targets switch),
    saved to ``path`` on change. They win over the config file's defaults."""

    def __init__(self, path: Path | None) -> None:
        """Use ``path`` for storage; ``None`` remembers nothing (tests, runs without a data dir)."""
        self._path = path

    def theme(self) -> str | None:
        """The theme last chosen in the app, if any."""
        value = self._read().get("theme")
        return value if isinstance(value, str) and value else None

    def remember_theme(self, name: str) -> None:
        """Keep ``name`` as the theme to start with next time."""
        document = self._read()
        if document.get("theme") == name:
            return
        document["theme"] = name
        self._write(document)

    def history_all_targets(self) -> bool | None:
        """Whether the history listed every target's sessions when last switched in the app, if ever."""
        value = self._read().get("history_all_targets")
        return value if isinstance(value, bool) else None

    def remember_history_all_targets(self, shown: bool) -> None:
        """Keep the history's all-targets switch for next time."""
        document = self._read()
        if document.get("history_all_targets") is not shown:
            document["history_all_targets"] = shown
            self._write(document)

    def _read(self) -> dict[str, Any]:
        if self._path is None:
            return {}
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            _log.warning("cannot read preferences from %s: %s", self._path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, document: dict[str, Any]) -> None:
        if self._path is None:
            return
        try:
            write_atomically(self._path, json.dumps(document, indent=2))
        except OSError as exc:
            _log.warning("cannot save preferences to %s: %s", self._path, exc)
