"""The cache of valid scripts: a hit gives the same scenarios, an edited file is read again, a bad script's
messages do not change, and a broken or foreign cache file is only a miss."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from textbots_tui.core.script import LoadedScenario, ScriptError, load_scripts
from textbots_tui.core.script import loading as loading_module
from textbots_tui.core.script.script_cache import STALE_DAYS, cache_file

SCRIPT = textwrap.dedent(
    """\
    name: {name}
    target: {{flow: {{id: f1}}}}
    steps:
      - expect: {{text: {{contains: Welcome}}}}
      - say: "12345"
    """
)


def write(path: Path, name: str) -> Path:
    """A valid one-scenario script named ``name``."""
    path.write_text(SCRIPT.format(name=name), encoding="utf-8")
    return path


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read the slow way (through the YAML reader) from now on."""
    seen: list[str] = []
    parse = loading_module.parse_script

    def counted(text: str, file: str = "<script>") -> list[LoadedScenario]:
        seen.append(file)
        return parse(text, file)

    monkeypatch.setattr(loading_module, "parse_script", counted)
    return seen


def test_a_second_load_takes_the_same_scenarios_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = write(tmp_path / "a.yaml", "Greeting")
    cache = tmp_path / "cache"
    slow = reads(monkeypatch)
    first = load_scripts([script], cache)
    again = load_scripts([script], cache)
    assert slow == [str(script)]  # read once; the second load came from the cache
    assert again == first
    assert again[0].step_location(1) == f"{script}:5"  # lines survive the cache
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    assert oct(cache_file(cache, script.read_text(), str(script)).stat().st_mode & 0o777) == "0o600"


def test_an_edited_script_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = write(tmp_path / "a.yaml", "Before")
    cache = tmp_path / "cache"
    slow = reads(monkeypatch)
    assert load_scripts([script], cache)[0].name == "Before"
    write(script, "After")
    assert load_scripts([script], cache)[0].name == "After"
    assert slow == [str(script), str(script)]


def test_the_same_text_under_another_name_is_reported_under_that_name(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    one = write(tmp_path / "one.yaml", "Same")
    two = write(tmp_path / "two.yaml", "Same")
    load_scripts([one], cache)
    assert load_scripts([two], cache)[0].file == str(two)


def test_a_bad_script_says_the_same_with_a_cache_and_is_not_kept(tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text("name: Bad\ntarget: {flow: {id: f1}}\nsteps:\n  - sya: hi\n", encoding="utf-8")
    cache = tmp_path / "cache"
    with pytest.raises(ScriptError) as plain:
        load_scripts([script])
    for _ in range(2):
        with pytest.raises(ScriptError) as cached:
            load_scripts([script], cache)
        assert str(cached.value) == str(plain.value)
        assert "bad.yaml:4" in str(cached.value)
    assert not list(cache.glob("script-*.pickle"))


@pytest.mark.parametrize("damage", ["garbage", "foreign", "writable by others"])
def test_a_broken_or_untrusted_cache_file_is_only_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    script = write(tmp_path / "a.yaml", "Greeting")
    cache = tmp_path / "cache"
    load_scripts([script], cache)
    kept = cache_file(cache, script.read_text(), str(script))
    if damage == "garbage":
        kept.write_bytes(b"not a pickle")
    elif damage == "foreign":
        import pickle

        kept.write_bytes(pickle.dumps(["not a scenario"]))
    else:
        kept.chmod(0o666)
    slow = reads(monkeypatch)
    assert load_scripts([script], cache)[0].name == "Greeting"
    assert slow == [str(script)]


def test_writing_removes_only_files_unused_for_a_month(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_scripts([write(tmp_path / "old.yaml", "Old")], cache)
    load_scripts([write(tmp_path / "recent.yaml", "Recent")], cache)
    old = cache_file(cache, (tmp_path / "old.yaml").read_text(), str(tmp_path / "old.yaml"))
    recent = cache_file(cache, (tmp_path / "recent.yaml").read_text(), str(tmp_path / "recent.yaml"))
    month_ago = time.time() - (STALE_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    load_scripts([write(tmp_path / "new.yaml", "New")], cache)
    assert not old.exists()
    assert recent.exists()
    assert len(list(cache.glob("script-*.pickle"))) == 2


_CACHED_PROBE = """
import json, sys
from pathlib import Path
from textbots_tui.core.script import Scenario, Step, load_scripts

script, cache = Path(sys.argv[1]), Path(sys.argv[2])
built_before = Scenario.__pydantic_complete__
loaded = load_scripts([script], cache)
seen = {
    "built_before": built_before,
    "built_after_load": Scenario.__pydantic_complete__ or Step.__pydantic_complete__,
    "kinds": [step.kind for step in loaded[0].scenario.steps],
    "flow": loaded[0].scenario.launch_params().flow_id,
    "dumped": loaded[0].scenario.model_dump(by_alias=True, exclude_defaults=True)["target"],
}
print(json.dumps(seen))
"""


def test_a_cached_script_is_used_without_building_the_script_validators(tmp_path: Path) -> None:
    # Validators are built on first use: a run of a cached script validates nothing, so it never builds them
    # (a fresh interpreter, as a run is); what needs them (a dump) builds them then.
    script = write(tmp_path / "a.yaml", "Greeting")
    cache = tmp_path / "cache"
    load_scripts([script], cache)  # the first run keeps it
    command = [sys.executable, "-c", _CACHED_PROBE, str(script), str(cache)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["built_before"] is False and seen["built_after_load"] is False
    assert seen["kinds"] == ["expect", "say"] and seen["flow"] == "f1"
    assert seen["dumped"] == {"flow": {"id": "f1"}}
