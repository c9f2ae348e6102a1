"""``Deadline``: the bound on one HTTP attempt in all, armed once per attempt at a third of the cost of
``asyncio.timeout``.

Every turn of every session arms one, and ``asyncio.timeout`` spends about 6 µs on its state machine; this
keeps one timer handle and a flag. When the time is up it cancels the task, as ``asyncio.timeout`` does, and
:meth:`Deadline.caused` tells that cancellation apart from one asked for by someone else.
"""

from __future__ import annotations

import asyncio


class Deadline:
    """Cancels the current task once ``seconds`` have passed, unless :meth:`disarm` comes first.

    Use it as ``asyncio.timeout`` is used, in the same task::

        deadline = Deadline(60.0)
        try:
            await work()
        except asyncio.CancelledError:
            if not deadline.caused():
                raise
            ...  # the time ran out
        finally:
            deadline.disarm()
    """

    __slots__ = ("_cancelling", "_handle", "_left", "_task", "expired")

    def __init__(self, seconds: float) -> None:
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("Deadline must be armed inside a task")
        self._task = task
        self._cancelling = task.cancelling()
        self._left: int | None = None
        self.expired = False
        """Whether the time ran out (and the task was cancelled for it)."""
        self._handle = asyncio.get_running_loop().call_later(seconds, self._expire)

    def _expire(self) -> None:
        self.expired = True
        self._task.cancel()

    def _withdraw(self) -> int:
        # The deadline's own cancellation is withdrawn once, whichever way the work ended.
        if self._left is None:
            self._left = self._task.uncancel()
        return self._left

    def caused(self) -> bool:
        """For a ``CancelledError`` caught in the task: whether the deadline alone caused it.

        A cancellation asked for by someone else at the same time still counts: then this says ``False``
        and the error must be raised.
        """
        return self.expired and self._withdraw() <= self._cancelling

    def disarm(self) -> None:
        """Stop the timer (the work ended, whichever way)."""
        self._handle.cancel()
        if self.expired:
            self._withdraw()
