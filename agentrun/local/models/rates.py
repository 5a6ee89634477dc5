"""Per-proxy token rate limits (`tokenRateLimiter` tps / tpm / tph / tpd): the tokens of finished requests count in
sliding windows of 1 s, 60 s, 1 h and 1 day. A request is admitted while every window is under its limit; one that
arrives when a window is full gets 429 with `Retry-After`, the seconds until enough of that window's tokens age out.
A request's tokens count once it is done (they are unknown before), so requests admitted together may overshoot a
limit by their own size."""

from __future__ import annotations

import math
from collections import deque


class TokenRate:
    def __init__(self, limits: dict[float, int]) -> None:
        self.limits = dict(limits)  # window seconds -> tokens allowed in it
        self._seconds: deque[list[int]] = deque()  # [whole second, tokens], oldest first

    def _forget(self, now: float) -> None:
        horizon = now - max(self.limits, default=0.0) - 1
        while self._seconds and self._seconds[0][0] < horizon:
            self._seconds.popleft()

    def record(self, now: float, tokens: int) -> None:
        if tokens <= 0 or not self.limits:
            return
        second = math.floor(now)
        if self._seconds and self._seconds[-1][0] == second:
            self._seconds[-1][1] += tokens
        else:
            self._seconds.append([second, tokens])
        self._forget(now)

    def retry_after(self, now: float) -> tuple[float, float, int] | None:
        """None when a request may go now; else (seconds to wait, the full window, its limit)."""
        self._forget(now)
        worst: tuple[float, float, int] | None = None
        for window, limit in self.limits.items():
            # Tokens recorded in second s count until s + 1 + window (the whole second, to be safe).
            recent = [(second, tokens) for second, tokens in self._seconds if second + 1 + window > now]
            used = sum(tokens for _, tokens in recent)
            if used < limit:
                continue
            for second, tokens in recent:
                used -= tokens
                if used < limit:
                    wait = second + 1 + window - now
                    if worst is None or wait > worst[0]:
                        worst = (wait, window, limit)
                    break
        return worst
