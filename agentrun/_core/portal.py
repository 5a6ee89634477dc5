"""The bridge the sync API stands on: the async HTTP core runs on an event loop in a background thread, and blocking
callers hand it work. The sync resource modules are generated from the async ones (scripts/gen_sync.py, which says
why twins rather than a runtime wrapper) and differ only in calling `SyncHttpCore`, `SyncEventStream` and
`SyncByteStream` instead of `HttpCore`, `AsyncEventStream` and `AsyncByteStream`, and the blocking twins below of the
primitives in aio.py.

One loop thread per process (`process_loop`), shared by every sync client and started on first use; a client's
`close()` closes its own connections, never the thread. The thread is a daemon, stopped by `atexit` (which runs after
the interpreter has joined the user's own threads, so none of them is still waiting on it), closing the pools of
clients nobody closed. After `os.fork()` the child forgets the parent's loop and connections (it must never touch
them: they share sockets and the epoll set with the parent) and starts its own on first use; a client made before the
fork opens new connections in the child (gunicorn `--preload`)."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import inspect
import io
import os
import secrets
import threading
import time
import warnings
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO, Any, Generic, Self, TypeVar

import anyio.from_thread
import anyio.to_thread
import httpx
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun._config import Config, Timeouts
from agentrun._core.aio import CHUNK_SIZE, checked_chunk
from agentrun._core.blocking_http import DEADLINE, BlockingConnections
from agentrun._core.error_mapping import total_timeout_error
from agentrun._core.http import HttpCore, OperationRequest, Plane, operation_fields
from agentrun._core.request_options import RequestFields, RequestOptions
from agentrun._core.sse import AsyncByteStream, AsyncEventStream, _ResponseStream

T = TypeVar("T")

CANCEL_GRACE = 10.0
"""Seconds an interrupted blocking call waits for the cancelled coroutine to clean up."""

EXIT_GRACE = 5.0
"""Seconds the interpreter's exit waits for the loop to close forgotten clients and stop."""

LOOP_THREAD_NAME = "agentrun-sync"


def _new_loop() -> asyncio.AbstractEventLoop:
    """uvloop where it is installed (a dependency on Linux and macOS): each blocking call hops to this loop and
    back, and uvloop makes the hop (~35 -> ~16 us) and the I/O behind it cheaper. The loop is the SDK's own, so the
    choice is invisible to the caller."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


class LoopThread:
    """An event loop running forever in a daemon thread (so an unclosed client never blocks interpreter exit)."""

    def __init__(self) -> None:
        self.loop = _new_loop()
        self.pid = os.getpid()
        self._thread = threading.Thread(target=self.loop.run_forever, name=LOOP_THREAD_NAME, daemon=True)
        self._thread.start()

    def run(self, factory: Callable[[], Awaitable[T]]) -> T:
        """Run the coroutine `factory()` makes on the loop and block until it finishes. If the wait is interrupted
        (Ctrl-C), the coroutine is cancelled and its clean-up (closing a stream, which stops the code or command
        behind it) runs before the interruption goes on, for at most `CANCEL_GRACE` seconds."""
        if threading.current_thread() is self._thread:
            raise errors.AgentRunError("a sync agentrun call was made from inside its own event loop thread")
        if self.pid != os.getpid():  # its thread stayed in the parent: waiting on it would hang forever
            raise errors.AgentRunError(
                "this stream was opened before os.fork() and belongs to the parent process; open it again in the child"
            )
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
                _cancel(outcome)  # interrupted before `start` was even scheduled: nothing to wait for

        try:
            self.loop.call_soon_threadsafe(start)
            return outcome.result()
        except BaseException:
            if not outcome.done():
                self.loop.call_soon_threadsafe(cancel)
                if not concurrent.futures.wait([outcome], timeout=CANCEL_GRACE).done:
                    warnings.warn(
                        f"an interrupted agentrun call was still cleaning up after {CANCEL_GRACE}s; not waiting longer",
                        RuntimeWarning,
                        stacklevel=2,
                    )
            raise

    def stop(self, before: Callable[[], Awaitable[object]] | None = None, *, timeout: float | None = None) -> None:
        """Run `before` (if given), cancel what is still running, stop the loop and close it; wait at most `timeout`
        seconds for all that (the loop is left unclosed, its daemon thread running, if it takes longer)."""
        if self.loop.is_closed() or self.pid != os.getpid():
            return

        async def wind_down() -> None:
            try:
                if before is not None:
                    await before()
                others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
                for task in others:
                    task.cancel()
                if others:
                    await asyncio.wait(others)
                await self.loop.shutdown_asyncgens()
            finally:
                self.loop.stop()

        asyncio.run_coroutine_threadsafe(wind_down(), self.loop)
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self.loop.close()


def _settle(outcome: concurrent.futures.Future[T], task: asyncio.Task[T]) -> None:
    """Hand a finished task's result, exception or cancellation to the waiting thread."""
    if task.cancelled():
        _cancel(outcome)
    elif (exc := task.exception()) is not None:
        outcome.set_exception(exc)
    else:
        outcome.set_result(task.result())


