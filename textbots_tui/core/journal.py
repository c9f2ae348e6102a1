"""The transcript journal: every session appended as JSON lines, one file per session.

A file is named ``<created>-<session_id>.jsonl``. Its first line describes the session (kind, launch
parameters, creation time); every later line is one event the controller emitted (an HTTP exchange is the
``ExchangeRecorded`` event) or one completed turn. Each line is written and flushed on its own, so a crash
loses at most the line being written; a truncated or garbled line is skipped when the journal is read back.

Secrets never reach it: exchanges are redacted by the API layer before the controller sees them, and launch
parameters hold no credentials. The textbots API's JSON bodies are copied into the line as they came (no
parse, no dump) only when the API layer vouches that redaction would not change them.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import operator
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from io import FileIO
from pathlib import Path
from typing import Any

from textbots_tui.api import errors as api_errors
from textbots_tui.api.errors import TextbotsError
from textbots_tui.api.exchange import Exchange
from textbots_tui.core import codec, events, items, params
from textbots_tui.core import errors as core_errors
from textbots_tui.core.events import (
    Event,
    ExchangeRecorded,
    SessionChanged,
    SessionCreated,
    SessionEnded,
    WaitingForInput,
)
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionKind
from textbots_tui.core.sessions import Session, Turn

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
"""Written in every header line, so a future reader can tell old files apart."""


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


class Journal:
    """Appends sessions to JSON-lines files under ``directory`` and reads them back.

    Files are opened on demand and at most ``max_open_files`` stay open at once, so a run of hundreds of
    sessions does not exhaust file descriptors.
    """

    def __init__(self, directory: Path, *, max_open_files: int = 32) -> None:
        register_codecs()
        self.directory = Path(directory)
        self._max_open = max(1, max_open_files)
        self._paths: dict[str, Path] = {}
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
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = created_at.strftime("%Y%m%dT%H%M%S") + f".{created_at.microsecond // 1000:03d}Z"
        path = self.directory / f"{stamp}-{session_id}.jsonl"
        self._paths[session_id] = path
        self._write(
            session_id,
            {
                "line": "session",
                "version": FORMAT_VERSION,
                "session_id": session_id,
                "kind": kind,
                "created_at": created_at.isoformat(),
                "params": params,
            },
        )
        return path

    def adopt(self, session_id: str, path: Path) -> None:
        """Append later lines of a session read back from ``path`` (a rename of history) to that file."""
        self._paths[session_id] = path

    def append_event(self, event: Event) -> None:
        """Append one event to its session's file."""
        self._write(event.session_id, {"line": "event", "event": event})

    def append_turn(self, session_id: str, turn: Turn) -> None:
        """Append one completed turn to the session's file."""
        self._write(session_id, {"line": "turn", "turn": turn})

    def close_session(self, session_id: str) -> None:
        """Close the session's file (a later line reopens it)."""
        handle = self._open.pop(session_id, None)
        if handle is not None:
            handle.close()

    def close(self) -> None:
        """Close every open file."""
        for session_id in list(self._open):
            self.close_session(session_id)

    def _write(self, session_id: str, record: dict[str, Any]) -> None:
        handle = self._handle(session_id)
        if handle is None:
            return
        # A lone surrogate (from a JSON escape) can only sit in a JSON string, where backslashreplace
        # writes it as the very same escape.
        data = memoryview((codec.dumps(record) + "\n").encode("utf-8", "backslashreplace"))
        # Unbuffered: each line goes to the file in one system call, so a crash can only cut that line.
        while data:
            written = handle.write(data)
            if not written:
                raise OSError(f"could not write to {handle.name}")
            data = data[written:]

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
        handle = FileIO(path, "a")
        self._open[session_id] = handle
        return handle

    # Reading back

    def load(self) -> list[JournalEntry]:
        """Read every session file under the directory, oldest first. Unreadable files are skipped."""
        entries = []
        for path in self._files():
            try:
                entry = read_session_file(path)
            except (OSError, ValueError) as exc:
                log.warning("skipping journal file %s: %s", path, exc)
                continue
            if entry is not None:
                entries.append(entry)
        return entries

    def _files(self) -> Iterator[Path]:
        if not self.directory.is_dir():
            return iter(())
        return iter(sorted(self.directory.glob("*.jsonl")))


