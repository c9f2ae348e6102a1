"""Find one journalled session from what a user types: a journal file, or a session id (or its start).

Used by the commands that take a ``SESSION`` argument (``export``, ``replay``), so they accept the same things
and fail with the same one-line messages.
"""

from __future__ import annotations

from pathlib import Path

from textbots_tui.core.journal import JournalEntry, read_session_file

__all__ = ["SessionLookupError", "find_session"]


class SessionLookupError(ValueError):
    """No session, or more than one, matches what was given. The message is one line for the user."""


def find_session(ref: str, journal_dir: Path) -> JournalEntry:
    """The session ``ref`` names: a journal file (``*.jsonl``), or a session id or an unambiguous start of
    one, looked up among the files of ``journal_dir`` (named ``<time>-<session id>.jsonl``)."""
    path = Path(ref).expanduser()
    if path.suffix == ".jsonl" or path.is_file():
        return _read(path)
    wanted = ref.strip()
    if not wanted:
        raise SessionLookupError("no session given: pass a journal file or a session id")
    # Sessions of the TUI, then those of ``textbots-tui run`` (journalled apart, in ``runs``).
    files = [*sorted(journal_dir.glob("*.jsonl")), *sorted(journal_dir.glob("runs/*.jsonl"))]
    matches = [f for f in files if _session_id(f).startswith(wanted) or f.stem == wanted]
    exact = [f for f in matches if _session_id(f) == wanted or f.stem == wanted]
    chosen = exact or matches
    if not chosen:
        raise SessionLookupError(f"{ref}: no such journal file, and no session with this id in {journal_dir}")
    if len(chosen) > 1:
        shown = ", ".join(_session_id(f) for f in chosen[:5])
        raise SessionLookupError(f"{ref}: matches {len(chosen)} sessions ({shown}); give more of the id")
    return _read(chosen[0])


def _session_id(path: Path) -> str:
    # "<yyyymmddThhmmss.mmmZ>-<session id>": the id is everything after the first dash.
    _, _, session_id = path.stem.partition("-")
    return session_id


def _read(path: Path) -> JournalEntry:
    try:
        entry = read_session_file(path)
    except FileNotFoundError:
        raise SessionLookupError(f"{path}: no such journal file") from None
    except (OSError, UnicodeError) as exc:
        raise SessionLookupError(f"{path}: cannot be read ({exc})") from None
    if entry is None:
        raise SessionLookupError(f"{path}: not a session journal (no session header line)")
    return entry
