"""Streamed answers as typed async iterators that always close their connection: server-sent events, or the raw
bytes of a download."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx
from httpx_sse import EventSource, ServerSentEvent

from agentrun import errors
from agentrun._config import Timeouts
from agentrun._core.envelope import json_of, request_id_of
from agentrun._core.error_mapping import transport_error

T = TypeVar("T")

DONE = "[DONE]"


class _ResponseStream(Generic[T]):
    """What both stream kinds share: opening on first use, `async for`, and closing on every exit path."""

    def __init__(
        self,
        opener: Callable[[], AbstractAsyncContextManager[httpx.Response]],
        *,
        timeouts: Timeouts | None = None,
    ) -> None:
        self._opener = opener
        self._timeouts = timeouts or Timeouts()
        self._stack: AsyncExitStack | None = None
        self._items: AsyncIterator[T] | None = None
        self._closed = False
        self.response: httpx.Response | None = None

    async def _open(self) -> AsyncIterator[T]:
        if self._closed:
            raise errors.AgentRunError("this stream is closed; streams can be iterated once")
        stack = AsyncExitStack()
        try:
            self.response = await stack.enter_async_context(self._opener())
        except BaseException:
            await stack.aclose()
            raise
        self._stack = stack
        return self._iterate(self.response)

    def _iterate(self, response: httpx.Response) -> AsyncIterator[T]:
        raise NotImplementedError

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> T:
        if self._closed:
            raise errors.AgentRunError("this stream is closed; streams can be iterated once")
        if self._items is None:
            self._items = await self._open()
        try:
            return await self._items.__anext__()
        except StopAsyncIteration:
            await self.aclose()
            raise
        except BaseException:
            await self.aclose()
            raise

    async def aclose(self) -> None:
        """Close the connection. Safe to call more than once."""
        self._closed = True
        stack, self._stack = self._stack, None
        if self._items is not None and hasattr(self._items, "aclose"):
            await self._items.aclose()
        if stack is not None:
            await stack.aclose()

    async def __aenter__(self) -> Self:
        if self._items is None:
            self._items = await self._open()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


class AsyncEventStream(_ResponseStream[T]):
    """`async for item in stream` yields decoded events; `async with stream:` guarantees the connection is closed
    on every exit path (break, exception, cancellation). The connection opens on first use.

    `decode` turns one SSE event into an item (or None to skip it). When the server answers JSON instead of an event
    stream (a server without the streaming extension), `from_json` turns that answer into the same items.
    """

    def __init__(
        self,
        opener: Callable[[], AbstractAsyncContextManager[httpx.Response]],
        decode: Callable[[ServerSentEvent], T | None],
        *,
        from_json: Callable[[Any], Iterable[T]] | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        super().__init__(opener, timeouts=timeouts)
        self._decode = decode
        self._from_json = from_json
        self.completed = False
        """True once the stream's end marker (`data: [DONE]`) arrived, or a JSON answer was replayed whole: a stream
        that stops without it was cut short."""

    async def _iterate(self, response: httpx.Response) -> AsyncIterator[T]:
        content_type = response.headers.get("content-type", "")
        try:
            if not content_type.startswith("text/event-stream"):
                if self._from_json is None:
                    raise errors.APIResponseError(
                        f"expected an event stream from {response.request.url.path}, got {content_type or 'no type'}",
                        status_code=response.status_code,
                        request_id=request_id_of(response),
                    )
                await response.aread()
                for item in self._from_json(json_of(response)):
                    yield item
                self.completed = True
                return
            async for event in EventSource(response).aiter_sse():
                if event.data == DONE:
                    self.completed = True
                    return
                if not event.data and event.event == "message":
                    # httpx-sse keeps the last `id:` and so dispatches an empty event at the blank line after a
                    # keep-alive comment or a lone `retry:`; the SSE spec dispatches nothing there.
                    continue
                decoded = self._decode(event)
                if decoded is not None:
                    yield decoded
        except httpx.TransportError as exc:
            raise transport_error(exc, response.request, self._timeouts) from exc


class AsyncByteStream(_ResponseStream[bytes]):
    """The body of a streamed answer (a download) as byte chunks, with the same closing guarantees."""

    async def _iterate(self, response: httpx.Response) -> AsyncIterator[bytes]:
        try:
            async for chunk in response.aiter_bytes():
                yield chunk
        except httpx.TransportError as exc:
            raise transport_error(exc, response.request, self._timeouts) from exc
