"""The no-input countdown: how long until the flow expects a ``NoInput`` turn."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

TICK_S = 0.25
"""How often the remaining time is recomputed; the display changes once a second."""


class Countdown(Static):
    """Counts down the flow's ``noInputTimeoutMilliseconds`` and posts :class:`Countdown.Expired` at zero.

    Hidden while nothing is counting. The time source is injectable so tests can move time on without waiting.
    """

    DEFAULT_CSS = """
    Countdown {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        display: none;
        &.-running { display: block; }
        &.-urgent { color: $text-warning; }
    }
    """

    class Expired(Message):
        """The countdown reached zero."""

    auto_noinput: reactive[bool] = reactive(False)
    """Whether reaching zero sends NoInput by itself (the screen acts on :class:`Expired`); shown."""
    remaining_s: reactive[int] = reactive(0)
    """Whole seconds left, rounded up."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.clock = clock
        self._deadline: float | None = None
        self._timer: Timer | None = None

    @property
    def running(self) -> bool:
        """Whether a countdown is in progress."""
        return self._deadline is not None

    def start(self, timeout_ms: int) -> None:
        """Count down ``timeout_ms`` from now, replacing any countdown in progress."""
        self._deadline = self.clock() + timeout_ms / 1000
        self.add_class("-running")
        if self._timer is None:
            self._timer = self.set_interval(TICK_S, self.tick)
        self.tick()

    def stop(self) -> None:
        """Stop and hide the countdown without posting anything."""
        self._deadline = None
        self.remove_class("-running", "-urgent")
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def tick(self) -> None:
        """Recompute the time left; at zero stop and post :class:`Expired`."""
        if self._deadline is None:
            return
        left = self._deadline - self.clock()
        if left <= 0:
            self.stop()
            self.post_message(self.Expired())
            return
        self.remaining_s = math.ceil(left)
        self.set_class(left <= 5, "-urgent")
        self._show()

    def watch_auto_noinput(self) -> None:
        """Reflect the auto setting in the text."""
        self._show()

    def _show(self) -> None:
        mode = "sent automatically" if self.auto_noinput else "ctrl+t sends it automatically"
        self.update(Content.assemble("NoInput in ", (f"{self.remaining_s} s", "bold"), f" ({mode})"))
