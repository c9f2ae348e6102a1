"""The ``textbots-tui`` command: the TUI (the bare command), and one module per sub-command.

:func:`run` is what the installed command runs: a plain command line that only opens the TUI
(``textbots-tui``, ``--simulator``, ``--flow ID``...) is opened by ``launch.quick_start`` without importing
click; any other goes to the click command :data:`main` (in :mod:`textbots_tui.cli.group`, with
:data:`COMMANDS`), which is imported when asked for: the time to the first screen counts.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textbots_tui.cli.group import COMMANDS, main

__all__ = ["COMMANDS", "main", "run"]

# The app uses no pydantic plugins, and looking for them reads the metadata of every installed package
# (about 10 ms of every start, more in a large environment): every command, the TUI's quick start included,
# comes through this package. Pydantic's own switch: set it empty to load them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def run() -> None:
    """Run the ``textbots-tui`` command with the process's arguments."""
    from textbots_tui.cli.launch import quick_start

    code = quick_start(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from textbots_tui.cli.group import main

    main(prog_name="textbots-tui")


def __getattr__(name: str) -> Any:
    """``main`` and ``COMMANDS`` come from :mod:`textbots_tui.cli.group` (with click) when first asked for."""
    if name in ("COMMANDS", "main"):
        from textbots_tui.cli import group

        return getattr(group, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
