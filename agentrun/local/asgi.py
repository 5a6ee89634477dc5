"""What the server's hand-written ASGI plumbing shares: starting and ending a response, running the work of a
response while watching for the client to go away (uvicorn drops what is sent after that without a word, so a
response that keeps working must notice the disconnect itself), and the last-resort answer to an exception no
handler took. Reading the request itself is requests.py's job."""

from __future__ import annotations

import asyncio
import logging
from abc import abstractmethod
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agentrun.local.responses import REQUEST_ID_HEADER, error_response, request_id

T = TypeVar("T")
_log = logging.getLogger("agentrun.local")


class ClientDisconnected(Exception):
    """The client went away before the work was done (the work has been cancelled)."""


def wants_events(request: Request) -> bool:
    """Whether the client asked for a `text/event-stream` answer (our streaming extensions negotiate by Accept)."""
    return "text/event-stream" in request.headers.get("accept", "").lower()


async def send_start(send: Send, status: int, content_type: str, rid: str, *, event_stream: bool = False) -> None:
    headers = [(b"content-type", content_type.encode()), (REQUEST_ID_HEADER.encode(), rid.encode())]
    if event_stream:
        # No caching, and no buffering by any proxy in between: every event must reach the client at once.
        headers += [(b"cache-control", b"no-cache"), (b"x-accel-buffering", b"no")]
    await send({"type": "http.response.start", "status": status, "headers": headers})


async def finish(send: Send) -> None:
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def cancel_on_disconnect(receive: Receive, scope: anyio.CancelScope) -> None:
    """Cancel `scope` when the client goes away (the request body has been read already, so the next message is
    the disconnect)."""
    await _client_gone(receive)
    scope.cancel()


async def _client_gone(receive: Receive) -> None:
    """Until the client has gone away (the request body has been read already)."""
    while (await receive())["type"] != "http.disconnect":
        pass


WATCH_AFTER_SECONDS = 0.05
"""How long work runs before the client is watched: most hot-path work (a gateway call, a tool call, a cell) is over
sooner, and a watcher task costs ~0.05 ms of CPU per request (created, stepped, cancelled; bench/models.py). A client
that leaves is noticed at most this much later."""


class _DisconnectWatch:
    """Calls `stop` once the client has gone away (`gone`), or once the server's receive failed (`failure`). The
    watching starts only after WATCH_AFTER_SECONDS; `cancel` ends it, started or not."""

    __slots__ = ("_receive", "_stop", "_task", "_timer", "failure", "gone")

    def __init__(self, receive: Receive, stop: Callable[[], object]) -> None:
        loop = asyncio.get_running_loop()
        self._receive = receive
        self._stop = stop
        self._task: asyncio.Task[None] | None = None
        self.gone = False
        self.failure: Exception | None = None
        self._timer = loop.call_later(WATCH_AFTER_SECONDS, self._start, loop)

    def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._task = loop.create_task(self._watch())

    async def _watch(self) -> None:
        try:
            await _client_gone(self._receive)
        except Exception as failure:  # the server's receive failed: the work cannot go on either
            self.failure = failure
        self.gone = True
        self._stop()

    def cancel(self) -> None:
        self._timer.cancel()
        if self._task is not None:
            self._task.cancel()


async def _stop(job: asyncio.Task[T], scope: anyio.CancelScope) -> asyncio.CancelledError | None:
    """Cancel `job` through its cancel scope (so the shielded cleanups inside it run to their end, as in a task
    group) and wait until it has ended, however often the caller is cancelled meanwhile; the first such
    cancellation is returned, to be raised once the job is over."""
    scope.cancel()
    cancelled: asyncio.CancelledError | None = None
    while not job.done():
        try:
            await asyncio.wait((job,))
        except asyncio.CancelledError as exc:
            cancelled = cancelled or exc
    if not job.cancelled():
        job.exception()  # seen here (asyncio would log it as never retrieved if the caller's cancellation goes on)
    return cancelled


