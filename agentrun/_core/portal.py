"""The bridge the sync API stands on: the async HTTP core runs on an event loop in a background thread, and blocking
callers hand it work. The sync resource modules are generated from the async ones (scripts/gen_sync.py) and differ
only in calling `SyncHttpCore`, `SyncEventStream` and `SyncByteStream` instead of `HttpCore`, `AsyncEventStream` and
`AsyncByteStream`, and the blocking twins below of the primitives in aio.py."""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
import io
import os
import secrets
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from types import ModuleType, TracebackType
from typing import IO, Any, Generic, Self, TypeVar

import anyio.to_thread
import httpx
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun._config import Config, Timeouts
from agentrun._core.aio import CHUNK_SIZE, checked_chunk
from agentrun._core.http import HttpCore, Plane
from agentrun._core.sse import AsyncByteStream, AsyncEventStream, _ResponseStream

T = TypeVar("T")

CANCEL_GRACE = 10.0
"""Seconds an interrupted blocking call waits for the cancelled coroutine to clean up."""


class LoopThread:
    """An event loop running forever in a daemon thread (so an unclosed client never blocks interpreter exit)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="agentrun-sync", daemon=True)
        self._thread.start()

    def run(self, factory: Callable[[], Awaitable[T]]) -> T:
        """Run the coroutine `factory()` makes on the loop and block until it finishes. If the wait is interrupted
        (Ctrl-C), the coroutine is cancelled and its clean-up (closing a stream, which stops the code or command
        behind it) runs before the interruption goes on, for at most `CANCEL_GRACE` seconds."""
        if threading.current_thread() is self._thread:
            raise errors.AgentRunError("a sync agentrun call was made from inside its own event loop thread")
        outcome: concurrent.futures.Future[T] = concurrent.futures.Future()
        tasks: list[asyncio.Task[T]] = []

        async def main() -> T:
            return await factory()

        def start() -> None:  # on the loop
            task = self.loop.create_task(main())
            tasks.append(task)
            task.add_done_callback(lambda done: _settle(outcome, done))

        def cancel() -> None:  # on the loop, after `start` if that was scheduled (callbacks run in order)
            for task in tasks:
                task.cancel()
            if not tasks:
                outcome.cancel()  # interrupted before `start` was even scheduled: nothing to wait for

        try:
            self.loop.call_soon_threadsafe(start)
            return outcome.result()
        except BaseException:
            if not outcome.done():
                self.loop.call_soon_threadsafe(cancel)
                concurrent.futures.wait([outcome], timeout=CANCEL_GRACE)
            raise

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


def _settle(outcome: concurrent.futures.Future[T], task: asyncio.Task[T]) -> None:
    """Hand a finished task's result, exception or cancellation to the waiting thread."""
    if task.cancelled():
        outcome.cancel()
    elif (exc := task.exception()) is not None:
        outcome.set_exception(exc)
    else:
        outcome.set_result(task.result())


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
        content = kwargs.get("content")
        if content is not None and not isinstance(content, bytes):
            kwargs["content"] = _pulled_in_threads(iter(content))
        return self._loop.run(lambda: self._core.request(plane, method, path, **kwargs))

    def stream(self, plane: Plane, method: str, path: str, **kwargs: Any) -> PortalStream:
        return PortalStream(self._loop, lambda: self._core.stream(plane, method, path, **kwargs))

    def stream_call(self, plane: Plane, operation: ModuleType, **kwargs: Any) -> PortalStream:
        return PortalStream(self._loop, lambda: self._core.stream_call(plane, operation, **kwargs))

    def close(self) -> None:
        """Close the connection pool and stop the background loop."""
        try:
            self._loop.run(self._core.aclose)
        finally:
            self._loop.stop()


