"""Background imports that give way to the user's keys.

The backend (httpx, pydantic and the API models, maybe the simulator) is imported in a thread after the first
frame. The interpreter runs one thread at a time, so an import running while the app answers a key (opening
the launch dialog, say) halves the speed of both: the answer comes late. So the backend is imported in steps,
and before each step the thread waits while the app is answering a key (:class:`KeyAnswers`), for so long in
all at most: the backend is never late by more than that.

The thread waits between steps only, holding no import lock: the event loop may import anything meanwhile.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Iterable

__all__ = ["ANSWER_WINDOW_S", "KeyAnswers", "import_giving_way"]

ANSWER_WINDOW_S = 0.25
"""How long after a key the app counts as answering it (the launch dialog takes about 0.2 s to open)."""


class KeyAnswers:
    """Whether the app is answering a key now (:meth:`busy` .. :meth:`idle`), for a background thread to
    :meth:`wait` on, ``budget_s`` seconds at most in all."""

    def __init__(self, budget_s: float = 0.5) -> None:
        self._clear = threading.Event()
        self._clear.set()
        self._budget_s = budget_s
        self._lock = threading.Lock()

    @property
    def answering(self) -> bool:
        """Whether the app is answering a key now."""
        return not self._clear.is_set()

    @property
    def budget_s(self) -> float:
        """How much longer, in seconds, a thread may still be held back."""
        return max(0.0, self._budget_s)

    def busy(self) -> None:
        """The app has started answering a key."""
        self._clear.clear()

    def idle(self) -> None:
        """The app has answered."""
        self._clear.set()

    def wait(self) -> None:
        """Return once the app is not answering a key, or the budget is spent."""
        if self._clear.is_set() or self._budget_s <= 0:
            return
        started = time.monotonic()
        self._clear.wait(self._budget_s)
        with self._lock:
            self._budget_s -= time.monotonic() - started


def import_giving_way(names: Iterable[str], answers: KeyAnswers) -> None:
    """Import the modules ``names`` one after the other (each with what it imports), waiting before each
    while the app answers a key."""
    for name in names:
        answers.wait()
        importlib.import_module(name)
