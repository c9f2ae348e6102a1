"""Keep httpx from importing its own command-line tool, which nothing here uses.

``import httpx`` also imports ``httpx._main`` (its ``httpx`` command) and with it heavy modules of click,
rich and pygments: 60 to 100 ms of every start-up, the TUI's backend and ``textbots-tui run`` alike (an open
upstream issue). A stand-in module takes its place until someone calls ``httpx.main``, which then loads the
real one, so the library behaves as before.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_NAME = "httpx._main"


def skip_httpx_cli() -> None:
    """Put the stand-in in place, unless httpx (or its tool) is imported already."""
    if "httpx" in sys.modules or _NAME in sys.modules:
        return
    stand_in = types.ModuleType(_NAME, "Stand-in for httpx's command-line tool: loads it on first call.")

    def main(*args: Any, **kwargs: Any) -> Any:
        if sys.modules.get(_NAME) is stand_in:
            del sys.modules[_NAME]
        return importlib.import_module(_NAME).main(*args, **kwargs)

    stand_in.main = main  # type: ignore[attr-defined]
    sys.modules[_NAME] = stand_in
