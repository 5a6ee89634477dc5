"""Per-proxy concurrency: at most `concurrencyLimit` requests in flight (a stream counts until it ends), at most
`maxQueuedRequests` more waiting, first come first served. A request that finds the queue full is refused at once
(429); one that waits longer than the proxy's `requestTimeout` gets a 503."""

from __future__ import annotations

from dataclasses import dataclass

import anyio

from agentrun.local.models.errors import rate_limited, unavailable


class Slot:
    """A place among the requests in flight; `release()` gives it back (once, however often it is called)."""

    def __init__(self, semaphore: anyio.Semaphore | None) -> None:
        self._semaphore = semaphore

    def release(self) -> None:
        semaphore, self._semaphore = self._semaphore, None
        if semaphore is not None:
            semaphore.release()


FREE = Slot(None)  # the slot of a target without a concurrency limit


@dataclass(frozen=True)
class Occupancy:
    in_flight: int
    queued: int


class ConcurrencyLimiter:
    def __init__(self, limit: int, max_queued: int) -> None:
        self.limit = limit
        self.max_queued = max_queued
        self._semaphore = anyio.Semaphore(limit)
        self._queued = 0

    def occupancy(self) -> Occupancy:
        return Occupancy(self.limit - self._semaphore.value, self._queued)

    async def acquire(self, what: str, *, wait_at_most: float) -> Slot:
        if self._semaphore.value == 0 and self._queued >= self.max_queued:
            raise rate_limited(
                f"{what} has {self.limit} requests in flight (concurrencyLimit) and {self._queued} waiting "
                f"(maxQueuedRequests {self.max_queued}); retry shortly, or raise the limits in proxyConfig.policies",
                retry_after=1,
                code="concurrency_limit_exceeded",
            )
        self._queued += 1
        try:
            with anyio.fail_after(wait_at_most):
                await self._semaphore.acquire()
        except TimeoutError:
            raise unavailable(
                f"{what} had no free slot within {wait_at_most:g} s (concurrencyLimit {self.limit}, requestTimeout); "
                "retry later",
                code="concurrency_queue_timeout",
            ) from None
        finally:
            self._queued -= 1
        return Slot(self._semaphore)
