"""The flows and bots a simulator serves: the samples shipped in ``flows/`` plus an optional folder.

Loading never raises: every problem becomes a :class:`~.loader.FlowError`, the document with the problem is
skipped, and everything else loads. The samples are compiled once per process and day (relative dates in
them resolve against the day), and, given a cache folder, once per day and version of the code
(:mod:`.sample_cache`). The file format's models and the compilers are imported only to compile a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .bots import CompiledBot
from .loader import Document, DocumentError, FlowError, flow_files, read_documents, validation_problems
from .matchers import Today, utc_today
from .program import CompiledFlow
from .sample_cache import load_samples, save_samples

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
    from pydantic import ValidationError

    from .bot_compiler import compile_bot
    from .bot_definition import BotDocument
    from .compiler import compile_flow
    from .definition import FlowDocument

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


def sample_catalog(calendar: Today = utc_today, cache_dir: Path | None = None) -> Catalog:
    """The samples, compiled once per day (on another calendar than UTC's today, every time).

    With ``cache_dir`` the compiled samples are also kept there for later processes, and taken from there.
    """
    if calendar is not utc_today:
        return _compiled_samples(calendar)
    today = utc_today()
    cached = _samples.get(today)
    if cached is None:
        _samples.clear()
        cached = None if cache_dir is None else load_samples(cache_dir, SAMPLES_DIR, today, Catalog)
        if cached is None:
            cached = _compiled_samples(utc_today)
            if cache_dir is not None:
                save_samples(cached, cache_dir, SAMPLES_DIR, today)
        _samples[today] = cached
    return cached


def _compiled_samples(calendar: Today) -> Catalog:
    catalog = Catalog()
    catalog.add_files(flow_files(SAMPLES_DIR), calendar, SAMPLES_DIR.parent.parent.parent)
    return catalog


def load_catalog(
    flows_dir: Path | None, include_samples: bool, today: Today = utc_today, cache_dir: Path | None = None
) -> Catalog:
    """The catalog for a simulator: samples (if wanted; kept in ``cache_dir`` if given) and the files of
    ``flows_dir``."""
    catalog = Catalog()
    if include_samples:
        catalog.merge(sample_catalog(today, cache_dir))
    if flows_dir is not None:
        folder = Path(flows_dir)
        if folder.is_file():
            catalog.add_files([folder], today)
        elif folder.is_dir():
            catalog.add_files(flow_files(folder), today, folder)
        else:
            catalog.errors.append(FlowError(str(folder), None, "no such file or folder"))
    return catalog
