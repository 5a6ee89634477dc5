"""The gateway's disconnect watch (agentrun/local/models/watch.py): a caller leaving cancels the work
(ClientDisconnected), and cancelling the request cancels the work and waits for its cleanup, even one that is not
shielded (the work's answer and error: tests/local/test_local_disconnect.py, for both watches). `receive` is a test
double for the ASGI server's: it answers `http.disconnect` when told to."""

from __future__ import annotations

import asyncio

import pytest
from local_helpers import LeavingReceive as _Receive

from agentrun.local.asgi import ClientDisconnected
from agentrun.local.models.watch import until_disconnect


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
