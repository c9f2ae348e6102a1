"""The transcript journal: every session appended as JSON lines, one file per session.

A file is named ``<created>-<session_id>.jsonl``. Its first line describes the session (kind, launch
parameters, creation time). Every later line is one *step* (format version 3): what happened since the line
before it, written in one system call when the controller is about to wait (before each request goes out,
and when a call returns). A step holds the events the controller emitted (an HTTP exchange is the
``ExchangeRecorded`` event), the turns completed, and where the session stands (``state``: name, state, turn
count), so a sidebar can list a session from its first and last lines alone. Transient state changes
(``SessionChanged``) are not written: the step's ``state`` says where the session stands. Nor is what a
reader derives again: an event's ``session_id`` (the header names it), a flow's bot output items (the turn
response recorded beside them holds them) and the choices a flow offers when it waits
(:class:`~textbots_tui.core.journal_codecs.FromResponse`). A crash therefore loses nothing up to the last
completed turn; a truncated or garbled line is skipped when the journal is read back
(:mod:`textbots_tui.core.journal_read`). Files of format versions 1 (one line per event or turn) and 2
(events written whole) are still read.

A file stops growing at ``max_file_bytes``: a ``note`` line says it was cut off, and the session is no longer
recorded (the conversation goes on).

Secrets never reach it: exchanges are redacted by the API layer before the controller sees them, and launch
parameters hold no credentials. The textbots API's JSON bodies are copied into the line as they came (no
parse, no dump) only when the API layer vouches that redaction would not change them.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime
from io import FileIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textbots_tui.core import codec
from textbots_tui.core.events import Event
from textbots_tui.core.journal_codecs import FromResponse, register_codecs, step_encoder
from textbots_tui.core.journal_limits import DEFAULT_MAX_FILE_BYTES
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionKind
from textbots_tui.core.private_files import private_dir, private_opener
from textbots_tui.core.sessions import Turn
from textbots_tui.lazy_names import names_from

if TYPE_CHECKING:
    from textbots_tui.core.journal_read import (
        HistoryScan,
        JournalEntry,
        JournalSummary,
        read_session_file,
        restore_session,
    )
    from textbots_tui.core.sessions import Session

# The reader's names, also offered here, come from journal_read when first asked for (``__getattr__``): a
# journal that only writes (every `run`) never loads the reader.
_READER_NAMES = ("HistoryScan", "JournalEntry", "JournalSummary", "read_session_file", "restore_session")

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "FORMAT_VERSION",
    "FromResponse",
    "HistoryScan",
    "Journal",
    "JournalEntry",
    "JournalFull",
    "JournalSummary",
    "read_session_file",
    "register_codecs",
    "restore_session",
    "session_state",
]


__getattr__ = names_from(__name__, "textbots_tui.core.journal_read", _READER_NAMES)


FORMAT_VERSION = 3
"""Written in every header line, so a reader can tell the formats apart (1: a line per event or turn; 2:
steps with every event written whole)."""


def _encode_line(record: dict[str, Any]) -> bytes:
    # A lone surrogate (from a JSON escape) can only sit in a JSON string, where backslashreplace writes
    # it as the very same escape.
    return codec.dumps(record).encode("utf-8", "backslashreplace")


class JournalFull(OSError):
    """A session's file reached the size limit: it was cut off (with a note) and records no more."""


def session_state(session: Session) -> dict[str, Any]:
    """Where a session stands, as a step line records it (what the sidebar shows of it)."""
    return {
        "name": session.name,
        "state": session.state.value,
        "turns": len(session.turns),
        "remote_id": session.remote_id,
        "end_reason": session.end_reason,
    }


