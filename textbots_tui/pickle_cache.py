"""Owner-only pickle files kept for later processes: when one may be loaded, and how one is written.

The one home of these rules for the caches of the app (the simulator's compiled samples, valid scripts). A
cache is a convenience, never a source of errors: a file that is missing, unreadable, not ours, writable by
others or not of the expected kind is only a miss, and a file that cannot be written is left unwritten.
Folders are made ``0700`` and files ``0600``; a file is loaded only when it is a plain file owned by the user
that nobody else may write, since unpickling runs code. Only the standard library is used (the simulator
imports this too).
"""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["load", "save", "trusted"]

T = TypeVar("T")


def trusted(path: Path) -> bool:
    """Whether ``path`` is a plain file of this user that nobody else may write."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def load(path: Path, kind: type[T]) -> T | None:
    """What the trusted file ``path`` holds, if it is a ``kind``; else None."""
    if not trusted(path):
        return None
    try:
        with path.open("rb") as file:
            value = pickle.load(file)
    except Exception:  # any broken file (truncated, written by other code) is only a miss
        return None
    return value if isinstance(value, kind) else None


def save(value: object, target: Path, prefix: str, stale: Callable[[Path], bool]) -> None:
    """Write ``value`` to ``target`` (whole or not at all), then remove the other ``<prefix>*.pickle`` files
    of its folder that are ``stale``; a folder that cannot be written is left as it is."""
    import tempfile  # only a process that has something new to keep writes

    directory = target.parent
    try:
        missing = [folder for folder in (directory, *directory.parents) if not folder.exists()]
        for folder in reversed(missing):  # owner-only, as every folder the app makes
            folder.mkdir(mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{prefix}", suffix=".tmp")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(target)  # whole or not at all, also with two processes at once
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in directory.glob(f"{prefix}*.pickle"):
            if old != target and stale(old):
                old.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written is only a miss next time
        return
