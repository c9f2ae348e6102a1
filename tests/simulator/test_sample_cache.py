"""The compiled samples kept on disk: the same flows as compiling them, and never a reason to fail."""

from __future__ import annotations

import pickle
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from textbots_tui.simulator import SimulatorSettings, catalog
from textbots_tui.simulator.catalog import Catalog, sample_catalog
from textbots_tui.simulator.sample_cache import cache_file, load_samples, save_samples

from .helpers import ORDER_STATUS, STORE_BOT, open_sim, texts

TODAY = date(2026, 12, 4)


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A fresh process as far as the samples go; lists each document compiled (by file)."""
    monkeypatch.setattr(catalog, "_samples", {})
    compile_document = catalog.compile_document
    seen: list[str] = []

    def counting(document: Any, today: Any) -> Any:
        seen.append(document.file)
        return compile_document(document, today)

    monkeypatch.setattr(catalog, "compile_document", counting)
    return seen


def forget_this_process() -> None:
    catalog._samples.clear()


def cached_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_next_process_takes_the_samples_from_the_cache(tmp_path: Path, compiled: list[str]) -> None:
    fresh = sample_catalog(cache_dir=tmp_path)
    assert len(compiled) == 4 and len(cached_files(tmp_path)) == 1
    forget_this_process()
    again = sample_catalog(cache_dir=tmp_path)
    assert len(compiled) == 4, "nothing compiled the second time"
    assert again is not fresh
    # The very same compiled flows and bot, down to every template and matcher (compared as loaded once).
    assert pickle.dumps(again) == pickle.dumps(pickle.loads(pickle.dumps(fresh)))
    assert sorted(f.name for f in again.flows.values()) == [
        "Appointment Booking",
        "Help Centre FAQ",
        "Order Status",
    ]
    assert list(again.bots) == [STORE_BOT] and again.errors == []


async def test_a_simulator_on_cached_samples_answers_as_before(tmp_path: Path, compiled: list[str]) -> None:
    answers = []
    for _ in range(2):
        forget_this_process()
        async with open_sim(SimulatorSettings(seed=1, samples_cache=tmp_path)) as sim:
            session_id = await sim.launch(ORDER_STATUS)
            answers.append([texts(r) for r in await sim.drain(session_id)])
            answers.append([texts(r) for r in await sim.say(session_id, "Track an order")])
    assert len(compiled) == 4, "the second simulator served the cached samples"
    assert answers[:2] == answers[2:]
    assert answers[0] and answers[1]


def test_an_edited_sample_is_compiled_again(
    tmp_path: Path, compiled: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = tmp_path / "flows"
    shutil.copytree(catalog.SAMPLES_DIR, samples)
    monkeypatch.setattr(catalog, "SAMPLES_DIR", samples)
    cache = tmp_path / "cache"
    sample_catalog(cache_dir=cache)
    first = cached_files(cache)
    order_status = samples / "order_status.yaml"
    order_status.write_text(
        order_status.read_text(encoding="utf-8").replace("name: Order Status", "name: Order Status 2"),
        encoding="utf-8",
    )
    forget_this_process()
    edited = sample_catalog(cache_dir=cache)
    assert len(compiled) == 8
    assert edited.flows[ORDER_STATUS].name == "Order Status 2"
    assert len(cached_files(cache)) == 1 and cached_files(cache) != first, "the stale file was replaced"


def test_each_day_has_its_own_file(tmp_path: Path) -> None:
    # Relative dates in the samples (+1wd) resolve against the day they were compiled on.
    samples = catalog.SAMPLES_DIR
    assert cache_file(tmp_path, samples, TODAY) != cache_file(tmp_path, samples, date(2026, 12, 5))
    save_samples(Catalog(), tmp_path, samples, TODAY)
    assert load_samples(tmp_path, samples, TODAY, Catalog) is not None
    assert load_samples(tmp_path, samples, date(2026, 12, 5), Catalog) is None


def test_a_broken_cache_file_is_only_a_miss(tmp_path: Path, compiled: list[str]) -> None:
    sample_catalog(cache_dir=tmp_path)
    [name] = cached_files(tmp_path)
    (tmp_path / name).write_bytes(b"not a pickle")
    forget_this_process()
    assert len(sample_catalog(cache_dir=tmp_path).flows) == 3
    assert len(compiled) == 8
    forget_this_process()
    sample_catalog(cache_dir=tmp_path)
    assert len(compiled) == 8, "the broken file was written again, whole"


def test_a_cache_file_others_may_write_is_never_loaded(tmp_path: Path) -> None:
    save_samples(Catalog(), tmp_path, catalog.SAMPLES_DIR, TODAY)
    path = cache_file(tmp_path, catalog.SAMPLES_DIR, TODAY)
    assert path.stat().st_mode & 0o777 == 0o600 and tmp_path.stat().st_mode & 0o777 in (0o700, 0o755)
    path.chmod(0o666)
    assert load_samples(tmp_path, catalog.SAMPLES_DIR, TODAY, Catalog) is None


def test_new_cache_folders_are_owner_only(tmp_path: Path) -> None:
    save_samples(Catalog(), tmp_path / "data" / "cache", catalog.SAMPLES_DIR, TODAY)
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "data" / "cache").stat().st_mode & 0o777 == 0o700


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, compiled: list[str]) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    assert len(sample_catalog(cache_dir=not_a_folder).flows) == 3
    assert not_a_folder.read_text(encoding="utf-8") == ""