class Journal:
    """Appends sessions to JSON-lines files under ``directory`` and reads them back.

    Files are opened on demand and at most ``max_open_files`` stay open at once, so a run of hundreds of
    sessions does not exhaust file descriptors. No file grows past ``max_file_bytes``.
    """

    def __init__(
        self,
        directory: Path,
        *,
        max_open_files: int = 32,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        target: dict[str, str] | None = None,
        origin: str = "manual",
    ) -> None:
        """``target`` names the org the sessions talk to (API URL, profile: never a secret) and ``origin``
        says how they were made (``manual`` in the TUI, ``run`` for scripts); both go in each header line."""
        register_codecs()
        self.target = dict(target or {})
        self.origin = origin
        self.directory = Path(directory)
        self.max_file_bytes = max_file_bytes
        self._max_open = max(1, max_open_files)
        encoder = step_encoder()
        self._plain = encoder.plain
        self._encode_step = encoder.encode_plain
        self._paths: dict[str, Path] = {}
        self._sizes: dict[str, int] = {}
        self._cut_off: set[str] = set()
        self._open: OrderedDict[str, FileIO] = OrderedDict()

    def path_for(self, session_id: str) -> Path | None:
        """The file a session is journalled in, if it has one."""
        return self._paths.get(session_id)

    def start_session(
        self,
        session_id: str,
        kind: SessionKind,
        params: FlowLaunchParams | BotParams,
        created_at: datetime,
    ) -> Path:
        """Create the session's file and write its header line."""
        private_dir(self.directory)
        stamp = created_at.strftime("%Y%m%dT%H%M%S") + f".{created_at.microsecond // 1000:03d}Z"
        path = self.directory / f"{stamp}-{session_id}.jsonl"
        self._paths[session_id] = path
        self._sizes[session_id] = 0
        self._write(
            session_id,
            {
                "line": "session",
                "version": FORMAT_VERSION,
                "session_id": session_id,
                "kind": kind,
                "created_at": created_at.isoformat(),
                "params": params,
                "origin": self.origin,
                "target": self.target,
            },
        )
        return path

    def adopt(self, session_id: str, path: Path) -> None:
        """Append later lines of a session read back from ``path`` (a rename of history) to that file."""
        self._paths[session_id] = path
        self._sizes.pop(session_id, None)  # measured when the file is opened

    def append_step(
        self,
        session_id: str,
        step_events: Sequence[Event | FromResponse] = (),
        turns: Sequence[Turn] = (),
        state: dict[str, Any] | None = None,
    ) -> None:
        """Append one step: the events and turns since the last line, and where the session stands
        (``state``: JSON data, as :func:`session_state` makes it)."""
        plain = self._plain
        record: dict[str, Any] = {"line": "step"}
        if step_events:
            record["events"] = [plain(event) for event in step_events]
        if turns:
            record["turns"] = [plain(turn) for turn in turns]
        if state is not None:
            record["state"] = state
        self._write(session_id, record, self._encode_step)

    def append_event(self, event: Event) -> None:
        """Append one event to its session's file (a step of its own)."""
        self.append_step(event.session_id, (event,))

    def append_turn(self, session_id: str, turn: Turn) -> None:
        """Append one completed turn to the session's file (a step of its own)."""
        self.append_step(session_id, (), (turn,))

    def close_session(self, session_id: str) -> None:
        """Close the session's file (a later line reopens it)."""
        handle = self._open.pop(session_id, None)
        if handle is not None:
            handle.close()

    def close(self) -> None:
        """Close every open file."""
        for session_id in list(self._open):
            self.close_session(session_id)

    def _write(
        self, session_id: str, record: dict[str, Any], encode: Callable[[Any], bytes] = _encode_line
    ) -> None:
        if session_id in self._cut_off:
            raise JournalFull(f"the journal file reached its {_megabytes(self.max_file_bytes)} limit")
        handle = self._handle(session_id)
        if handle is None:
            return
        data = encode(record) + b"\n"
        size = self._sizes.get(session_id, 0)
        if size + len(data) > self.max_file_bytes and record.get("line") != "session":
            self._cut(session_id, handle)
        self._sizes[session_id] = size + len(data)
        _write_all(handle, data)

    def _cut(self, session_id: str, handle: FileIO) -> None:
        """Close the file for good with a note saying why; the caller learns it from :class:`JournalFull`."""
        self._cut_off.add(session_id)
        limit = _megabytes(self.max_file_bytes)
        note = {
            "line": "note",
            "note": "cut_off",
            "text": f"this file reached the journal's {limit} limit: "
            "later events of the session were not recorded",
        }
        _write_all(handle, (codec.dumps(note) + "\n").encode("utf-8"))
        self.close_session(session_id)
        raise JournalFull(f"the journal file reached its {limit} limit")

    def _handle(self, session_id: str) -> FileIO | None:
        handle = self._open.get(session_id)
        if handle is not None:
            self._open.move_to_end(session_id)
            return handle
        path = self._paths.get(session_id)
        if path is None:
            return None
        while len(self._open) >= self._max_open:
            _, oldest = self._open.popitem(last=False)
            oldest.close()
        handle = FileIO(path, "a", opener=private_opener)
        self._open[session_id] = handle
        if session_id not in self._sizes:
            self._sizes[session_id] = os.fstat(handle.fileno()).st_size
        return handle

    # Reading back

    def scan(self) -> HistoryScan:
        """What the session list needs of every file under the directory (header and last state), oldest
        first; the events stay on disk until :func:`read_session_file`. Damaged files are counted, skipped."""
        from textbots_tui.core.journal_read import scan_directory

        return scan_directory(self.directory)

    def load(self) -> list[JournalEntry]:
        """Read every session file under the directory whole, oldest first. Unreadable files are skipped."""
        from textbots_tui.core.journal_read import read_session_file

        entries = []
        for summary in self.scan().summaries:
            entry = read_session_file(summary.path, max_bytes=self.max_file_bytes)
            if entry is not None:
                entries.append(entry)
        return entries


def _write_all(handle: FileIO, data: bytes) -> None:
    # Unbuffered: each line goes to the file in one system call, so a crash can only cut that line.
    view = memoryview(data)
    while view:
        written = handle.write(view)
        if not written:
            raise OSError(f"could not write to {handle.name}")
        view = view[written:]


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"
