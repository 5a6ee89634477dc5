"""The opt-in response cache of a model proxy (`policies.cache`): the answer to a non-streaming request is reused for
an identical request (same proxy, operation and JSON body, key order aside) for `cacheTtlSeconds`. Only successful
answers are kept, at most `max_entries` of them (least recently used go first). A hit is marked
`x-agentrun-cache: hit`, and costs no upstream tokens."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from agentrun.local.models.usage import UsageKey


@dataclass(frozen=True)
class Cached:
    content: bytes
    headers: dict[str, str]
    expires: float
    usage_key: UsageKey  # where a hit is counted


def cache_key(target: str, operation: str, body: dict[str, Any]) -> str:
    text = json.dumps([target, operation, body], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class ResponseCache:
    def __init__(self, max_entries: int = 1024) -> None:
        self._max = max_entries
        self._entries: OrderedDict[str, Cached] = OrderedDict()

    def get(self, key: str, now: float) -> Cached | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.expires <= now:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: Cached) -> None:
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)