def _cancel(outcome: concurrent.futures.Future[T]) -> None:
    """Cancel `outcome` and wake `concurrent.futures.wait` on it (`cancel()` alone leaves such waiters asleep)."""
    if outcome.cancel():
        outcome.set_running_or_notify_cancel()


@dataclass(slots=True)
class _ProcessLoop:
    """This process's one loop thread, the sync cores whose pools it drives, and what a fork left behind."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    thread: LoopThread | None = None
    cores: weakref.WeakSet[SyncHttpCore] = field(default_factory=weakref.WeakSet)
    left_by_parent: list[object] = field(default_factory=list)
    """The parent's loop and connection pools, kept referenced so the child never finalises them: closing them
    would close the parent's TLS sessions and edit the epoll set the two processes share."""


_process = _ProcessLoop()


def process_loop() -> LoopThread:
    """The loop thread of this process, started on first use."""
    with _process.lock:
        if _process.thread is None:
            _process.thread = LoopThread()
        return _process.thread


def _forget_parent_loop() -> None:  # in a forked child, before anything else runs there
    _process.left_by_parent.append((_process.thread, [core.parent_core for core in _process.cores]))
    _process.lock = threading.Lock()  # a parent thread may have held the old one at the fork
    _process.thread = None


async def _close_forgotten_cores() -> None:
    """Close the pools of this process's clients that nobody closed (their connections end cleanly)."""
    cores = [core for core in list(_process.cores) if core.pid == os.getpid()]
    await asyncio.gather(*(core.async_core.aclose() for core in cores), return_exceptions=True)


@atexit.register
def _stop_at_exit() -> None:
    for core in list(_process.cores):  # the callers' own connections of clients nobody closed
        if core._owns_connections:
            core._connections.close()
    with _process.lock:
        thread, _process.thread = _process.thread, None
    if thread is not None:
        thread.stop(_close_forgotten_cores, timeout=EXIT_GRACE)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_parent_loop)


@dataclass(frozen=True, slots=True)
class PortalStream:
    """An async stream opener together with the loop that must drive it."""

    loop: LoopThread
    open: Callable[[], AbstractAsyncContextManager[httpx.Response]]


