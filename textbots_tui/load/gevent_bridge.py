"""An asyncio event loop run by a greenlet, for Locust's users to drive the async client and controller.

Locust users are greenlets on gevent's hub; the API client, the controller and the script runner are asyncio.
Under gevent's patching, asyncio's selector is gevent's, so an asyncio loop run by a greenlet waits for I/O
through the hub like any greenlet: the loop and the users share one thread cooperatively, with no locks.
A user that runs a coroutine (:meth:`AsyncBridge.run`) waits for it alone; callbacks from the loop (a request
finished) are handed to the hub, so Locust's events are fired outside the loop's own callbacks.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import gevent
from gevent.event import AsyncResult

T = TypeVar("T")


class AsyncBridge:
    """A private asyncio loop run by its own greenlet; :meth:`run` blocks the calling greenlet only."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._hub = gevent.get_hub()
        self._greenlet = gevent.spawn(self.loop.run_forever)

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on the loop and return its result (or raise its exception) in this greenlet.

        When the greenlet is killed while waiting (a forced stop), the coroutine is cancelled too, so no
        request goes on without anyone to report it.
        """
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        done = AsyncResult()
        future.add_done_callback(lambda _f: self._hub.loop.run_callback_threadsafe(done.set, None))
        try:
            done.get()
        except BaseException:
            future.cancel()
            raise
        try:
            return future.result()
        except concurrent.futures.CancelledError as exc:
            raise asyncio.CancelledError() from exc

    def to_gevent(self, func: Callable[..., object], *args: object) -> None:
        """Call ``func(*args)`` soon from the hub, outside the loop's callbacks."""
        self._hub.loop.run_callback_threadsafe(func, *args)

    def close(self) -> None:
        """Stop the loop and wait for its greenlet."""
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._greenlet.join(timeout=5)
        self.loop.close()
