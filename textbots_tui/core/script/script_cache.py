"""Valid scripts kept on disk between runs, read back without YAML (one file per script text and code).

Reading a script means importing PyYAML, composing the nodes that give every problem its line and validating
the scenarios' pydantic models: a noticeable share of a one-script ``textbots-tui run``. What comes out
depends only on the file's text, the name it is reported under and the code that reads it, so the scenarios
of a valid script are pickled under a name made from these: an edited script, another path or changed code
is another name. Only valid scripts are kept: a script with problems is read as before, with the same
messages.

The cache is a convenience, never a source of errors: a file that is missing, unreadable, not ours, writable
by others or not what it should be is ignored (the script is read as before), and a cache that cannot be
written is left unwritten. Files are owner-only (folder ``0700``, file ``0600``) and loaded only when owned
by the user and writable by nobody else, since unpickling runs code. Files unused for ``STALE_DAYS`` are
removed when a new one is written.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import time
from functools import cache
from pathlib import Path
from typing import TypeVar

__all__ = ["STALE_DAYS", "cache_file", "load_scenarios", "save_scenarios"]

T = TypeVar("T")

STALE_DAYS = 30
_PREFIX = "script-"
_PACKAGE = Path(__file__).resolve().parents[2]  # textbots_tui


@cache
def _code_version() -> str:
    """A digest of the code that reads a script and of what its results are made of: Python, pydantic and
    every module of ``core`` (name, size and modification time: no file is read), and the YAML reader."""
    import pydantic

    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}".encode())
    for path in [*sorted((_PACKAGE / "core").rglob("*.py")), _PACKAGE / "marked_yaml.py"]:
        info = path.stat()
        digest.update(f"|{path}|{info.st_size}|{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def cache_file(directory: Path, text: str, file: str) -> Path:
    """Where the scenarios read from ``text`` (the content of ``file``) are kept."""
    digest = hashlib.sha256(f"{_code_version()}|{file}|".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return directory / f"{_PREFIX}{digest.hexdigest()[:32]}.pickle"


def _trusted(path: Path) -> bool:
    """Whether ``path`` is a plain file of this user that nobody else may write."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def load_scenarios(directory: Path, text: str, file: str, kind: type[T]) -> list[T] | None:
    """The scenarios (each a ``kind``) kept for this text of ``file``, if a trusted cache file holds them;
    else None."""
    path = cache_file(directory, text, file)
    if not _trusted(path):
        return None
    try:
        with path.open("rb") as handle:
            scenarios = pickle.load(handle)
    except Exception:  # any broken cache (truncated, written by other code) is only a miss
        return None
    if not isinstance(scenarios, list) or not scenarios or not all(isinstance(s, kind) for s in scenarios):
        return None
    path.touch(exist_ok=True)  # used: not stale
    return scenarios


def save_scenarios(scenarios: list[T], directory: Path, text: str, file: str) -> None:
    """Keep the valid ``scenarios`` read from ``text`` (the content of ``file``) for later runs, removing
    files unused for ``STALE_DAYS``; a folder that cannot be written is left as it is."""
    import tempfile  # only a run that read a script the slow way writes it

    target = cache_file(directory, text, file)
    try:
        missing = [folder for folder in (directory, *directory.parents) if not folder.exists()]
        for folder in reversed(missing):  # owner-only, as every folder the app makes
            folder.mkdir(mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".script-", suffix=".tmp")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(scenarios, out, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(target)  # whole or not at all, also with two processes at once
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        oldest = time.time() - STALE_DAYS * 86400
        for old in directory.glob(f"{_PREFIX}*.pickle"):
            if old != target and old.stat().st_mtime < oldest:
                old.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written is only a miss next time
        return
