"""`ChatStream`: a streamed chat completion as typed chunks, as they arrive.

    async for chunk in client.models.stream("my-proxy", messages):   # leaving the loop early closes the stream
        print(chunk.text, end="")

    async with client.models.stream("my-proxy", messages) as stream:  # closed on every path
        completion = await stream.final_completion()                  # the ChatCompletion the chunks add up to

A failure after the stream started (an error event from the gateway, a broken connection, a stream that stops
before `[DONE]`) raises ModelStreamError carrying the completion accumulated so far: never a silent truncation.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import TracebackType
from typing import Self

from agentrun import errors
from agentrun._core.aio import shielded
from agentrun._core.sse import AsyncEventStream
from agentrun.model.chunks import ChatCompletionAccumulator, ChatCompletionChunk, StreamFailure
from agentrun.model.completions import ChatCompletion


class ChatStream:
    """The chunks of one streamed completion. Iterate it once; the connection opens on first use and closes when
    the stream ends, fails, or the loop is left (break, an exception, cancellation), which also closes the
    gateway's upstream request."""

    def __init__(self, events: AsyncEventStream[ChatCompletionChunk | StreamFailure]) -> None:
        self._events = events
        self._accumulator = ChatCompletionAccumulator()
        self._finished = False
        self._closed = False

    async def __aiter__(self) -> AsyncIterator[ChatCompletionChunk]:
        # A generator, so that a loop left early closes the stream as soon as the generator is dropped.
        try:
            while True:
                try:
                    item = await self._events.__anext__()
                except StopAsyncIteration:
                    break
                except errors.APIConnectionError as exc:
                    if not self._accumulator.chunks:
                        raise  # nothing arrived yet: the timeout or connection error as such
                    raise self._failure(f"the connection broke after the stream started ({exc})") from exc
                if isinstance(item, StreamFailure):
                    raise self._failure(item.message, code=item.code, error_type=item.type)
                self._accumulator.add(item)
                yield item
            if not self._events.completed:
                raise self._failure("the stream ended before its end marker ([DONE]); the answer is incomplete")
            self._finished = True
        finally:
            self._closed = True
            await shielded(self._events.aclose)

    def _failure(self, message: str, *, code: str | None = None, error_type: str | None = None) -> Exception:
        return errors.ModelStreamError(
            f"the model stream failed after {self._accumulator.chunks} chunk(s): {message} (what arrived is in "
            ".completion)",
            completion=self._accumulator.completion(),
            code=code,
            error_type=error_type,
        )

    async def final_completion(self) -> ChatCompletion:
        """Read what is left of the stream and return the `ChatCompletion` all its chunks add up to (text joined,
        tool-call arguments merged, usage from the usage chunk). After a complete `async for` it returns at once."""
        if not self._finished:
            if self._closed:
                raise errors.AgentRunError(
                    "this stream was closed before its end (the loop was left early), so it has no final completion; "
                    "call final_completion() instead of iterating, or iterate to the end"
                )
            async for _ in self:
                pass
        return self._accumulator.completion()

    async def aclose(self) -> None:
        """Close the connection (and so the upstream request). Safe to call more than once."""
        self._closed = True
        await self._events.aclose()

    async def __aenter__(self) -> Self:
        await self._events.__aenter__()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
