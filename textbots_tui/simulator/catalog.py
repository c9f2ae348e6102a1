"""The flows and bots a simulator serves: the samples shipped in ``flows/`` plus an optional folder.

Loading never raises: every problem becomes a :class:`~.loader.FlowError`, the document with the problem is
skipped, and everything else loads. The samples are compiled once per process and day (relative dates in
them resolve against the day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .bot_definition import BotDocument
from .bots import CompiledBot, compile_bot
from .compiler import compile_flow
from .definition import FlowDocument
from .loader import Document, DocumentError, FlowError, flow_files, read_documents, validation_problems
from .matchers import Today, utc_today
from .program import CompiledFlow

SAMPLES_DIR = Path(__file__).parent / "flows"
"""Where the sample flows and bots live."""


@dataclass(slots=True)
class Catalog:
    """Flows and bots by id, and the problems met while loading them."""

    flows: dict[str, CompiledFlow] = field(default_factory=dict)
    bots: dict[str, CompiledBot] = field(default_factory=dict)
    errors: list[FlowError] = field(default_factory=list)
    _origins: dict[tuple[str, str], str] = field(default_factory=dict)

    def add_files(self, files: list[Path], today: Today, base: Path | None = None) -> None:
        """Load files into the catalog (names shown relative to ``base``)."""
        for path in files:
            shown = (
                str(path.relative_to(base)) if base is not None and path.is_relative_to(base) else str(path)
            )
            documents, errors = read_documents(path, shown)
            self.errors.extend(errors)
            for document in documents:
                self.add_document(document, today)

    def add_document(self, document: Document, today: Today) -> None:
        """Validate and compile one document; record its problems instead of raising."""
        try:
            compiled = compile_document(document, today)
        except DocumentError as exc:
            self.errors.extend(document.error(loc, message) for loc, message in exc.problems)
            return
        kind = "flow" if isinstance(compiled, CompiledFlow) else "bot"
        table: dict[str, Any] = self.flows if kind == "flow" else self.bots
        previous = self._origins.get((kind, compiled.id))
        if previous is not None:
            message = f"{kind} id {compiled.id} is already used by {previous}; this {kind} was skipped"
            self.errors.append(document.error((kind, "id"), message))
            return
        self._origins[(kind, compiled.id)] = f"'{compiled.name}' ({document.file})"
        table[compiled.id] = compiled

    def merge(self, other: Catalog) -> None:
        """Add another catalog's content (the samples) before this one's files are loaded."""
        self.flows.update(other.flows)
        self.bots.update(other.bots)
        self.errors.extend(other.errors)
        self._origins.update(other._origins)


def compile_document(document: Document, today: Today) -> CompiledFlow | CompiledBot:
    """The compiled flow or bot of a document; raises :class:`DocumentError`."""
    data = document.data
    if not isinstance(data, dict) or len({"flow", "bot"} & set(data)) != 1:
        raise DocumentError([((), "a document needs exactly one top-level key: 'flow' or 'bot'")])
    try:
        if "flow" in data:
            return compile_flow(FlowDocument.model_validate(data).flow, today)
        return compile_bot(BotDocument.model_validate(data).bot, today)
    except ValidationError as exc:
        raise DocumentError(validation_problems(exc)) from None


_samples: dict[date, Catalog] = {}


def sample_catalog(calendar: Today = utc_today) -> Catalog:
    """The samples, compiled once per day (on another calendar than UTC's today, every time)."""
    if calendar is not utc_today:
        catalog = Catalog()
        catalog.add_files(flow_files(SAMPLES_DIR), calendar, SAMPLES_DIR.parent.parent.parent)
        return catalog
    today = utc_today()
    cached = _samples.get(today)
    if cached is None:
        _samples.clear()
        cached = Catalog()
        cached.add_files(flow_files(SAMPLES_DIR), utc_today, SAMPLES_DIR.parent.parent.parent)
        _samples[today] = cached
    return cached


def load_catalog(flows_dir: Path | None, include_samples: bool, today: Today = utc_today) -> Catalog:
    """The catalog for a simulator: samples (if wanted) and the files of ``flows_dir``."""
    catalog = Catalog()
    if include_samples:
        catalog.merge(sample_catalog(today))
    if flows_dir is not None:
        folder = Path(flows_dir)
        if folder.is_file():
            catalog.add_files([folder], today)
        elif folder.is_dir():
            catalog.add_files(flow_files(folder), today, folder)
        else:
            catalog.errors.append(FlowError(str(folder), None, "no such file or folder"))
    return catalog
