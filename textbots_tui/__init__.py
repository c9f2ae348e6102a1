"""textbots-tui: test, script and demo Genesys Cloud bot flows from the terminal.

Importing the package also keeps two libraries from importing, on every start, modules that only serve what
the app never uses. Each is handed a stand-in module (an import hook) that loads the real one on first need,
so the library behaves as before. Nothing is imported or loaded until the library itself is.

- ``httpx._main``: ``import httpx`` imports its own command-line tool and with it heavy modules of click,
  rich and pygments, 60 to 100 ms (an open upstream issue). The stand-in's ``main`` runs the real tool.
- ``pydantic.plugin._loader``: the first pydantic model imports ``importlib.metadata`` (about 5 ms) to look
  for plugins even when ``PYDANTIC_DISABLE_PLUGINS`` switches them all off. The stand-in's ``get_plugins``
  answers "none" when that variable says so, exactly as pydantic's own does, and asks the real module
  otherwise.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__version__ = "0.1.0"


class _StandIn:
    """A finder and loader for one module: a stand-in, filled by ``fill``, until the real one is asked for."""

    def __init__(self, name: str, fill: Callable[[ModuleType, Callable[[], ModuleType]], None]) -> None:
        self.name = name
        self.fill = fill
        self.active = True

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        """Offer the stand-in for our module; every other module is found as usual."""
        # A loader by duck typing: importing importlib.abc for its base class would cost start-up time.
        return ModuleSpec(name, cast("Loader", self)) if self.active and name == self.name else None

    def create_module(self, spec: ModuleSpec) -> None:
        """The default module object."""
        return None

    def exec_module(self, module: ModuleType) -> None:
        """Fill the stand-in (its functions get the real module from :meth:`real`)."""
        self.fill(module, self.real)

    def real(self) -> ModuleType:
        """The real module, imported in place of the stand-in (once; later calls find it imported)."""
        if self.active:
            self.active = False
            sys.modules.pop(self.name, None)
        return importlib.import_module(self.name)


def _httpx_cli(module: ModuleType, real: Callable[[], ModuleType]) -> None:
    """httpx's tool: a ``main`` that loads and runs the real one (a plain function: httpx sets its
    ``__module__``)."""

    def main(*args: Any, **kwargs: Any) -> Any:
        return real().main(*args, **kwargs)

    module.main = main  # type: ignore[attr-defined]


_PLUGINS_OFF = ("__all__", "1", "true")
"""The values of ``PYDANTIC_DISABLE_PLUGINS`` with which pydantic loads no plugin at all."""


def _pydantic_plugins(module: ModuleType, real: Callable[[], ModuleType]) -> None:
    """pydantic's plugin loader: no plugins while they are all switched off; anything else from the real
    loader."""

    def get_plugins() -> Any:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _PLUGINS_OFF:
            return ()
        return real().get_plugins()

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):  # the import machinery asks for __path__ and others: no reason to load
            raise AttributeError(name)
        return getattr(real(), name)

    module.get_plugins = get_plugins  # type: ignore[attr-defined]
    module.__getattr__ = __getattr__  # type: ignore[method-assign]


for _name, _fill in (("httpx._main", _httpx_cli), ("pydantic.plugin._loader", _pydantic_plugins)):
    if _name.partition(".")[0] not in sys.modules:
        sys.meta_path.insert(0, _StandIn(_name, _fill))
