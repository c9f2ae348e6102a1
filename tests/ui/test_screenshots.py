"""The README's pictures (``screenshots/*.svg``) are what the app shows today.

Each picture is made again by the very code of ``scripts/make_screenshots.py`` and compared with the file, so
a change that alters what users see fails here until the pictures are refreshed (and looked at).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_screenshots", ROOT / "scripts" / "make_screenshots.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


def test_every_picture_has_a_scene() -> None:
    assert sorted(path.stem for path in (ROOT / "screenshots").glob("*.svg")) == sorted(SCRIPT.SCENES)


@pytest.mark.parametrize("name", sorted(SCRIPT.SCENES))
async def test_screenshot_is_up_to_date(name: str) -> None:
    shown = await SCRIPT.render(name)
    saved = (ROOT / "screenshots" / f"{name}.svg").read_text(encoding="utf-8")
    assert shown == saved, (
        f"screenshots/{name}.svg is not what the app shows: run scripts/make_screenshots.py, look at the "
        "picture, and commit it"
    )
