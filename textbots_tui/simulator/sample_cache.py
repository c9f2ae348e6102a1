"""The compiled sample flows and bot, kept on disk between processes (one file per day and code version).

Compiling the samples means reading their YAML, building the file format's pydantic models and validating and
compiling every document: about a sixth of a one-script ``textbots-tui run`` against the simulator, and as
much of the TUI's way to its first bot message. What comes out depends only on the sample files, the code
that compiles and runs them, and the day (relative dates such as ``+1wd`` resolve against it), so it is
pickled under a name made from all of these: a new day, an edited sample or a changed module of the
simulator is a new name, and the old files are removed when the new one is written.

The cache is a convenience, never a source of errors: a file that is missing, broken, not trusted or stale
is ignored (the samples are compiled as before), and one that cannot be written is left unwritten (the rules
of :mod:`textbots_tui.pickle_cache`).
"""

from __future__ import annotations

import hashlib
import sys
from datetime import date
from pathlib import Path
from typing import TypeVar

from textbots_tui import pickle_cache

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


def load_samples(directory: Path, samples_dir: Path, day: date, kind: type[T]) -> T | None:
    """The samples compiled on ``day`` (a ``kind``: the catalog), if a trusted, current cache file holds
    them; else None."""
    return pickle_cache.load(cache_file(directory, samples_dir, day), kind)


def save_samples(catalog: object, directory: Path, samples_dir: Path, day: date) -> None:
    """Keep ``catalog`` (the samples compiled on ``day``) for later processes, replacing older ones; a
    folder that cannot be written is left as it is."""
    pickle_cache.save(catalog, cache_file(directory, samples_dir, day), _PREFIX, stale=lambda _old: True)
