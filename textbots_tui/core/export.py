"""Exports of a session: a Markdown transcript, an HTML page, the JSON record, and a script that replays it.

Everything is made from what the journal holds (parameters, events, turns, exchanges), so a session
reloaded from the journal exports exactly as it did live. Nothing secret gets out: exchanges are redacted
by the API layer, and the JSON export checks every object once more on its way out.

Bot text is data, not markup: the Markdown transcript (:mod:`textbots_tui.core.export_markdown`) escapes
it, so a ``*`` or a ``<script>`` in what the bot said shows as typed; payloads, URLs and raw JSON go in code
spans and code blocks.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from textbots_tui.api.exchange import redact_body, redact_headers
from textbots_tui.core import codec
from textbots_tui.core.events import ExchangeRecorded, SessionChanged
from textbots_tui.core.export_markdown import session_to_markdown
from textbots_tui.core.journal import register_codecs
from textbots_tui.core.names import NO_NAMES, FlowNames
from textbots_tui.core.private_files import private_dir, private_opener
from textbots_tui.core.script import script_from_session
from textbots_tui.core.sessions import Session

log = logging.getLogger(__name__)

ExportKind = Literal["markdown", "html", "json", "script", "strict_script"]
"""What :func:`export_session` writes (a strict script pins dates, references, action numbers, milestones)."""

SUFFIXES: dict[ExportKind, str] = {
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
    "script": ".yaml",
    "strict_script": ".yaml",
}

JSON_FORMAT = "textbots-tui session"
JSON_VERSION = 1


def export_session(
    session: Session, kind: ExportKind, directory: Path, *, names: FlowNames = NO_NAMES
) -> Path:
    """Write the session as ``<slug-of-name>-<yyyymmdd-hhmmss>.{md,html,json,yaml}`` (the session's creation
    time, local) in ``directory`` (made if missing) and return the path. An existing file is never
    overwritten: ``-2``, ``-3``... go before the suffix. ``names`` names outcomes and milestones in the HTML
    page. Raises ``ValueError`` for a script of a session where nothing happened, ``OSError`` when the file
    cannot be written."""
    text = render_session(session, kind, names=names)
    private_dir(directory)
    for path in _candidate_paths(session, kind, directory):
        try:
            _write_new(path, text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"too many exports named {_stem(session)} in {directory}")


def default_export_path(session: Session, kind: ExportKind, directory: Path) -> Path:
    """The name :func:`export_session` would pick in ``directory`` now: the first that is not taken."""
    return next(path for path in _candidate_paths(session, kind, directory) if not path.exists())


def write_export(
    session: Session,
    kind: ExportKind,
    path: Path,
    *,
    names: FlowNames = NO_NAMES,
    scenario_name: str | None = None,
) -> Path:
    """Write the session as ``kind`` to exactly ``path`` (its folder made if missing) and return it.

    ``scenario_name`` names the script's scenario (default: the session's name). Never overwrites: raises
    ``FileExistsError`` when ``path`` exists, ``ValueError`` for a script of a session where nothing
    happened, ``OSError`` when the file cannot be written.
    """
    text = render_session(session, kind, names=names, scenario_name=scenario_name)
    private_dir(path.parent)
    _write_new(path, text)
    return path


def _stem(session: Session) -> str:
    return f"{slug(session.name)}-{session.created_at.astimezone():%Y%m%d-%H%M%S}"


def _candidate_paths(session: Session, kind: ExportKind, directory: Path) -> Iterator[Path]:
    stem = _stem(session)
    for number in range(1, 10_000):
        yield directory / f"{stem}{'' if number == 1 else f'-{number}'}{SUFFIXES[kind]}"


def _write_new(path: Path, text: str) -> None:
    # Exclusive creation: two exports racing for one name cannot overwrite each other.
    with open(path, "x", encoding="utf-8", newline="\n", opener=private_opener) as handle:
        handle.write(text)


def render_session(
    session: Session, kind: ExportKind, *, names: FlowNames = NO_NAMES, scenario_name: str | None = None
) -> str:
    """The text of one export of the session (see :func:`export_session`)."""
    if kind == "html":
        from textbots_tui.core.html import HtmlOptions, session_to_html

        return session_to_html(session, HtmlOptions(names=names))
    if kind in ("script", "strict_script"):
        return session_to_script(session, scenario_name, strict=kind == "strict_script")
    renderers: dict[str, Callable[[Session], str]] = {
        "markdown": session_to_markdown,
        "json": session_to_json,
    }
    return renderers[kind](session)


def slug(name: str, max_length: int = 60) -> str:
    """A file-name-safe form of a session name: lower-case ASCII letters, digits and dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return text[:max_length].rstrip("-") or "session"


def session_to_script(session: Session, scenario_name: str | None = None, *, strict: bool = False) -> str:
    """The session as a YAML script that replays it, its scenario named ``scenario_name`` (default: the
    session's name); raises ``ValueError`` when nothing happened. What moves from run to run is written as
    ``like`` patterns, unless ``strict``."""
    name = scenario_name or session.name
    return script_from_session(session.events, session.params, name=name, strict=strict)


def session_to_json(session: Session) -> str:
    """The session's full record as indented JSON: what it is, its parameters, turns, events (exchanges
    aside) and HTTP exchanges (the latest the session keeps; ``exchanges_not_kept`` counts older ones).
    Classes are named by ``_type`` keys, as in the journal.

    State changes (``SessionChanged``) are left out, as the journal leaves them out: ``session`` says
    where the session stands, and a session reloaded from the journal exports the same as it did live."""
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "session": {
            "id": session.session_id,
            "name": session.name,
            "kind": session.kind,
            "state": session.state.value,
            "created_at": session.created_at,
            "remote_id": session.remote_id,
            "end_reason": session.end_reason,
            "turn_count": len(session.turns),
        },
        "params": session.params,
        "turns": session.turns,
        "events": [
            event for event in session.events if not isinstance(event, ExchangeRecorded | SessionChanged)
        ],
        "exchanges": [exchange.to_json() for exchange in session.exchanges],
    }
    if session.exchanges_dropped:
        # A long session keeps only its latest exchanges in memory; its journal file has every one.
        document["exchanges_not_kept"] = session.exchanges_dropped
    register_codecs()
    data = json.loads(codec.dumps(document))
    return json.dumps(_scrubbed(data), indent=2, ensure_ascii=False) + "\n"


def _scrubbed(value: Any) -> Any:
    """Redaction once more, at every depth. Exchanges come redacted already, so this should find nothing:
    an export leaves the machine, and a secret in it would be unrecoverable."""
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = redact_body({key: _scrubbed(v) for key, v in value.items()})
    for key, headers in out.items():
        if key.endswith("headers") and isinstance(headers, dict):
            out[key] = redact_headers((str(k), str(v)) for k, v in headers.items())
    if out != value:
        log.warning("an exported object held a secret the exchange records had not redacted")
    return out


__all__ = [
    "ExportKind",
    "export_session",
    "render_session",
    "session_to_json",
    "session_to_markdown",
    "session_to_script",
    "slug",
]
