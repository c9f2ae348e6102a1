"""The garbage collector paused while a command starts up: one rule for the TUI and for ``run``.

Until its backend is open (the TUI: after its first frame) or its client is built (``run``), a process makes
tens of thousands of objects that live as long as it does: modules, classes, styles, widgets, the API models,
the simulator's flows. The cyclic collector's passes would walk them again and again while they are made
(about 7% of the time to the first screen and of a one-script run; in the TUI, some 25 ms in 160 passes
between the first frame and the first bot message of ``--flow``). So the collector is paused for the start-up
and resumed with what the start-up made frozen: out of every later pass, which would otherwise cost tens of
milliseconds each while the user presses the first keys or the first scenarios run.
"""

from __future__ import annotations

import gc

__all__ = ["PausedCollector"]


class PausedCollector:
    """The garbage collector paused for a start-up, as a context manager.

    :meth:`resume` ends the pause with what the start-up made frozen (once the TUI's backend is open, once
    ``run`` has its client); leaving the block resumes the collector in any case (an error, an app that never
    drew). A collector that was off before stays off.
    """

    def __init__(self) -> None:
        self._was_on = gc.isenabled()

    def __enter__(self) -> PausedCollector:
        gc.disable()
        return self

    def resume(self) -> None:
        """Freeze what the start-up made and resume collecting (once; nothing if the collector was off)."""
        if self._was_on and not gc.isenabled():
            gc.freeze()
            gc.enable()

    def __exit__(self, *exc_info: object) -> None:
        if self._was_on:
            gc.enable()
