"""The bridge the sync API stands on: the async HTTP core runs on an event loop in a background thread, and blocking
callers hand it work. The sync resource modules are generated from the async ones (scripts/gen_sync.py) and differ
only in calling `SyncHttpCore` and `SyncEventStream` instead of `HttpCore` and `AsyncEventStream`."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from types import ModuleType, TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun._config import Config, Timeouts
from agentrun._core.http import HttpCore, Plane
from agentrun._core.sse import AsyncEventStream

T = TypeVar("T")


class LoopThread:
    """An event loop running forever in a daemon thread (so an unclosed client never blocks interpreter exit)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="agentrun-sync", daemon=True)
        self._thread.start()

    def run(self, factory: Callable[[], Awaitable[T]]) -> T:
        """Run the coroutine `factory()` makes on the loop and block until it finishes."""
        if threading.current_thread() is self._thread:
            raise errors.AgentRunError("a sync agentrun call was made from inside its own event loop thread")

        async def main() -> T:
            return await factory()

        return asyncio.run_coroutine_threadsafe(main(), self.loop).result()

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


@dataclass(frozen=True, slots=True)
class PortalStream:
    """An async stream opener together with the loop that must drive it."""

    loop: LoopThread
    open: Callable[[], AbstractAsyncContextManager[httpx.Response]]


class SyncHttpCore:
    """Blocking face of `HttpCore`: same methods, each run on the background loop."""

    def __init__(
        self,
        config: Config,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self._loop = LoopThread()
        self._core = HttpCore(config, http_client=http_client, transport=transport)

    @property
    def async_core(self) -> HttpCore:
        return self._core

    def call(self, plane: Plane, operation: ModuleType, **kwargs: Any) -> httpx.Response:
        return self._loop.run(lambda: self._core.call(plane, operation, **kwargs))

    def request(self, plane: Plane, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self._loop.run(lambda: self._core.request(plane, method, path, **kwargs))

    def stream(self, plane: Plane, method: str, path: str, **kwargs: Any) -> PortalStream:
        return PortalStream(self._loop, lambda: self._core.stream(plane, method, path, **kwargs))

    def close(self) -> None:
        """Close the connection pool and stop the background loop."""
        try:
            self._loop.run(self._core.aclose)
        finally:
            self._loop.stop()


class SyncEventStream(Generic[T]):
    """Blocking twin of `AsyncEventStream`: `for item in stream`, and `with stream:` to close it on every path."""

    def __init__(
        self,
        opener: Callable[[], PortalStream],
        decode: Callable[[ServerSentEvent], T | None],
        *,
        from_json: Callable[[Any], Iterable[T]] | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        portal = opener()
        self._loop = portal.loop
        self._stream: AsyncEventStream[T] = AsyncEventStream(
            portal.open, decode, from_json=from_json, timeouts=timeouts
        )

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        try:
            return self._loop.run(self._stream.__anext__)
        except StopAsyncIteration:
            raise StopIteration from None

    def close(self) -> None:
        self._loop.run(self._stream.aclose)

    def __enter__(self) -> Self:
        self._loop.run(self._stream.__aenter__)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
