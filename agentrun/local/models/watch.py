"""Work that stops when the caller leaves, for the hot paths of the gateway and of tool calls (work whose cleanup
needs no shield). The work runs in the request's own task, which a watcher task cancels once, natively, when the
caller disconnects (ClientDisconnected is raised then): no task for the work, no anyio scope, so the answer is sent
in the very loop turn the upstream's arrives (bench/models.py; `agentrun.local.asgi.until_disconnect` keeps a task
of its own for the sandbox's shielded cleanups)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from starlette.types import Receive

from agentrun.local.asgi import ClientDisconnected

T = TypeVar("T")


async def until_disconnect(receive: Receive, work: Callable[[], Awaitable[T]]) -> T:
    """`await work()`, cancelled once as soon as the client disconnects (ClientDisconnected is raised then; the
    work's cleanup, even one that waits, runs to its end). What `work` raises is raised as it is; so is a
    cancellation of the caller, which reaches the work the same way."""
    task = asyncio.current_task()
    assert task is not None
    why: list[BaseException | None] = []  # set by the watcher when it cancels the task: None if the caller left

    async def watch() -> None:
        try:
            while (await receive())["type"] != "http.disconnect":
                pass
            why.append(None)
        except Exception as failure:  # the server's receive failed: the work cannot go on either
            why.append(failure)
        task.cancel()

    watcher = asyncio.get_running_loop().create_task(watch())
    try:
        answer = await work()
    except asyncio.CancelledError:
        if why and task.uncancel() == 0:  # the watcher's cancellation, and no other
            if why[0] is not None:
                raise why[0] from None
            raise ClientDisconnected from None
        raise
    finally:
        watcher.cancel()
    if why:  # the work swallowed the watcher's cancellation: it counts no more
        task.uncancel()
    return answer
