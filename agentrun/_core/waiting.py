"""Polling a resource until it settles."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Collection
from typing import TypeVar

import anyio

from agentrun import errors

R = TypeVar("R")

READY_STATUSES = frozenset({"READY"})
FAILED_STATUSES = frozenset({"CREATE_FAILED", "UPDATE_FAILED", "DELETE_FAILED", "FAILED"})


async def wait_for_status(
    fetch: Callable[[], Awaitable[R]],
    status_of: Callable[[R], str | None],
    *,
    what: str,
    ready: Collection[str] = READY_STATUSES,
    failed: Collection[str] = FAILED_STATUSES,
    reason_of: Callable[[R], str | None] = lambda _: None,
    timeout: float = 300.0,
    first_interval: float = 0.2,
    max_interval: float = 5.0,
) -> R:
    """Fetch until the status is in `ready` (returned), in `failed` (ResourceFailedError) or `timeout` seconds pass
    (WaitTimeoutError). Polls quickly at first, then backs off to `max_interval`. Status comparison ignores case,
    since services differ in casing."""
    ready_up = {s.upper() for s in ready}
    failed_up = {s.upper() for s in failed}
    deadline = time.monotonic() + timeout
    interval = first_interval
    status: str | None = None
    while True:
        resource = await fetch()
        status = status_of(resource)
        upper = (status or "").upper()
        if upper in ready_up:
            return resource
        if upper in failed_up:
            reason = reason_of(resource)
            raise errors.ResourceFailedError(
                f"{what} reached {status}" + (f": {reason}" if reason else ""), status=status or "", reason=reason
            )
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise errors.WaitTimeoutError(
                f"{what} is still {status or 'without a status'} after {timeout:.0f}s; pass a longer timeout= to "
                "wait more, or check the resource's statusReason",
                last_status=status,
            )
        await anyio.sleep(min(interval, remaining))
        interval = min(max_interval, interval * 2)
