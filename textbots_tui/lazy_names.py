"""Names a module offers without importing where they come from until one is first read: one rule for every
module that does.

A module that offers the names of a costly one (the bots' ``execute`` models, the journal's reader, the script
writer with PyYAML's dumper) keeps that module out of its own import: its ``__getattr__`` (PEP 562), made by
:func:`names_from`, imports it when one of those names is first read, and keeps the value in the module, so
later reads find it at once. Only the standard library is used: every layer imports this.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Collection
from typing import Any

__all__ = ["names_from"]


def names_from(module: str, source: str, names: Collection[str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of module ``module`` that takes ``names`` from module ``source`` when first read;
    any other name is missing, as usual."""

    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        setattr(sys.modules[module], name, value)  # later reads find it without this function
        return value

    return __getattr__
