"""Valid scripts kept on disk between runs, read back without YAML (one file per script text and code).

Reading a script means importing PyYAML, composing the nodes that give every problem its line and validating
the scenarios' pydantic models: a noticeable share of a one-script ``textbots-tui run``. What comes out
depends only on the file's text, the name it is reported under and the code that reads it, so the scenarios
of a valid script are pickled under a name made from these: an edited script, another path or changed code
is another name. Only valid scripts are kept: a script with problems is read as before, with the same
messages.

The cache is a convenience, never a source of errors: a file that is missing, broken, not trusted or not
scenarios is ignored (the script is read as before), and one that cannot be written is left unwritten (the
rules of :mod:`textbots_tui.pickle_cache`). Files unused for ``STALE_DAYS`` are removed when a new one is
written.
"""

from __future__ import annotations

import hashlib
import sys
import time
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import TypeVar

from textbots_tui import pickle_cache

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


def load_scenarios(directory: Path, text: str, file: str, kind: type[T]) -> list[T] | None:
    """The scenarios (each a ``kind``) kept for this text of ``file``, if a trusted cache file holds them;
    else None."""
    path = cache_file(directory, text, file)
    scenarios = pickle_cache.load(path, list)
    if not scenarios or not all(isinstance(s, kind) for s in scenarios):
        return None
    with suppress(OSError):
        path.touch()  # used: not stale
    return scenarios


def save_scenarios(scenarios: list[T], directory: Path, text: str, file: str) -> None:
    """Keep the valid ``scenarios`` read from ``text`` (the content of ``file``) for later runs, removing
    files unused for ``STALE_DAYS``; a folder that cannot be written is left as it is."""
    oldest = time.time() - STALE_DAYS * 86400
    pickle_cache.save(
        scenarios, cache_file(directory, text, file), _PREFIX, stale=lambda old: old.stat().st_mtime < oldest
    )