class SyncHttpCore:
    """Blocking face of `HttpCore`: same methods, each run on the process's loop thread. An `httpx.Client` or a
    blocking transport given here sends the requests from worker threads; they are the caller's to make again in a
    forked child, so using them there is a typed error."""

    def __init__(
        self,
        config: Config,
        *,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.config = config
        self._given = http_client or transport
        if http_client is not None:
            client = http_client
            blocking: BlockingTransport | None = BlockingTransport(lambda r: client.send(r, stream=True), close=None)
        else:
            blocking = None if transport is None else BlockingTransport(transport.handle_request, close=transport.close)
        self._blocking = blocking
        self.pid = os.getpid()
        self._core = HttpCore(config, transport=blocking)
        # Calls sent from the callers' own threads (blocking_http); a derived client shares them, as it shares the pool.
        self._connections = BlockingConnections(config.verify)
        self._owns_connections = True
        _process.cores.add(self)

    def derive(self, config: Config) -> SyncHttpCore:
        """`HttpCore.derive` for the blocking client: same pool, other configuration, the pool left to this core."""
        derived = object.__new__(SyncHttpCore)  # not __init__: it would make a pool of its own
        derived.config = config
        derived._given = self._given
        derived._blocking = self._blocking
        derived.pid = self.pid
        derived._core = self.async_core.derive(config)
        derived._connections = self._connections
        derived._owns_connections = False
        _process.cores.add(derived)
        return derived

    @property
    def parent_core(self) -> HttpCore:
        """The async core as it is, without replacing it (for the fork handler)."""
        return self._core

    @property
    def async_core(self) -> HttpCore:
        """The async core of this process: one made before a fork is left to the parent and replaced."""
        if self.pid != os.getpid():
            with _process.lock:
                if self.pid != os.getpid():
                    if self._given is not None:
                        raise errors.AgentRunError(
                            "this AgentRun client was given http_client= or transport= before os.fork(); they belong "
                            "to the parent process: create the client (and them) in the child"
                        )
                    self._core = HttpCore(self.config)
                    self.pid = os.getpid()
                    _process.cores.add(self)
        return self._core

    def call(self, prepared: OperationRequest, **kwargs: Any) -> httpx.Response:
        if self._sends_here(kwargs.get("content")):
            plane, method, fields = operation_fields(
                prepared, kwargs.get("content"), kwargs.get("headers"), kwargs.get("options")
            )
            return self._request_here(plane, method, prepared.url, fields)
        _pull_content_in_threads(kwargs)
        core = self.async_core
        return process_loop().run(lambda: core.call(prepared, **kwargs))

    def request(self, plane: Plane, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self._sends_here(kwargs.get("content")) and kwargs.get("files") is None and kwargs.get("data") is None:
            return self._request_here(plane, method, path, RequestFields(**kwargs))  # type: ignore[typeddict-item]
        _pull_content_in_threads(kwargs)
        core = self.async_core
        return process_loop().run(lambda: core.request(plane, method, path, **kwargs))

    def _sends_here(self, content: object) -> bool:
        """Whether a call can be sent from the caller's thread on this core's own connections (blocking_http):
        a body in memory, the SDK's own pool with no proxy."""
        return (content is None or isinstance(content, bytes)) and self.async_core.sends_direct

    def _request_here(self, plane: Plane, method: str, path: str, fields: RequestFields) -> httpx.Response:
        core = self.async_core
        opts = RequestOptions.build(self.config, plane, method, path, **fields)
        if opts.files is not None or opts.data is not None:  # multipart and forms: built by httpx's client
            return process_loop().run(lambda: core.request(plane, method, path, **fields))
        total = opts.timeouts.total
        deadline = None if total is None else time.monotonic() + total
        connections = self._connections

        def build(attempt: RequestOptions) -> httpx.Request:
            request = core.build_attempt(attempt)
            request.extensions[DEADLINE] = deadline
            return request

        from agentrun.sync._core import attempts as blocking_attempts  # the generated twin; it imports this module

        sent: list[httpx.Request] = []
        try:
            return blocking_attempts.send_with_retries(opts, sent, build, connections.send, stream=False)
        except TimeoutError:
            raise total_timeout_error(sent[-1] if sent else None, method, path, opts.timeouts) from None

    def stream(self, plane: Plane, method: str, path: str, **kwargs: Any) -> PortalStream:
        core = self.async_core
        return PortalStream(process_loop(), lambda: core.stream(plane, method, path, **kwargs))

    def stream_call(self, prepared: OperationRequest, **kwargs: Any) -> PortalStream:
        core = self.async_core
        return PortalStream(process_loop(), lambda: core.stream_call(prepared, **kwargs))

    def close(self) -> None:
        """Close this client's connection pool (only if it created it); the shared loop thread keeps running."""
        if self._owns_connections:
            self._connections.close()
        if self.pid == os.getpid():
            process_loop().run(self._core.aclose)
        _process.cores.discard(self)


class BlockingTransport(httpx.AsyncBaseTransport):
    """A blocking transport (or an `httpx.Client`'s sending) as the async transport the core sends through: each
    blocking step runs in a worker thread, so the shared loop never waits on the network itself."""

    def __init__(self, send: Callable[[httpx.Request], httpx.Response], *, close: Callable[[], None] | None) -> None:
        self._send = send
        self._close = close

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = request.stream
        blocking_body = body if isinstance(body, httpx.SyncByteStream) else _BodyPulledFromLoop(body)
        outgoing = httpx.Request(
            request.method, request.url, headers=request.headers, stream=blocking_body, extensions=request.extensions
        )
        response = await anyio.to_thread.run_sync(self._send, outgoing)
        if response.is_stream_consumed:  # read whole already (httpx.MockTransport does): hand over what it holds
            headers = httpx.Headers(response.headers)
            headers.pop("content-encoding", None)  # `content` is decoded: the core must not decode it again
            return httpx.Response(
                response.status_code, headers=headers, content=response.content, extensions=response.extensions
            )
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_BodyReadInThreads(response),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        if self._close is not None:
            await anyio.to_thread.run_sync(self._close)


class _BodyPulledFromLoop(httpx.SyncByteStream):
    """An async request body read by a blocking transport in a worker thread, chunk by chunk from the loop."""

    def __init__(self, body: httpx.AsyncByteStream) -> None:
        self._chunks = body.__aiter__()

    def __iter__(self) -> Iterator[bytes]:
        async def next_chunk() -> bytes | None:
            try:
                return await self._chunks.__anext__()
            except StopAsyncIteration:
                return None

        while (chunk := anyio.from_thread.run(next_chunk)) is not None:
            yield chunk


class _BodyReadInThreads(httpx.AsyncByteStream):
    """A blocking transport's response body, each chunk read (and the body closed) in a worker thread."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = self._response.iter_raw()  # raw bytes: the core's own response decodes them
        done = object()
        while (chunk := await anyio.to_thread.run_sync(next, chunks, done)) is not done:
            yield checked_chunk(chunk)

    async def aclose(self) -> None:
        await anyio.to_thread.run_sync(self._response.close)


def _pull_content_in_threads(kwargs: dict[str, Any]) -> None:
    """A blocking iterable given as a request body is read in worker threads, never on the shared loop."""
    content = kwargs.get("content")
    if content is not None and not isinstance(content, bytes):
        kwargs["content"] = _pulled_in_threads(iter(content))


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


def new_lock() -> threading.Lock:
    """A lock for `with`: one thread at a time through a section."""
    return threading.Lock()


def in_thread(work: Callable[[], T]) -> T:
    """The caller's thread is the one to block: just run it."""
    return work()


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
