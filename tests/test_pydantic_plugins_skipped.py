"""pydantic looks for no plugins while the command has them off, and still finds them when switched on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, os, sys
import textbots_tui.cli  # the command's package: it switches pydantic's plugins off unless told otherwise
from pydantic import BaseModel

import plugin_probe


class Model(BaseModel):
    x: int


loader = sys.modules["pydantic.plugin._loader"]
seen = {
    "value": Model(x="3").x,
    "variable": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
    "metadata": "importlib.metadata" in sys.modules,
    "real_loader": "PYDANTIC_ENTRY_POINT_GROUP" in vars(loader),  # asked by name, the stand-in loads it
    "plugin_saw": plugin_probe.SEEN,
}
print(json.dumps(seen))
"""

PLUGIN = """
SEEN = []


class Plugin:
    def new_schema_validator(self, schema, schema_type, *rest):
        SEEN.append(schema_type.__name__)
        return None, None, None


plugin = Plugin()
"""


def probe(tmp_path: Path, **variables: str) -> dict[str, object]:
    """What a model built in a fresh interpreter saw, with a pydantic plugin installed beside it."""
    (tmp_path / "plugin_probe.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "plugin_probe-1.0.dist-info"
    info.mkdir()
    metadata = "Metadata-Version: 2.1\nName: plugin-probe\nVersion: 1.0\n"
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    (info / "entry_points.txt").write_text("[pydantic]\nprobe = plugin_probe:plugin\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    env |= {"PYTHONPATH": str(tmp_path), **variables}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_with_plugins_off_pydantic_reads_no_package_metadata(tmp_path: Path) -> None:
    seen = probe(tmp_path)
    assert seen["variable"] == "__all__"
    assert seen["value"] == 3
    assert seen["metadata"] is False and seen["real_loader"] is False
    assert seen["plugin_saw"] == []


def test_switched_on_the_plugins_load_as_pydantic_loads_them(tmp_path: Path) -> None:
    # The probe's own plugin proves the real loader ran: it was found through its entry point and called.
    seen = probe(tmp_path, PYDANTIC_DISABLE_PLUGINS="")
    assert seen["value"] == 3
    assert seen["metadata"] is True and seen["real_loader"] is True
    assert seen["plugin_saw"] == ["Model"]
