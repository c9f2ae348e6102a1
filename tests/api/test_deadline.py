"""``Deadline``: the client's bound on one HTTP attempt, told apart from other cancellations."""

from __future__ import annotations

import asyncio

import pytest

from textbots_tui.api.deadline import Deadline


async def test_the_deadline_cancels_the_work_and_says_it_did() -> None:
    deadline = Deadline(0.01)
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        assert deadline.caused()
    else:  # pragma: no cover - the wait never ends by itself
        raise AssertionError("the deadline did not fire")
    finally:
        deadline.disarm()
    task = asyncio.current_task()
    assert task is not None and task.cancelling() == 0  # nothing left pending: the task goes on
    await asyncio.sleep(0)


async def test_work_that_ends_in_time_is_not_cancelled_later() -> None:
    deadline = Deadline(0.01)
    await asyncio.sleep(0)
    deadline.disarm()
    await asyncio.sleep(0.03)  # past the deadline: the timer was stopped, nothing is cancelled
    assert not deadline.expired


async def test_a_cancellation_from_outside_is_not_taken_for_the_deadline() -> None:
    started = asyncio.Event()
    outcome: list[str] = []

    async def call() -> None:
        deadline = Deadline(60.0)
        try:
            started.set()
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            outcome.append("deadline" if deadline.caused() else "outside")
            raise
        finally:
            deadline.disarm()

    task = asyncio.create_task(call())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert outcome == ["outside"]


async def test_an_outside_cancellation_at_the_deadline_still_counts() -> None:
    outcome: list[str] = []

    async def call() -> None:
        deadline = Deadline(0.01)
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            current = asyncio.current_task()
            assert current is not None
            current.cancel()  # someone else asks too, before the handler decides
            outcome.append("deadline" if deadline.caused() else "outside")
            raise
        finally:
            deadline.disarm()

    with pytest.raises(asyncio.CancelledError):
        await asyncio.create_task(call())
    assert outcome == ["outside"]
