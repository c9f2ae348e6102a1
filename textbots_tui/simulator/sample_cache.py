"""The compiled sample flows and bot, kept on disk between processes (one file per day and code version).

Compiling the samples means reading their YAML, building the file format's pydantic models and validating and
compiling every document: about a sixth of a one-script ``textbots-tui run`` against the simulator, and as
much of the TUI's way to its first bot message. What comes out depends only on the sample files, the code
that compiles and runs them, and the day (relative dates such as ``+1wd`` resolve against it), so it is
pickled under a name made from all of these: a new day, an edited sample or a changed module of the
simulator is a new name, and the old files are removed when the new one is written.

The cache is a convenience, never a source of errors: a file that is missing, unreadable, not ours, writable
by others or stale is ignored (the samples are compiled as before), and a cache that cannot be written is
left unwritten. Files are owner-only (folder ``0700``, file ``0600``) and loaded only when owned by the user
and writable by nobody else, since unpickling runs code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from datetime import date
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_file", "load_samples", "save_samples"]

T = TypeVar("T")

_PACKAGE = Path(__file__).parent
_PREFIX = "samples-"


def _fingerprint(samples_dir: Path, day: date) -> str:
    """A digest of what the compiled samples depend on: the day, Python, the simulator's modules and the
    sample files (each file's name, size and modification time: no file is read)."""
    digest = hashlib.sha256(f"{day.isoformat()}|{sys.implementation.cache_tag}|{sys.version}".encode())
    sources = sorted(_PACKAGE.glob("*.py")) + sorted(p for p in samples_dir.rglob("*") if p.is_file())
    for path in sources:
        info = path.stat()
        digest.update(f"|{path}|{info.st_size}|{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def cache_file(directory: Path, samples_dir: Path, day: date) -> Path:
    """Where the samples compiled on ``day`` from ``samples_dir`` are kept."""
    return directory / f"{_PREFIX}{_fingerprint(samples_dir, day)}.pickle"


def _trusted(path: Path) -> bool:
    """Whether ``path`` is a plain file of this user that nobody else may write."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def load_samples(directory: Path, samples_dir: Path, day: date, kind: type[T]) -> T | None:
    """The samples compiled on ``day`` (a ``kind``: the catalog), if a trusted, current cache file holds
    them; else None."""
    path = cache_file(directory, samples_dir, day)
    if not _trusted(path):
        return None
    try:
        with path.open("rb") as file:
            catalog = pickle.load(file)
    except Exception:  # any broken cache (truncated, written by other code) is only a miss
        return None
    return catalog if isinstance(catalog, kind) else None


def save_samples(catalog: object, directory: Path, samples_dir: Path, day: date) -> None:
    """Keep ``catalog`` (the samples compiled on ``day``) for later processes, replacing older ones; a
    folder that cannot be written is left as it is."""
    import tempfile  # only a process that compiled the samples writes them

    target = cache_file(directory, samples_dir, day)
    try:
        missing = [folder for folder in (directory, *directory.parents) if not folder.exists()]
        for folder in reversed(missing):  # owner-only, as every folder the app makes
            folder.mkdir(mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".samples-", suffix=".tmp")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(catalog, file, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(target)  # whole or not at all, also with two processes at once
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in directory.glob(f"{_PREFIX}*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written is only a miss next time
        return
