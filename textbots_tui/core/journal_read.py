"""Reading the journal back: a cheap scan for the session list, and one session's events when it is opened.

:func:`scan_directory` reads of each file only its header line and its last lines (where the latest step says
the session's name, state and turn count), so the history appears at once however long the sessions were.
:func:`read_session_file` reads one session whole, up to a size limit, when it is opened. Memory stays bounded
either way: a header or a line past its limit is not read into memory.

Damage costs only itself: a file whose header is unreadable (cut, no ``session_id``, parameters of the wrong
shape) is skipped and counted, and so is a line that cannot be read (cut by a crash, garbled, or nested deeper
than Python's recursion limit). Every format is read: version 3 (a step per line, leaving out what the
reader derives again), version 2 (a step per line, events whole) and version 1 (a line per event or turn).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from textbots_tui.core import codec
from textbots_tui.core.events import Event
from textbots_tui.core.journal_codecs import register_codecs
from textbots_tui.core.journal_limits import DEFAULT_MAX_FILE_BYTES
from textbots_tui.core.journal_steps import StepReader
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionInfo, SessionKind, SessionState
from textbots_tui.core.sessions import Session, Turn, default_name
from textbots_tui.core.targets import recorded_target

log = logging.getLogger(__name__)

MAX_HEADER_BYTES = 1_000_000
"""A header line longer than this is damage (launch parameters are small)."""
TAIL_BYTES = 64 * 1024
"""How much of a file's end the scan reads first to find the latest state (doubled while not found)."""
MAX_TAIL_BYTES = 4 * 1024 * 1024
"""The most of a file's end the scan reads; past it the session is listed from its header alone."""

_READ_ERRORS = (ValueError, KeyError, TypeError, AttributeError, RecursionError, UnicodeDecodeError)
"""What a damaged line or header raises while it is parsed and decoded."""


@dataclass(frozen=True, slots=True)
class JournalSummary:
    """One session as the session list shows it, read from its file's first and last lines."""

    path: Path
    info: SessionInfo
    params: FlowLaunchParams | BotParams
    origin: str = "manual"
    """How the session was made: ``manual`` (the TUI) or ``run`` (a script)."""

    @property
    def session_id(self) -> str:
        """The session's local id."""
        return self.info.session_id


@dataclass(frozen=True, slots=True)
class HistoryScan:
    """Every readable session of a journal directory, oldest first, and how many files were skipped."""

    summaries: tuple[JournalSummary, ...] = ()
    skipped_files: tuple[Path, ...] = ()
    """Files with an unreadable header: damaged, or not a journal."""


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One session read back from its journal file."""

    path: Path
    session_id: str
    kind: SessionKind
    params: FlowLaunchParams | BotParams
    created_at: datetime
    events: tuple[Event, ...] = ()
    turns: tuple[Turn, ...] = ()
    skipped_lines: int = 0
    """Lines that could not be read (a truncated last line after a crash, or damage)."""
    state: dict[str, Any] | None = None
    """The latest step's ``state`` (version 2): name, state, turn count, remote id, end reason."""
    cut_off: bool = False
    """The file was cut off at the size limit (when written, or when read back): later events are missing."""
    notes: tuple[str, ...] = field(default=())
    """What ``note`` lines in the file say (a cut-off)."""
    target: dict[str, str] | None = None
    """The org the session talked to (API URL, profile), or ``None`` when the journal predates targets."""


@dataclass(slots=True)
class _Header:
    session_id: str
    kind: SessionKind
    params: FlowLaunchParams | BotParams
    created_at: datetime
    target: dict[str, str] | None = None
    origin: str = "manual"


