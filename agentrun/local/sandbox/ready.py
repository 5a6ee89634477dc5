"""Started, never-used things kept ready by kind: `size` of them for each of the `max_kinds` kinds most recently asked
for (a kind is wanted once a take asked for it), refilled one at a time beside the server; stale kinds' are destroyed.

The sandbox pool (pool.py) and the warm browsers (browser/warm.py) say what a kind is, how one starts and how it ends.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

import anyio

from agentrun.local.sandbox.engine import SandboxEngine
from agentrun.local.sandbox.errors import SandboxError

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
DEFAULT_SIZE = 2
DEFAULT_KINDS = 2
_RETRY_AFTER_FAILURE = 5.0  # seconds before trying to start one again after a failure


class ReadyByKind(ABC, Generic[K, T]):
    def __init__(self, engine: SandboxEngine, *, size: int = DEFAULT_SIZE, max_kinds: int = DEFAULT_KINDS) -> None:
        self.engine = engine
        self.size = max(0, size)
        self.max_kinds = max(1, max_kinds)
        self._ready: OrderedDict[K, list[T]] = OrderedDict()  # most recently wanted last
        self._wanted = anyio.Event()

    @abstractmethod
    async def _start(self, kind: K) -> T | None:
        """A new one of this kind; None (after logging why) when it could not start."""

    @abstractmethod
    def _alive(self, item: T) -> bool: ...

    @abstractmethod
    async def _close(self, item: T) -> None: ...

    @property
    def waiting(self) -> int:
        """How many ready ones wait."""
        return sum(len(items) for items in self._ready.values())

    async def _take(self, kind: K) -> T | None:
        """A ready one of this kind, or None (and the kind is now wanted, so it gets filled)."""
        if self.size == 0:
            return None
        items = self._ready.setdefault(kind, [])
        self._ready.move_to_end(kind)
        self._wanted.set()
        while items:
            item = items.pop()
            if self._alive(item):
                return item
            await self._close(item)
        return None

    def _put_back(self, kind: K, item: T) -> None:
        """Return a taken one that is still unused (its hand-over failed)."""
        self._ready.setdefault(kind, []).append(item)

    async def keep_filled(self) -> None:
        """Refill until cancelled: one at a time (starting several at once only slows the sandboxes already in use),
        the most recently wanted kind first; destroy the ready ones of stale kinds. Only isolated sandboxes are
        kept (a hand-over renames the sandbox, which needs isolation)."""
        try:
            isolated = (await self.engine.isolation()).isolated
        except SandboxError:
            return  # no sandbox can start here; the create says why
        if self.size == 0 or not isolated:
            return
        try:
            while True:
                await self._drop_stale_kinds()
                kind = next((k for k in reversed(self._ready) if len(self._ready[k]) < self.size), None)
                if kind is None:
                    self._wanted = anyio.Event()
                    await self._wanted.wait()
                    continue
                item = await self._start(kind)
                if item is None:
                    await anyio.sleep(_RETRY_AFTER_FAILURE)
                elif kind in self._ready:
                    self._ready[kind].append(item)
                else:  # the kind went stale while it started
                    await self._close(item)
        finally:
            with anyio.CancelScope(shield=True):
                await self.aclose()

    async def _drop_stale_kinds(self) -> None:
        while len(self._ready) > self.max_kinds:
            _, items = self._ready.popitem(last=False)
            for item in items:
                await self._close(item)

    async def aclose(self) -> None:
        """Destroy every ready one."""
        with anyio.CancelScope(shield=True):
            while self._ready:
                _, items = self._ready.popitem()
                for item in items:
                    await self._close(item)
