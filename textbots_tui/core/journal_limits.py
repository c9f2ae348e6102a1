"""How large a journal file may grow, a rule its writer and its reader share (neither imports the other's
module for it: a run writes a journal without ever reading one)."""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_FILE_BYTES"]

DEFAULT_MAX_FILE_BYTES = 16_000_000
"""No journal file grows past this, and no more than this of one is read back."""
