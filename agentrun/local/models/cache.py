"""The opt-in response cache of a model proxy (`policies.cache`): the answer to a non-streaming request is reused for
an identical request (same proxy, operation and JSON body, key order aside) for `cacheTtlSeconds`. Only successful
answers are kept, at most `max_entries` of them and `max_bytes` in all, none larger than a sixteenth of that (least
recently used go first). A hit is marked `x-agentrun-cache: hit`, and costs no upstream tokens."""

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
    def __init__(self, max_entries: int = 1024, max_bytes: int = 64 * 1024 * 1024) -> None:
        self._max = max_entries
        self._max_bytes = max_bytes
        self._bytes = 0
        self._entries: OrderedDict[str, Cached] = OrderedDict()

    def get(self, key: str, now: float) -> Cached | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.expires <= now:
            self._bytes -= len(self._entries.pop(key).content)
            return None
        self._entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: Cached) -> None:
        if len(entry.content) > self._max_bytes // 16:
            return  # one answer may not crowd out the others
        if key in self._entries:
            self._bytes -= len(self._entries.pop(key).content)
        self._entries[key] = entry
        self._bytes += len(entry.content)
        while len(self._entries) > self._max or self._bytes > self._max_bytes:
            self._bytes -= len(self._entries.popitem(last=False)[1].content)