def _parse_header(raw: bytes) -> _Header:
    """The header line, checked: raises one of ``_READ_ERRORS`` when it is not a usable header."""
    record = json.loads(raw)
    if not isinstance(record, dict) or record.get("line") != "session":
        raise ValueError("the first line is not a session header")
    session_id = record.get("session_id")
    if not isinstance(session_id, str) or not session_id:
        raise ValueError("the header has no session_id")
    decoded = codec.decode(record.get("params"), FlowLaunchParams | BotParams)
    if not isinstance(decoded, FlowLaunchParams | BotParams):
        raise ValueError("the header's params are not launch or bot parameters")
    created_at = datetime.fromisoformat(record["created_at"])
    kind: SessionKind = "bot" if isinstance(decoded, BotParams) else "flow"
    origin = record.get("origin")
    origin = origin if isinstance(origin, str) and origin else "manual"
    return _Header(session_id, kind, decoded, created_at, recorded_target(record.get("target")), origin)


def _read_header(handle: IO[bytes]) -> tuple[_Header, int]:
    """The header and the offset where the next line starts."""
    raw = handle.readline(MAX_HEADER_BYTES + 1)
    if not raw.endswith(b"\n") and len(raw) > MAX_HEADER_BYTES:
        raise ValueError("the header line is too long")
    return _parse_header(raw), len(raw)


# The scan: header and last state only.


def scan_directory(directory: Path) -> HistoryScan:
    """Summarise every ``*.jsonl`` file of ``directory``, oldest first (file names start with the time)."""
    register_codecs()
    if not directory.is_dir():
        return HistoryScan()
    summaries = []
    skipped = []
    for path in sorted(directory.glob("*.jsonl")):
        try:
            summaries.append(read_summary(path))
        except (OSError, *_READ_ERRORS) as exc:
            log.warning("skipping journal file %s: %s", path, exc)
            skipped.append(path)
    return HistoryScan(tuple(summaries), tuple(skipped))


def read_summary(path: Path) -> JournalSummary:
    """One file's header and latest state; raises ``OSError`` or a parse error when the header is damaged."""
    register_codecs()
    with path.open("rb") as handle:
        header, body_start = _read_header(handle)
        size = os.fstat(handle.fileno()).st_size
        state = _last_state(handle, body_start, size)
    info = SessionInfo(
        session_id=header.session_id,
        kind=header.kind,
        name=default_name(header.params),
        state=SessionState.CLOSED,
        turn_count=0,
        created_at=header.created_at,
        read_only=True,
        org_target=header.target,
    )
    if state is not None:
        info = _apply_state(info, state)
    return JournalSummary(path, info, header.params, header.origin)


def _last_state(handle: IO[bytes], body_start: int, size: int) -> dict[str, Any] | None:
    """The latest state in the file's last lines, reading more of its end while none is found."""
    window = TAIL_BYTES
    while True:
        start = max(body_start, size - window)
        handle.seek(start)
        chunk = handle.read(size - start)
        lines = chunk.split(b"\n")
        if start > body_start:
            lines = lines[1:]  # the first piece may be the end of a longer line
        for raw in reversed(lines):
            state = _state_in(raw)
            if state is not None:
                return state
        if start == body_start or window >= MAX_TAIL_BYTES:
            return None
        window *= 4


def _state_in(raw: bytes) -> dict[str, Any] | None:
    """The state a line records: a step's ``state``, or the info of a version 1 ``SessionChanged``."""
    if b'"state"' not in raw:
        return None
    try:
        record = json.loads(raw)
        if record.get("line") == "step":
            state = record.get("state")
            return state if isinstance(state, dict) else None
        if record.get("line") == "event":
            event = record["event"]
            if event.get(codec.TYPE_KEY) in ("SessionChanged", "SessionCreated"):
                info = event["info"]
                return {
                    "name": info["name"],
                    "state": info["state"],
                    "turns": info["turn_count"],
                    "remote_id": info.get("remote_id"),
                    "end_reason": info.get("end_reason"),
                }
    except _READ_ERRORS:
        return None
    return None