async def until_disconnect(receive: Receive, work: Callable[[], Awaitable[T]]) -> T:
    """`await work()`, cancelled as soon as the client disconnects (ClientDisconnected is raised then). What `work`
    raises is raised as it is. When the caller is cancelled, `work` is cancelled too, and its cleanup has finished
    before the cancellation goes on.

    The work runs in an asyncio task of its own under one anyio cancel scope, which is only cancelled when the call
    ends early: an anyio task group costs ~0.05 ms of CPU more per call (bench/sandbox.py, bench/models.py)."""
    scope = anyio.CancelScope()

    async def run() -> T:
        with scope:
            return await work()
        raise ClientDisconnected  # only the watch or `_stop` cancels the scope

    job = asyncio.get_running_loop().create_task(run())
    watch = _DisconnectWatch(receive, scope.cancel)
    try:
        await asyncio.wait((job,))
    except BaseException:
        watch.cancel()
        await _stop(job, scope)
        raise
    watch.cancel()
    if watch.failure is not None:
        raise watch.failure
    if job.cancelled():
        raise ClientDisconnected
    return job.result()


async def until_disconnect_here(receive: Receive, work: Callable[[], Awaitable[T]]) -> T:
    """`await work()` in this very task, cancelled once, natively, as soon as the client disconnects
    (ClientDisconnected is raised then; the work's cleanup, even one that waits, runs to its end). What `work` raises
    is raised as it is; so is a cancellation of the caller, which reaches the work the same way.

    No task for the work and no anyio scope, so its answer goes out in the very loop turn its input arrives (the hot
    paths whose cleanup needs no shield: the gateway, tool calls, agent invocations; bench/models.py). Unlike
    `until_disconnect`, a second cancellation of the caller reaches the work's cleanup, shielded or not (code run in
    a temporary context keeps `until_disconnect`: that context is deleted whatever happens)."""
    task = asyncio.current_task()
    assert task is not None
    watch = _DisconnectWatch(receive, task.cancel)
    try:
        answer = await work()
    except asyncio.CancelledError:
        if watch.gone and task.uncancel() == 0:  # the watch's cancellation, and no other
            if watch.failure is not None:
                raise watch.failure from None
            raise ClientDisconnected from None
        raise
    finally:
        watch.cancel()
    if watch.gone:  # the work swallowed the watch's cancellation: it counts no more
        task.uncancel()
    return answer


class WorkingResponse(Response):
    """A response that does its work while answering (`_respond`), so one task owns everything the work starts and
    a client disconnect (watched alongside) cancels it. Until `_started` (the first byte sent) errors propagate to
    the app's error handlers; after it, the client going away mid-answer (uvicorn raises OSError) ends it quietly."""

    def __init__(self, *, shielded_cleanup: bool = True) -> None:
        super().__init__()
        self._started = False
        # Whether the work's cleanup must finish however often the request is cancelled (`until_disconnect`: a task
        # of its own), or only its first cancellation matters (`until_disconnect_here`: no task, no loop turn).
        self._watch = until_disconnect if shielded_cleanup else until_disconnect_here

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self._watch(receive, lambda: self._respond(request_id(scope), send))
        except ClientDisconnected:
            pass  # the work has been cancelled
        except OSError:
            if not self._started:
                raise

    @abstractmethod
    async def _respond(self, rid: str, send: Send) -> None: ...


class AnswerUnexpectedErrors:
    """Pure ASGI middleware: an exception no handler took becomes a JSON 500 envelope here, instead of reaching
    Starlette's ServerErrorMiddleware, which re-raises it to uvicorn, which then closes the keep-alive connection
    (the client's next request on it fails). Once a response has started nothing can be answered: the exception
    goes on, and the connection with it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            if started:
                raise
            _log.exception("AgentRun Local failed on %s %s", scope.get("method"), scope.get("path"))
            message = f"AgentRun Local failed on this request: {exc!r}".encode("utf-8", "backslashreplace")
            response = error_response(scope, 500, "ERR_INTERNAL_SERVER_ERROR", message.decode())
            await response(scope, receive, send)
