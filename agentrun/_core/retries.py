"""When to retry a failed attempt, and how long to wait before the next one."""

from __future__ import annotations

import email.utils
import random
import time

import httpx

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
MAX_RETRY_AFTER = 60.0
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# The server refused these without acting on them, so any request may be sent again.
_REFUSED_STATUSES = frozenset({408, 429})
# These may come after the server acted, so only operations that are safe to repeat are sent again.
_TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})


def is_idempotent(method: str) -> bool:
    return method.upper() in IDEMPOTENT_METHODS


def should_retry_status(status_code: int, idempotent: bool) -> bool:
    return status_code in _REFUSED_STATUSES or (idempotent and status_code in _TRANSIENT_STATUSES)


def should_retry_exception(exc: httpx.TransportError, idempotent: bool) -> bool:
    """A request that never left (no connection, or no pool slot) is always safe to send again; one that may have
    reached the server (read/write failures, a dropped connection) only when the operation is safe to repeat."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return True
    return idempotent


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The wait the server asked for: `retry-after-ms`, `Retry-After` (seconds or an HTTP date) or AgentRun's
    `x-acs-retry-after`. None when absent or unparsable."""
    headers = response.headers
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    for name in ("retry-after", "x-acs-retry-after"):
        raw = headers.get(name)
        if not raw:
            continue
        try:
            return max(0.0, float(raw))
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(raw) if "," in raw else None
            if parsed is not None:
                return max(0.0, parsed.timestamp() - time.time())
    return None


def backoff_seconds(retry_number: int, retry_after: float | None = None) -> float:
    """Exponential backoff with jitter (0.5 s, 1 s, 2 s ... capped at 8 s, each scaled by a random 0.5 to 1.0);
    a server-requested wait wins, capped at a minute."""
    if retry_after is not None:
        return min(retry_after, MAX_RETRY_AFTER)
    base: float = min(MAX_BACKOFF, INITIAL_BACKOFF * (2**retry_number))
    return base * random.uniform(0.5, 1.0)
