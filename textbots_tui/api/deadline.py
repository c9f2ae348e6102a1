"""The bound on one HTTP attempt in all: one timer for every attempt a client has in flight.

Every turn of every session arms a deadline. ``asyncio.timeout`` gives each its own timer handle, which costs
a heap push and, once cancelled, a place in the event loop's heap until it is swept out: about 6 µs a turn.
Here a client's attempts all have the same length, so they end in the order they start: :class:`Deadlines`
keeps them in that order and one timer, set for the oldest. When it fires, the attempts whose time is up are
cancelled, as ``asyncio.timeout`` would cancel them, and the timer is set again for the oldest left.
"""

from __future__ import annotations

import asyncio


class Deadline:
    """One attempt's deadline: cancels its task when the time is up, unless the attempt ended first.

    Made by :meth:`Deadlines.arm`; used in the same task, as ``asyncio.timeout`` is::

        deadline = deadlines.arm()
        try:
            await work()
        except asyncio.CancelledError:
            if not deadline.caused():
                raise
            ...  # the time ran out
        finally:
            deadline.disarm()
    """

    __slots__ = ("_cancelling", "_left", "_pending", "_task", "expired", "when")

    def __init__(self, pending: dict[int, Deadline], task: asyncio.Task[object], when: float) -> None:
        self._pending = pending
        self._task = task
        self._cancelling = task.cancelling()
        self._left: int | None = None
        self.when = when
        """The event loop's time at which the attempt is cut off."""
        self.expired = False
        """Whether the time ran out (and the task was cancelled for it)."""

    def expire(self) -> None:
        """The time is up: cancel the task (the attempt sees a ``CancelledError``)."""
        self.expired = True
        self._task.cancel()

    def caused(self) -> bool:
        """For a ``CancelledError`` caught in the task: whether the deadline alone caused it.

        A cancellation asked for by someone else at the same time still counts: then this says ``False``
        and the error must be raised.
        """
        return self.expired and self._withdraw() <= self._cancelling

    def disarm(self) -> None:
        """The attempt ended, whichever way: stop watching it."""
        self._pending.pop(id(self), None)
        if self.expired:
            self._withdraw()

    def _withdraw(self) -> int:
        # The deadline's own cancellation is withdrawn once, whichever way the attempt ended.
        if self._left is None:
            self._left = self._task.uncancel()
        return self._left


class Deadlines:
    """Deadlines of ``seconds`` for a client's attempts, all watched by one timer."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        # In the order they were armed, which is the order they expire in: all have the same length.
        self._pending: dict[int, Deadline] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def arm(self) -> Deadline:
        """Start the deadline of an attempt of the current task (:meth:`Deadline.disarm` it when it ends)."""
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("a deadline is armed inside a task")
        loop = asyncio.get_running_loop()
        deadline = Deadline(self._pending, task, loop.time() + self.seconds)
        self._pending[id(deadline)] = deadline
        if self._timer is None or self._loop is not loop:  # none set, or set on a loop since closed
            self._set_timer(loop, deadline.when)
        return deadline

    def _set_timer(self, loop: asyncio.AbstractEventLoop, when: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._loop = loop
        self._timer = loop.call_at(when, self._fire)

    def _fire(self) -> None:
        self._timer = None
        loop = self._loop
        assert loop is not None
        now = loop.time()
        for key, deadline in list(self._pending.items()):
            if deadline.when > now:
                self._set_timer(loop, deadline.when)
                return
            del self._pending[key]
            deadline.expire()
