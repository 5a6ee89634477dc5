"""Usage accounting: requests, failures, cache hits, tokens and cost, counted per (proxy, model service, model, caller's
credential, upstream credential), so they can be summed per model, per proxy, per service and per credential.

Tokens are the upstream's `usage` when it reports one; otherwise the gateway estimates them (tokens.py) and counts
them in `estimatedTokens` too. The counts survive restarts: they are written to the store after requests, at most
once per second (a write skipped is caught up by a later request, and at shutdown).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import Any

import anyio

from agentrun.local.models import tokens
from agentrun.local.store import Store, Tx

SAVE_INTERVAL = 1.0  # seconds between two writes of the counts
_KIND = "model usage"
_KEY = "totals"


@dataclass(frozen=True)
class UsageKey:
    proxy: str = ""
    service: str = ""
    model: str = ""
    caller_credential: str = ""  # the credential whose key the caller presented
    upstream_credential: str = ""  # the credential whose key the gateway sent upstream

    @property
    def credentials(self) -> set[str]:
        return {c for c in (self.caller_credential, self.upstream_credential) if c}


@dataclass
class Tally:
    requests: int = 0
    failures: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated_tokens: int = 0
    cost: float = 0.0  # by the model service's tokenPrices

    def add(self, other: Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def wire(self) -> dict[str, int | float]:
        return {
            "requests": self.requests,
            "failures": self.failures,
            "cacheHits": self.cache_hits,
            "promptTokens": self.prompt_tokens,
            "completionTokens": self.completion_tokens,
            "totalTokens": self.prompt_tokens + self.completion_tokens,
            "estimatedTokens": self.estimated_tokens,
            "cost": round(self.cost, 9),
        }


def _group(
    rows: list[tuple[UsageKey, Tally]], names: Callable[[UsageKey], set[str]]
) -> dict[str, dict[str, int | float]]:
    groups: dict[str, Tally] = {}
    for key, tally in rows:
        for name in names(key):
            groups.setdefault(name, Tally()).add(tally)
    return {name: tally.wire() for name, tally in sorted(groups.items())}


class UsageBook:
    def __init__(self) -> None:
        self._rows: dict[UsageKey, Tally] = {}
        self._store: Store | None = None
        self._dirty = False
        self._saving = anyio.Lock()
        self._next_save = 0.0

    def record(self, key: UsageKey, tally: Tally) -> None:
        self._rows.setdefault(key, Tally()).add(tally)
        self._dirty = True

    def report(self, include: Callable[[UsageKey], bool] = lambda key: True) -> dict[str, Any]:
        """Totals of the rows `include` selects, and their sums by model, proxy, service and credential."""
        rows = [(key, tally) for key, tally in self._rows.items() if include(key)]
        total = Tally()
        for _, tally in rows:
            total.add(tally)
        return {
            "total": total.wire(),
            "byModel": _group(rows, lambda key: {key.model} - {""}),
            "byProxy": _group(rows, lambda key: {key.proxy} - {""}),
            "byService": _group(rows, lambda key: {key.service} - {""}),
            "byCredential": _group(rows, lambda key: key.credentials),
        }

    # -- persistence ---------------------------------------------------------------------------------------------

    async def load(self, store: Store) -> None:
        """Read the saved counts and keep saving to `store`."""
        doc = await store.transact(lambda tx: tx.get(_KIND, _KEY))
        for row in (doc or {}).get("rows", []):
            key = UsageKey(**{f.name: str(row.get(f.name, "")) for f in fields(UsageKey)})
            counts = {f.name: int(row.get(f.name, 0)) for f in fields(Tally) if f.name != "cost"}
            tally = Tally(**counts, cost=float(row.get("cost", 0.0)))
            self.record(key, tally)
        self._dirty = False
        self._store = store

    async def flush(self, *, wait: bool = False) -> None:
        """Save the counts if they changed. Without `wait` it is skipped while another save runs or within
        SAVE_INTERVAL of the last one (a later save includes these counts)."""
        if self._store is None or (not wait and (self._saving.locked() or time.monotonic() < self._next_save)):
            return
        async with self._saving:
            if not self._dirty or self._store is None:
                return
            self._dirty = False
            self._next_save = time.monotonic() + SAVE_INTERVAL
            doc = {"rows": [{**asdict(key), **asdict(tally)} for key, tally in self._rows.items()]}

            def save(tx: Tx) -> None:
                if tx.get(_KIND, _KEY) is None:
                    tx.insert(_KIND, _KEY, doc)
                else:
                    tx.put(_KIND, _KEY, doc)

            try:
                await self._store.transact(save)
            except BaseException:
                self._dirty = True
                raise

    async def close(self) -> None:
        """Save what is left; the store is not used afterwards."""
        await self.flush(wait=True)
        self._store = None


def _reported(usage: Any) -> tuple[int, int] | None:
    """(prompt, completion) tokens of an upstream `usage` (Chat Completions or Responses names), if it has them."""
    if not isinstance(usage, dict):
        return None
    prompt = usage.get("prompt_tokens", usage.get("input_tokens"))
    completion = usage.get("completion_tokens", usage.get("output_tokens", 0))
    if isinstance(prompt, int) and isinstance(completion, int):
        return prompt, completion
    return None


@dataclass
class Meter:
    """The usage of one request, as it unfolds: the upstream's report if one comes, else the estimate. The prompt is
    only estimated (`count_prompt`, walking the whole request) when no report came."""

    count_prompt: Callable[[], int]
    completion_estimate: int = 0
    reported: dict[str, Any] | None = None
    failed: bool = False

    @functools.cached_property
    def prompt_estimate(self) -> int:
        return self.count_prompt()

    def see(self, text: Any) -> None:
        if isinstance(text, str) and text:
            self.completion_estimate += tokens.count(text)

    def see_message(self, message: Any) -> None:
        """Count what a chat answer's message (or a stream's delta) generated: its text and its tool calls'
        arguments."""
        if not isinstance(message, dict):
            return
        self.see(message.get("content"))
        for call in message.get("tool_calls") or []:
            function = call.get("function") if isinstance(call, dict) else None
            self.see(function.get("arguments") if isinstance(function, dict) else None)

    def report(self, usage: Any) -> None:
        if _reported(usage) is not None:
            self.reported = usage

    @property
    def estimated(self) -> bool:
        return self.reported is None

    def tokens(self) -> tuple[int, int]:
        return _reported(self.reported) or (self.prompt_estimate, self.completion_estimate)

    def chat_usage(self) -> dict[str, int]:
        prompt, completion = self.tokens()
        return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}

    def tally(self) -> Tally:
        prompt, completion = self.tokens()
        return Tally(
            requests=1,
            failures=int(self.failed),
            prompt_tokens=prompt,
            completion_tokens=completion,
            estimated_tokens=(prompt + completion) if self.estimated else 0,
        )
