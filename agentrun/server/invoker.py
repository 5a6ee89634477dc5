"""Calling the handler and reading what it returns as one async stream of AgentEvents, whatever its shape: a sync or
async function returning text, an event, a list of them, or a (sync or async) generator of text, events and model
chunks. Sync code runs in a worker thread (contextvars copied), so a blocking handler never blocks the event loop.
An exception in the handler becomes an ERROR event (code: the exception's class), as in the official SDK."""

from __future__ import annotations

import inspect
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Mapping
from typing import Any

import anyio.to_thread

from agentrun.server.model import AgentEvent, AgentRequest, EventType, InvokeAgentHandler

logger = logging.getLogger("agentrun.server")
_DONE = object()


class _ChunkReader:
    """Turns model chunks (ours, or any object with `content` / `reasoning_content`) into events, remembering the
    id of each streamed tool call by its index (later pieces carry only the index)."""

    def __init__(self) -> None:
        self.call_ids: dict[int, str] = {}

    def events(self, item: Any) -> Iterator[AgentEvent]:
        from agentrun.model.chunks import ChatCompletionChunk

        if isinstance(item, ChatCompletionChunk):
            if not item.choices:
                return
            delta = item.choices[0].delta
            if delta.reasoning_content:
                yield AgentEvent(EventType.REASONING, {"delta": delta.reasoning_content})
            if delta.content:
                yield AgentEvent(EventType.TEXT, {"delta": delta.content})
            for call in delta.tool_calls:
                call_id = self.call_ids.setdefault(call.index, call.id or f"call_{call.index}")
                data: dict[str, Any] = {"id": call_id, "args_delta": call.arguments or ""}
                if call.name:
                    data["name"] = call.name
                yield AgentEvent(EventType.TOOL_CALL_CHUNK, data)
            return
        reasoning = getattr(item, "reasoning_content", None)
        content = getattr(item, "content", None)
        if not isinstance(reasoning, str) and not isinstance(content, str):
            raise TypeError(
                f"the handler produced a {type(item).__name__}: yield text, AgentEvent, or model chunks "
                "(objects with a text 'content' or 'reasoning_content')"
            )
        if isinstance(reasoning, str) and reasoning:
            yield AgentEvent(EventType.REASONING, {"delta": reasoning})
        if isinstance(content, str) and content:
            yield AgentEvent(EventType.TEXT, {"delta": content})


def _events_of(item: Any, chunks: _ChunkReader) -> Iterator[AgentEvent]:
    if item is None:
        return
    if isinstance(item, AgentEvent):
        yield item
    elif isinstance(item, str):
        if item:
            yield AgentEvent(EventType.TEXT, {"delta": item})
    elif isinstance(item, Mapping) and "event" in item:
        yield AgentEvent(EventType(str(item["event"])), dict(item.get("data") or {}), item.get("addition"))
    elif isinstance(item, list | tuple):
        for part in item:
            yield from _events_of(part, chunks)
    else:
        yield from chunks.events(item)


def _next_or_done(iterator: Iterator[Any]) -> Any:
    return next(iterator, _DONE)


async def _items(handler: InvokeAgentHandler, request: AgentRequest) -> AsyncGenerator[Any, None]:
    if inspect.iscoroutinefunction(handler) or inspect.isasyncgenfunction(handler):
        result: Any = handler(request)
    else:
        result = await anyio.to_thread.run_sync(handler, request)
    if inspect.isawaitable(result):
        result = await result
    if isinstance(result, AsyncIterator):
        try:
            async for item in result:
                yield item
        finally:
            await result.aclose() if inspect.isasyncgen(result) else None
    elif isinstance(result, Iterator):
        try:
            while (item := await anyio.to_thread.run_sync(_next_or_done, result)) is not _DONE:
                yield item
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                await anyio.to_thread.run_sync(close)
    else:
        yield result


async def agent_events(handler: InvokeAgentHandler, request: AgentRequest) -> AsyncGenerator[AgentEvent, None]:
    """The handler's answer as events; its failure is the last one, an ERROR."""
    chunks = _ChunkReader()
    items = _items(handler, request)
    try:
        async for item in items:
            for event in _events_of(item, chunks):
                yield event
    except Exception as exc:
        logger.exception("the agent handler failed")
        yield AgentEvent(EventType.ERROR, {"message": str(exc) or type(exc).__name__, "code": type(exc).__name__})
    finally:
        await items.aclose()
