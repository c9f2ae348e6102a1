"""Small state files under the data dir (remembered values, preferences): written whole, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from textbots_tui.core.private_files import private_dir


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` aside then rename, so a crash mid-write never leaves half a file behind.

    Raises ``OSError`` like ``Path.write_text``; callers decide whether a failure matters.
    """
    private_dir(path.parent)  # the data dir is owner-only; mkstemp makes the file 0600
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