def _apply_state(info: SessionInfo, state: dict[str, Any]) -> SessionInfo:
    """``info`` with what a recorded state says (values of the wrong type are left out)."""
    name = state.get("name")
    turns = state.get("turns")
    remote_id = state.get("remote_id")
    end_reason = state.get("end_reason")
    try:
        session_state = SessionState(str(state.get("state")))
    except ValueError:
        session_state = info.state
    return SessionInfo(
        session_id=info.session_id,
        kind=info.kind,
        name=name if isinstance(name, str) and name.strip() else info.name,
        state=session_state,
        turn_count=turns if isinstance(turns, int) else info.turn_count,
        created_at=info.created_at,
        remote_id=remote_id if isinstance(remote_id, str) else None,
        end_reason=end_reason if isinstance(end_reason, str) else None,
        read_only=True,
        org_target=info.org_target,
    )


# One session whole.


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """``(number, line)`` for each line after the header, up to ``max_bytes`` of the file; a line that would
    pass the limit comes as ``None`` (it is not read into memory) and ends the file."""
    number = 1
    budget = max_bytes - handle.tell()
    while budget > 0:
        raw = handle.readline(budget + 1)
        if not raw:
            return
        number += 1
        if len(raw) > budget:
            yield number, None
            return
        budget -= len(raw)
        yield number, raw


def read_session_file(path: Path, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> JournalEntry | None:
    """Read one session file, at most ``max_bytes`` of it. Returns None when its header is unreadable."""
    register_codecs()
    read_turns: list[Turn] = []
    notes: list[str] = []
    state: dict[str, Any] | None = None
    skipped = 0
    cut_off = False
    with path.open("rb") as handle:
        try:
            header, _ = _read_header(handle)
        except _READ_ERRORS as exc:
            log.warning("%s: unreadable journal header (%s)", path, exc)
            return None
        reading = StepReader(header.session_id, header.params)
        read_events = reading.events
        for number, raw in _lines(handle, max_bytes):
            if raw is None:
                cut_off = True
                break
            if not raw.strip():
                continue
            try:
                state = _read_line(raw, reading, read_turns, notes) or state
            except _READ_ERRORS as exc:
                # A crash mid-write leaves a cut last line; damage elsewhere costs only that line.
                skipped += 1
                log.warning("%s:%d: unreadable journal line skipped (%s)", path, number, _short(exc))
    return JournalEntry(
        path=path,
        session_id=header.session_id,
        kind=header.kind,
        params=header.params,
        created_at=header.created_at,
        events=tuple(read_events),
        turns=tuple(read_turns),
        skipped_lines=skipped,
        state=state,
        cut_off=cut_off or any(note == "cut_off" for note in notes),
        notes=tuple(notes),
        target=header.target,
    )


def _read_line(
    raw: bytes, reading: StepReader, read_turns: list[Turn], notes: list[str]
) -> dict[str, Any] | None:
    """Decode one line into the lists (all of it or nothing); returns the state it records, if any."""
    record = json.loads(raw.decode("utf-8", errors="replace"))
    kind = record.get("line")
    if kind == "step":
        step_turns = [codec.decode(data, Turn) for data in record.get("turns", ())]
        reading.add_step(list(record.get("events", ())))
        read_turns.extend(step_turns)
        state = record.get("state")
        return state if isinstance(state, dict) else None
    if kind == "event":
        reading.add(record["event"])
    elif kind == "turn":
        read_turns.append(codec.decode(record["turn"], Turn))
    elif kind == "note":
        notes.append(str(record.get("note", "")))
    return None


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "…"


def restore_session(entry: JournalEntry) -> Session:
    """Rebuild a read-only :class:`Session` from what its journal holds (events, exchanges, turns)."""
    session = Session(entry.session_id, entry.params, created_at=entry.created_at, read_only=True)
    fill_session(session, entry)
    return session


def fill_session(session: Session, entry: JournalEntry) -> None:
    """Put what a journal entry holds into a history session (its events, exchanges, turns and state)."""
    session.restore(entry.events, entry.turns)
    if entry.state is not None:
        session.take_info(_apply_state(session.info(), entry.state))
