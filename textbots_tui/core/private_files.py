"""Files only their owner may read: journals (whole transcripts, customer data in input variables, HTTP
exchanges), exports and remembered values are created ``0600`` in folders created ``0700``.

The permissions are asked for at creation (``os.open``'s mode, ``mkdir``'s mode), so there is no moment when
another user could open the file. Folders that exist already are left as they are: they may be shared on
purpose (an export folder, a data dir chosen by the user). On Windows the modes mean little; nothing fails.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PRIVATE_DIR_MODE", "PRIVATE_FILE_MODE", "private_dir", "private_opener"]

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents owner-only (``0700``); existing folders are left alone."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        # exist_ok: another process may create it at the same moment.
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    if not missing and not path.is_dir():
        path.mkdir(mode=PRIVATE_DIR_MODE)  # raises FileExistsError for a file in the way


def private_opener(path: str, flags: int) -> int:
    """An ``opener`` for ``open()`` / ``FileIO``: a file it creates is owner-only (``0600``)."""
    return os.open(path, flags, PRIVATE_FILE_MODE)
