"""The disconnect watch of the streaming answers (agentrun/local/asgi.py until_disconnect): the work's answer or error
comes back as it is; a caller leaving cancels the work as an anyio task group would (ClientDisconnected), so the
cleanups the work shields run to their end; cancelling the request cancels the work, waits for its cleanup, and the
cancellation goes on as the one that came (an anyio scope around the call still catches its own). The watch in
the request's own task (`until_disconnect_here`, tests/local/test_local_disconnect_here.py) gives the same answers
and errors.
`receive` is a test double for the ASGI server's: it answers `http.disconnect` when told to."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import pytest
from local_helpers import LeavingReceive as _Receive

from agentrun.local.asgi import ClientDisconnected, until_disconnect, until_disconnect_here

Watch = Callable[[Any, Callable[[], Awaitable[int]]], Awaitable[int]]


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


async def test_a_caller_leaving_cancels_the_work_but_not_its_shielded_cleanup() -> None:
    receive, cleaned = _Receive(), asyncio.Event()

    async def slow() -> None:
        try:
            receive.leave.set()
            await asyncio.sleep(30)
        finally:
            with anyio.CancelScope(shield=True):  # as a temporary context is deleted: never cut short
                await asyncio.sleep(0.01)
                await asyncio.sleep(0.01)
                cleaned.set()

    with pytest.raises(ClientDisconnected):
        await asyncio.wait_for(until_disconnect(receive, slow), 5)
    assert cleaned.is_set()


async def test_cancelling_the_request_cancels_the_work_after_its_cleanup() -> None:
    started, cleaned = asyncio.Event(), asyncio.Event()

    async def slow() -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            with anyio.CancelScope(shield=True):
                await asyncio.sleep(0.01)
                cleaned.set()

    request = asyncio.ensure_future(until_disconnect(_Receive(), slow))
    await started.wait()
    request.cancel()
    request.cancel()  # twice: the second lands while the cleanup runs
    with pytest.raises(asyncio.CancelledError):
        await request
    assert cleaned.is_set()


async def test_an_anyio_scope_around_the_call_catches_its_own_cancellation() -> None:
    started, cleaned = asyncio.Event(), asyncio.Event()

    async def slow() -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        finally:
            cleaned.set()

    async def cancel_when_started(scope: anyio.CancelScope) -> None:
        await started.wait()
        scope.cancel()

    with anyio.CancelScope() as scope:
        canceller = asyncio.ensure_future(cancel_when_started(scope))
        await until_disconnect(_Receive(), slow)
    await canceller
    assert scope.cancelled_caught
    assert cleaned.is_set()
