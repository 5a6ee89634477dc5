"""A model proxy's governance settings, read from `proxyConfig.policies` (openapi/control.yaml) with defaults.

Cloud fields: `requestTimeout` (seconds an upstream may stay silent: before it answers, and between two chunks of a
stream), `concurrencyLimit` (requests in flight), `numRetries` (extra passes over the endpoints before the
fallbacks), `cache` (reuse answers to identical non-streaming requests), `tokenRateLimiter` {tps, tpm, tph, tpd}.
Extensions (`x-agentrun-extension`): `cacheTtlSeconds` (how long a cached answer is reused, default 300) and
`maxQueuedRequests` (requests that may wait for a free slot when `concurrencyLimit` is reached; default: as many as
the limit). Values that are absent, not numbers or not positive leave the policy off (or at its default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_REQUEST_TIMEOUT = 600.0  # seconds; the official SDK's data-plane timeout
DEFAULT_CACHE_TTL = 300.0
TOKEN_WINDOWS = {"tps": 1.0, "tpm": 60.0, "tph": 3600.0, "tpd": 86400.0}  # limiter field -> window in seconds


def _positive(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return float(value)


@dataclass(frozen=True)
class Policies:
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    concurrency_limit: int | None = None
    max_queued: int = 0
    num_retries: int = 0
    cache: bool = False
    cache_ttl: float = DEFAULT_CACHE_TTL
    token_limits: dict[float, int] = field(default_factory=dict)  # window seconds -> tokens allowed in it

    @classmethod
    def of(cls, policies: Any) -> Policies:
        if not isinstance(policies, dict):
            return cls()
        limit = _positive(policies.get("concurrencyLimit"))
        queued = policies.get("maxQueuedRequests")
        limiter = policies.get("tokenRateLimiter")
        windows = {
            window: int(tokens)
            for name, window in TOKEN_WINDOWS.items()
            if isinstance(limiter, dict) and (tokens := _positive(limiter.get(name))) is not None
        }
        return cls(
            request_timeout=_positive(policies.get("requestTimeout")) or DEFAULT_REQUEST_TIMEOUT,
            concurrency_limit=int(limit) if limit else None,
            max_queued=(
                int(queued)
                if isinstance(queued, int) and not isinstance(queued, bool) and queued >= 0
                else int(limit or 0)
            ),
            num_retries=int(_positive(policies.get("numRetries")) or 0),
            cache=policies.get("cache") is True,
            cache_ttl=_positive(policies.get("cacheTtlSeconds")) or DEFAULT_CACHE_TTL,
            token_limits=windows,
        )
