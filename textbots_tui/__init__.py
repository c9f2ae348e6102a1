"""textbots-tui: test, script and demo Genesys Cloud bot flows from the terminal.

Importing the package also keeps httpx from importing its own command-line tool, which nothing here uses:
``import httpx`` imports ``httpx._main`` (its ``httpx`` command) and with it heavy modules of click, rich and
pygments, 60 to 100 ms of every start-up (an open upstream issue). An import hook hands httpx a stand-in
module instead, whose ``main`` loads the real tool on first call, so the library behaves as before. Nothing
is imported or loaded until httpx itself is.
"""

from __future__ import annotations

import importlib
import sys
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__version__ = "0.1.0"

_HTTPX_CLI = "httpx._main"


class _HttpxCliStandIn:
    """A finder and loader for ``httpx._main`` only: the stand-in module, until the real one is asked for."""

    def __init__(self) -> None:
        self.active = True

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        """Offer the stand-in for httpx's tool; every other module is found as usual."""
        # A loader by duck typing: importing importlib.abc for its base class would cost start-up time.
        return ModuleSpec(name, cast("Loader", self)) if self.active and name == _HTTPX_CLI else None

    def create_module(self, spec: ModuleSpec) -> None:
        """The default module object."""
        return None

    def exec_module(self, module: ModuleType) -> None:
        """Give the stand-in a ``main`` that loads and runs the real tool (a plain function: httpx sets its
        ``__module__``)."""

        def main(*args: Any, **kwargs: Any) -> Any:
            self.active = False
            sys.modules.pop(_HTTPX_CLI, None)
            return importlib.import_module(_HTTPX_CLI).main(*args, **kwargs)

        module.main = main  # type: ignore[attr-defined]


if "httpx" not in sys.modules:
    sys.meta_path.insert(0, _HttpxCliStandIn())