async def _pulled_in_threads(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """A blocking iterator of body chunks (a generated upload body reading a local file) as the async body the
    core sends; each chunk is produced in a worker thread, so the shared loop never blocks on the file."""
    done = object()
    while (chunk := await anyio.to_thread.run_sync(next, chunks, done)) is not done:
        yield checked_chunk(chunk)


class _PortalResponseStream(Generic[T]):
    """Blocking face of an async response stream: `for item in stream`, and `with stream:` to close it on every
    path (a generator abandoned by `break` closes it when collected)."""

    def __init__(self, loop: LoopThread, stream: _ResponseStream[T]) -> None:
        self._loop = loop
        self._stream = stream

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


class SyncEventStream(_PortalResponseStream[T]):
    """Blocking twin of `AsyncEventStream`."""

    def __init__(
        self,
        opener: Callable[[], PortalStream],
        decode: Callable[[ServerSentEvent], T | None],
        *,
        from_json: Callable[[Any], Iterable[T]] | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        portal = opener()
        self._events = AsyncEventStream(portal.open, decode, from_json=from_json, timeouts=timeouts)
        super().__init__(portal.loop, self._events)

    @property
    def completed(self) -> bool:
        """See `AsyncEventStream.completed`."""
        return self._events.completed


class SyncByteStream(_PortalResponseStream[bytes]):
    """Blocking twin of `AsyncByteStream`."""

    def __init__(self, opener: Callable[[], PortalStream], *, timeouts: Timeouts | None = None) -> None:
        portal = opener()
        super().__init__(portal.loop, AsyncByteStream(portal.open, timeouts=timeouts))


# -- blocking twins of agentrun._core.aio -----------------------------------------------------------------------

ByteSource = str | bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes] | Iterable[bytes]
"""What an upload accepts: text (sent as UTF-8), bytes, a local path, a binary file object, or chunks."""


def call_back(callback: Callable[[T], object] | None, value: T) -> None:
    """Call a user callback with `value`. The blocking API has no loop to run a coroutine on: an async callback
    is a typed error rather than a coroutine silently never run."""
    if callback is None:
        return
    outcome = callback(value)
    if inspect.isawaitable(outcome):
        if inspect.iscoroutine(outcome):
            outcome.close()
        raise errors.InvalidArgumentError(
            f"{getattr(callback, '__name__', 'the callback')} is async; the blocking API takes plain functions "
            "(use agentrun.AsyncAgentRun for async callbacks)"
        )


def shielded(action: Callable[[], T]) -> T:
    """Blocking calls are not cancelled from outside: just run the clean-up."""
    return action()


def chunks_of(source: ByteSource) -> Iterator[bytes]:
    """`source` as byte chunks, read as they are sent; a source of another kind is rejected here."""
    if isinstance(source, str):
        return iter([source.encode()])
    if isinstance(source, bytes | bytearray | memoryview):
        return iter([bytes(source)])
    if isinstance(source, os.PathLike):
        return _local_file(source)
    if isinstance(source, io.TextIOBase):
        raise errors.InvalidArgumentError("the file is open in text mode; open it with 'rb' to upload its bytes")
    if hasattr(source, "read"):
        return (checked_chunk(chunk) for chunk in iter(lambda: source.read(CHUNK_SIZE), b""))
    if isinstance(source, Iterable):
        return (checked_chunk(chunk) for chunk in source)
    raise errors.InvalidArgumentError(
        f"cannot upload a {type(source).__name__}; pass str, bytes, a pathlib.Path, a file opened with 'rb', or an "
        "iterable of bytes"
    )


def _local_file(path: os.PathLike[str]) -> Iterator[bytes]:
    with open(path, "rb") as local:
        while chunk := local.read(CHUNK_SIZE):
            yield chunk


def save_chunks(target: str | os.PathLike[str], chunks: Iterator[bytes]) -> int:
    """Blocking twin of `aio.save_chunks`: a complete file or none, and `chunks` closed on every path."""
    final = os.fspath(target)
    directory, name = os.path.split(final)
    partial = os.path.join(directory, f".{name}.{secrets.token_hex(4)}.part")
    size = 0
    try:
        with open(partial, "xb") as out:
            for chunk in chunks:
                out.write(chunk)
                size += len(chunk)
        os.replace(partial, final)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
    return size
