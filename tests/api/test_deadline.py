"""``Deadlines``: the client's bound on each HTTP attempt, one timer for all, told apart from other
cancellations."""

from __future__ import annotations

import asyncio

import pytest

from textbots_tui.api.deadline import Deadlines


async def test_the_deadline_cancels_the_work_and_says_it_did() -> None:
    deadline = Deadlines(0.01).arm()
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
    deadline = Deadlines(0.01).arm()
    await asyncio.sleep(0)
    deadline.disarm()
    await asyncio.sleep(0.03)  # past the deadline: it is no longer watched, nothing is cancelled
    assert not deadline.expired


async def test_one_timer_cuts_off_each_attempt_at_its_own_time() -> None:
    deadlines = Deadlines(0.05)
    ended: list[str] = []

    async def attempt(name: str, start_after: float, work: float) -> None:
        await asyncio.sleep(start_after)
        deadline = deadlines.arm()
        try:
            await asyncio.sleep(work)
            ended.append(f"{name} done")
        except asyncio.CancelledError:
            assert deadline.caused()
            ended.append(f"{name} cut off")
        finally:
            deadline.disarm()

    await asyncio.gather(
        attempt("quick", 0.0, 0.01),
        attempt("slow", 0.0, 1.0),
        attempt("later quick", 0.03, 0.01),
        attempt("later slow", 0.03, 1.0),  # armed after the timer was set: cut off at its own time
    )
    assert sorted(ended) == ["later quick done", "later slow cut off", "quick done", "slow cut off"]


async def test_a_cancellation_from_outside_is_not_taken_for_the_deadline() -> None:
    started = asyncio.Event()
    outcome: list[str] = []

    async def call() -> None:
        deadline = Deadlines(60.0).arm()
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
        deadline = Deadlines(0.01).arm()
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
