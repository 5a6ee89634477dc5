"""The gateway's disconnect watch (agentrun/local/models/watch.py): the work's answer or error comes back as it is,
a caller leaving cancels the work (ClientDisconnected), and cancelling the request cancels the work and waits for its
cleanup. `receive` here is a test double for the ASGI server's: it answers `http.disconnect` when told to."""

from __future__ import annotations

import asyncio

import pytest
from starlette.types import Message

from agentrun.local.asgi import ClientDisconnected
from agentrun.local.models.watch import until_disconnect


class _Receive:
    def __init__(self) -> None:
        self.leave = asyncio.Event()

    async def __call__(self) -> Message:
        await self.leave.wait()
        return {"type": "http.disconnect"}


async def test_the_answer_and_the_error_of_the_work_come_back_as_they_are() -> None:
    async def answer() -> int:
        await asyncio.sleep(0)
        return 42

    async def fail() -> int:
        raise LookupError("nope")

    assert await until_disconnect(_Receive(), answer) == 42
    with pytest.raises(LookupError, match="nope"):
        await until_disconnect(_Receive(), fail)


async def test_a_caller_leaving_cancels_the_work() -> None:
    receive, cleaned = _Receive(), asyncio.Event()

    async def slow() -> None:
        try:
            receive.leave.set()
            await asyncio.sleep(30)
        finally:
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
            await asyncio.sleep(0.01)  # cleanup that itself waits
            cleaned.set()

    request = asyncio.ensure_future(until_disconnect(_Receive(), slow))
    await started.wait()
    request.cancel()
    with pytest.raises(asyncio.CancelledError):
        await request
    assert cleaned.is_set()
