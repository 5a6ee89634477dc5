"""The model gateway's long-lived state, one per server: the shared upstream client, the balancers, limiters, rate
windows and cache of every proxy, and the usage book. `run()` creates it (`ModelGateway.from_environ`), starts it
with the store and closes it at shutdown, which closes every upstream connection and saves the usage counts."""

from __future__ import annotations

import time
from collections.abc import Mapping

from agentrun.local.models.cache import ResponseCache
from agentrun.local.models.errors import rate_limited
from agentrun.local.models.limits import FREE, ConcurrencyLimiter, Occupancy, Slot
from agentrun.local.models.rates import TokenRate
from agentrun.local.models.routing import Balancer
from agentrun.local.models.targets import DefaultModel, Target, TargetCache
from agentrun.local.models.upstream import UpstreamClient
from agentrun.local.models.usage import Tally, UsageBook, UsageKey
from agentrun.local.store import Store


class ModelGateway:
    def __init__(self, default: DefaultModel | None = None) -> None:
        self.default = default
        self.upstreams = UpstreamClient()
        self.balancer = Balancer()
        self.cache = ResponseCache()
        self.usage = UsageBook()
        self.targets = TargetCache()
        self._limiters: dict[str, ConcurrencyLimiter] = {}
        self._rates: dict[str, TokenRate] = {}

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> ModelGateway:
        return cls(DefaultModel.from_environ(environ))

    async def start(self, store: Store) -> None:
        await self.usage.load(store)

    async def aclose(self) -> None:
        try:
            await self.usage.close()
        finally:
            await self.upstreams.aclose()

    @staticmethod
    def now() -> float:
        return time.monotonic()

    # -- governance ------------------------------------------------------------------------------------------------

    def _limiter(self, target: Target) -> ConcurrencyLimiter | None:
        limit, queued = target.policies.concurrency_limit, target.policies.max_queued
        if limit is None:
            self._limiters.pop(target.name, None)
            return None
        limiter = self._limiters.get(target.name)
        if limiter is None or (limiter.limit, limiter.max_queued) != (limit, queued):
            # A changed policy takes effect for new requests; those in flight release their old slots.
            limiter = self._limiters[target.name] = ConcurrencyLimiter(limit, queued)
        return limiter

    def occupancy(self, target: Target) -> Occupancy | None:
        limiter = self._limiters.get(target.name) if target.policies.concurrency_limit else None
        return limiter.occupancy() if limiter else None

    async def admit(self, target: Target) -> Slot:
        """A slot among the target's requests in flight (waiting in its queue if need be)."""
        limiter = self._limiter(target)
        if limiter is None:
            return FREE
        return await limiter.acquire(f"{target.kind} {target.name}", wait_at_most=target.policies.request_timeout)

    def _rate(self, target: Target) -> TokenRate | None:
        limits = target.policies.token_limits
        rate = self._rates.get(target.name)
        if not limits:
            return None
        if rate is None:
            rate = self._rates[target.name] = TokenRate(limits)
        rate.limits = dict(limits)
        return rate

    def check_rate(self, target: Target) -> None:
        """429 with Retry-After when one of the target's token windows is full."""
        rate = self._rate(target)
        wait = rate.retry_after(self.now()) if rate else None
        if wait is not None:
            seconds, window, limit = wait
            raise rate_limited(
                f"{target.kind} {target.name} used its {limit} tokens per {window:g} s (tokenRateLimiter); "
                f"retry in {seconds:.0f} s",
                retry_after=seconds,
                code="token_rate_limit_exceeded",
            )

    # -- accounting ------------------------------------------------------------------------------------------------

    def record(self, target: Target, key: UsageKey, tally: Tally) -> None:
        self.usage.record(key, tally)
        rate = self._rate(target)
        if rate is not None:
            rate.record(self.now(), tally.prompt_tokens + tally.completion_tokens)
