"""The disconnect watch in the request's own task (agentrun/local/asgi.py until_disconnect_here, used by the hot
paths): a caller leaving cancels the work
(ClientDisconnected), and cancelling the request cancels the work and waits for its cleanup, even one that is not
shielded (the work's answer and error: tests/local/test_local_disconnect.py, for both watches). `receive` is a test
double for the ASGI server's: it answers `http.disconnect` when told to."""

from __future__ import annotations

import asyncio

import pytest
from local_helpers import LeavingReceive as _Receive

from agentrun.local.asgi import ClientDisconnected
from agentrun.local.asgi import until_disconnect_here as until_disconnect


async def test_a_caller_leaving_cancels_the_work_once_so_a_cleanup_that_waits_finishes() -> None:
    receive, cleaned = _Receive(), asyncio.Event()

    async def slow() -> None:
        try:
            receive.leave.set()
            await asyncio.sleep(30)
        finally:
            await asyncio.sleep(0.01)  # not shielded: the work runs in the request's task, cancelled once
            cleaned.set()

    with pytest.raises(ClientDisconnected):
        async with asyncio.timeout(5):  # in this task (wait_for would run it in another)
            await until_disconnect(receive, slow)
    assert cleaned.is_set()
    task = asyncio.current_task()
    assert task is not None and task.cancelling() == 0  # the watcher's cancellation was taken back


async def test_a_failing_receive_stops_the_work_with_its_error() -> None:
    async def broken() -> dict[str, object]:
        await asyncio.sleep(0)
        raise OSError("the connection broke")

    async def slow() -> None:
        await asyncio.sleep(30)

    with pytest.raises(OSError, match="the connection broke"):
        await asyncio.wait_for(until_disconnect(broken, slow), 5)


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
        assert await until_disconnect(receive, stubborn) == 7
    task = asyncio.current_task()
    assert task is not None and task.cancelling() == 0
    await asyncio.sleep(0)  # and nothing is left to cancel this task later


async def test_a_caller_cancelled_after_the_client_left_is_still_cancelled() -> None:
    receive, started = _Receive(), asyncio.Event()

    async def slow() -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            await asyncio.sleep(0.01)

    request = asyncio.ensure_future(until_disconnect(receive, slow))
    await started.wait()
    request.cancel()
    receive.leave.set()
    with pytest.raises(asyncio.CancelledError):
        await request


async def test_cancelling_the_request_cancels_the_work_after_its_cleanup() -> None:
    started, cleaned = asyncio.Event(), asyncio.Event()

    async def slow() -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            await asyncio.sleep(0.01)  # cleanup that itself waits
            cleaned.set()

    request = asyncio.ensure_future(until_disconnect(_Receive(), slow))
    await started.wait()
    request.cancel()
    with pytest.raises(asyncio.CancelledError):
        await request
    assert cleaned.is_set()
