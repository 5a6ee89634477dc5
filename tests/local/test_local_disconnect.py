"""The two disconnect watches (agentrun/local/asgi.py). Both: the work's answer or error comes back as it is, a caller
leaving raises ClientDisconnected after the work's cleanup, and cancelling the request cancels the work and waits for
its cleanup before the cancellation goes on.

- `until_disconnect` runs the work in a task of its own under an anyio cancel scope: a caller leaving cancels it as
  a task group would, so what the work shields runs to its end however often the request is cancelled meanwhile,
  and an anyio scope around the call still catches its own cancellation.
- `until_disconnect_here` runs the work in the request's own task, which it cancels once, natively: a cleanup runs
  to its end without a shield, and the task's cancellation count is left as it was.

`receive` is a test double for the ASGI server's: it answers `http.disconnect` when told to."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import pytest
from local_helpers import LeavingReceive as _Receive

from agentrun.local.asgi import WATCH_AFTER_SECONDS, ClientDisconnected, until_disconnect, until_disconnect_here

Watch = Callable[[Any, Callable[[], Awaitable[Any]]], Awaitable[Any]]


def _slow_work(started: asyncio.Event, cleaned: asyncio.Event, *, shield: bool) -> Callable[[], Awaitable[None]]:
    """Work that waits until cancelled, then cleans up in two waits (shielded from anyio's cancellation, or not)."""

    async def cleanup() -> None:
        await asyncio.sleep(0.01)
        await asyncio.sleep(0.01)
        cleaned.set()

    async def slow() -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            if shield:
                with anyio.CancelScope(shield=True):  # as a temporary context is deleted: never cut short
                    await cleanup()
            else:
                await cleanup()

    return slow


@pytest.mark.parametrize("watch", [until_disconnect, until_disconnect_here], ids=["own task", "here"])
async def test_the_answer_and_the_error_of_the_work_come_back_as_they_are(watch: Watch) -> None:
    async def answer() -> int:
        await asyncio.sleep(0)
        return 42

    async def fail() -> int:
        raise LookupError("nope")

    assert await watch(_Receive(), answer) == 42
    with pytest.raises(LookupError, match="nope"):
        await watch(_Receive(), fail)


@pytest.mark.parametrize("watch", [until_disconnect, until_disconnect_here], ids=["own task", "here"])
async def test_work_shorter_than_the_watch_delay_never_reads_the_request(watch: Watch) -> None:
    """The watch starts only after WATCH_AFTER_SECONDS: quick work (most hot-path calls) costs no watcher task."""
    reads = 0

    async def counting_receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        await asyncio.sleep(30)
        return {"type": "http.disconnect"}

    async def quick() -> int:
        await asyncio.sleep(0)
        return 1

    assert await watch(counting_receive, quick) == 1
    await asyncio.sleep(WATCH_AFTER_SECONDS * 2)  # a watch left scheduled would read by now
    assert reads == 0


@pytest.mark.parametrize(
    ("watch", "shield"), [(until_disconnect, True), (until_disconnect_here, False)], ids=["own task", "here"]
)
async def test_a_caller_gone_before_the_work_starts_is_noticed_once_the_watch_starts(
    watch: Watch, shield: bool
) -> None:
    receive, started, cleaned = _Receive(), asyncio.Event(), asyncio.Event()
    receive.leave.set()
    with pytest.raises(ClientDisconnected):
        async with asyncio.timeout(5):
            await watch(receive, _slow_work(started, cleaned, shield=shield))
    assert started.is_set() and cleaned.is_set()


@pytest.mark.parametrize(
    ("watch", "shield"), [(until_disconnect, True), (until_disconnect_here, False)], ids=["own task", "here"]
)
async def test_a_caller_leaving_cancels_the_work_after_its_cleanup(watch: Watch, shield: bool) -> None:
    receive, cleaned = _Receive(), asyncio.Event()
    with pytest.raises(ClientDisconnected):
        async with asyncio.timeout(5):  # in this task (wait_for would run it in another)
            await watch(receive, _slow_work(receive.leave, cleaned, shield=shield))
    assert cleaned.is_set()
    task = asyncio.current_task()
    assert task is not None and task.cancelling() == 0  # no cancellation of this task is left counted


@pytest.mark.parametrize(
    ("watch", "shield", "cancels"),
    [(until_disconnect, True, 2), (until_disconnect_here, False, 1)],
    ids=["own task, cancelled twice", "here"],
)
async def test_cancelling_the_request_cancels_the_work_after_its_cleanup(
    watch: Watch, shield: bool, cancels: int
) -> None:
    started, cleaned = asyncio.Event(), asyncio.Event()
    request = asyncio.ensure_future(watch(_Receive(), _slow_work(started, cleaned, shield=shield)))
    await started.wait()
    for _ in range(cancels):  # a second one lands while the cleanup runs
        request.cancel()
        await asyncio.sleep(0.005)
    with pytest.raises(asyncio.CancelledError):
        await request
    assert cleaned.is_set()


async def test_an_anyio_scope_around_the_call_catches_its_own_cancellation() -> None:
    started, cleaned = asyncio.Event(), asyncio.Event()

    async def cancel_when_started(scope: anyio.CancelScope) -> None:
        await started.wait()
        scope.cancel()

    with anyio.CancelScope() as scope:
        canceller = asyncio.ensure_future(cancel_when_started(scope))
        await until_disconnect(_Receive(), _slow_work(started, cleaned, shield=True))
    await canceller
    assert scope.cancelled_caught
    assert cleaned.is_set()


# -- until_disconnect_here only ------------------------------------------------------------------------------------


async def test_a_failing_receive_stops_the_work_with_its_error() -> None:
    async def broken() -> dict[str, object]:
        await asyncio.sleep(0)
        raise OSError("the connection broke")

    async def slow() -> None:
        await asyncio.sleep(30)

    with pytest.raises(OSError, match="the connection broke"):
        await asyncio.wait_for(until_disconnect_here(broken, slow), 5)


async def test_work_that_swallows_the_cancellation_still_answers_and_leaves_the_task_uncancelled() -> None:
    receive = _Receive()

    async def stubborn() -> int:
        receive.leave.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            return 7
        return 0

    async with asyncio.timeout(5):
        assert await until_disconnect_here(receive, stubborn) == 7
    task = asyncio.current_task()
    assert task is not None and task.cancelling() == 0
    await asyncio.sleep(0)  # and nothing is left to cancel this task later


async def test_a_caller_cancelled_after_the_client_left_is_still_cancelled() -> None:
    receive, started, cleaned = _Receive(), asyncio.Event(), asyncio.Event()
    request = asyncio.ensure_future(until_disconnect_here(receive, _slow_work(started, cleaned, shield=False)))
    await started.wait()
    request.cancel()
    receive.leave.set()
    with pytest.raises(asyncio.CancelledError):
        await request