def read_session_file(path: Path) -> JournalEntry | None:
    """Read one session file. Returns None when it has no readable header line."""
    register_codecs()
    header: dict[str, Any] | None = None
    read_events: list[Event] = []
    read_turns: list[Turn] = []
    skipped = 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
                kind = record.get("line")
                if kind == "session" and header is None:
                    header = record
                elif kind == "event":
                    read_events.append(_decode_event(record["event"]))
                elif kind == "turn":
                    read_turns.append(codec.decode(record["turn"], Turn))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                # A crash mid-write leaves a cut last line; damage elsewhere costs only that line.
                skipped += 1
                log.warning("%s:%d: unreadable journal line skipped (%s)", path, number, exc)
    if header is None:
        return None
    return JournalEntry(
        path=path,
        session_id=str(header["session_id"]),
        kind="bot" if header.get("kind") == "bot" else "flow",
        params=codec.decode(header["params"], FlowLaunchParams | BotParams),
        created_at=datetime.fromisoformat(header["created_at"]),
        events=tuple(read_events),
        turns=tuple(read_turns),
        skipped_lines=skipped,
    )


def _decode_event(data: dict[str, Any]) -> Event:
    event = codec.decode_tagged(data)
    if not isinstance(event, Event):
        raise ValueError(f"not an event: {data.get(codec.TYPE_KEY)!r}")
    return event


def restore_session(entry: JournalEntry) -> Session:
    """Rebuild a read-only :class:`Session` from what its journal holds (events, exchanges, turns)."""
    session = Session(entry.session_id, entry.params, created_at=entry.created_at, read_only=True)
    session.events = list(entry.events)
    session.turns = list(entry.turns)
    for event in entry.events:
        if isinstance(event, SessionCreated | SessionChanged):
            session.name = event.info.name
            session.state = event.info.state
            session.remote_id = event.info.remote_id
        elif isinstance(event, ExchangeRecorded):
            session.exchanges.append(event.exchange)
        elif isinstance(event, SessionEnded):
            session.ended = event
        elif isinstance(event, WaitingForInput):
            session.choices = event.choices
            session.no_input_timeout_ms = event.no_input_timeout_ms
    return session


_ERROR_FIELDS = ("title", "hint", "status", "code", "correlation_id", "body", "may_have_been_processed")


def _encode_error(error: TextbotsError) -> dict[str, Any]:
    data: dict[str, Any] = {codec.TYPE_KEY: "TextbotsError", "class": type(error).__name__}
    data["message"] = error.message
    data.update({name: getattr(error, name, None) for name in _ERROR_FIELDS})
    data["exchange"] = error.exchange
    for extra in ("retry_after_s", "turns"):
        if hasattr(error, extra):
            data[extra] = getattr(error, extra)
    return data


def _decode_error(data: dict[str, Any]) -> TextbotsError:
    """Rebuild the error as its own class (a class this version lacks becomes a plain ``TextbotsError``)."""
    cls = _error_classes().get(str(data.get("class")), TextbotsError)
    # Subclasses take different constructor arguments; the base initialiser sets every common field.
    error = cls.__new__(cls)
    kwargs = {name: data.get(name) for name in _ERROR_FIELDS}
    exchange = codec.decode(data.get("exchange"), Exchange | None)
    TextbotsError.__init__(error, str(data.get("message", "")), exchange=exchange, **kwargs)
    for extra in ("retry_after_s", "turns"):
        if extra in data:
            setattr(error, extra, data[extra])
    return error


def _error_classes() -> dict[str, type[TextbotsError]]:
    found: dict[str, type[TextbotsError]] = {}
    for module in (api_errors, core_errors):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, TextbotsError):
                found[value.__name__] = value
    return found


_EXCHANGE_FIELDS = tuple(f.name for f in dataclasses.fields(Exchange))
_EXCHANGE_PLAIN = tuple(name for name in _EXCHANGE_FIELDS if not name.endswith("_body"))
_exchange_plain_values = operator.attrgetter(*_EXCHANGE_PLAIN)


def _encode_exchange(exchange: Exchange) -> dict[str, Any]:
    """An exchange as the generic dataclass encoding writes it, but with the textbots API's JSON bodies
    copied as they came when that says exactly what the redacted body says (no parse, no dump)."""
    out: dict[str, Any] = {codec.TYPE_KEY: "Exchange"}
    out.update(zip(_EXCHANGE_PLAIN, _exchange_plain_values(exchange), strict=True))
    text = exchange.body_json_text("request")
    out["request_body"] = exchange.request_body if text is None else codec.RawJSON(text)
    text = exchange.body_json_text("response")
    out["response_body"] = exchange.response_body if text is None else codec.RawJSON(text)
    return out


@functools.cache
def register_codecs() -> None:
    """Teach the codec every class a journal holds (events, items, params, turns, exchanges, errors).

    Done on first use (a :class:`Journal`, :func:`read_session_file`) rather than on import, so importing
    this module changes nothing elsewhere; call it before encoding or decoding such values another way.
    """
    for module in (events, items, params):
        codec.register(
            *(
                value
                for value in vars(module).values()
                if isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            )
        )
    codec.register(Turn, Exchange)
    codec.register_encoder(Exchange, _encode_exchange)
    codec.register_codec(TextbotsError, _encode_error, _decode_error)
