"""History retention: journal files older than a number of days, or past a total size, are deleted.

The oldest go first (file names start with the creation time). A file that cannot be deleted is left and
counted; nothing else is touched (only ``*.jsonl`` files directly in the folder).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_KEEP_DAYS = 30
"""How long sessions stay in the history by default."""
DEFAULT_KEEP_MB = 200
"""How much history is kept by default (all journal files together)."""


@dataclass(frozen=True, slots=True)
class Pruned:
    """What :func:`prune_journal` did."""

    deleted: int = 0
    freed_bytes: int = 0
    failed: int = 0


def prune_journal(
    directory: Path, *, keep_days: float, keep_bytes: int, now: datetime | None = None
) -> Pruned:
    """Delete the journal files of ``directory`` older than ``keep_days``, then the oldest until the rest fit
    in ``keep_bytes``. ``keep_days`` or ``keep_bytes`` at 0 or below switch that limit off."""
    if not directory.is_dir():
        return Pruned()
    files: list[tuple[float, int, Path]] = []
    for path in directory.glob("*.jsonl"):
        try:
            stat = path.stat()
        except OSError:
            continue
        files.append((stat.st_mtime, stat.st_size, path))
    files.sort(key=lambda item: (item[2].name, item[0]))  # names start with the creation time
    cutoff = ((now or datetime.now(UTC)) - timedelta(days=keep_days)).timestamp() if keep_days > 0 else None
    total = sum(size for _, size, _ in files)
    deleted = freed = failed = 0
    for modified, size, path in files:
        too_old = cutoff is not None and modified < cutoff
        too_big = keep_bytes > 0 and total > keep_bytes
        if not (too_old or too_big):
            continue
        try:
            path.unlink()
        except OSError as error:
            log.warning("cannot delete %s: %s", path, error)
            failed += 1
            continue
        deleted += 1
        freed += size
        total -= size
    return Pruned(deleted, freed, failed)
