"""Streams from an upstream to the caller, event by event, as they arrive.

A chat stream is passed on unchanged except: the usage chunk the gateway asked for is dropped unless the caller asked
for `stream_options.include_usage`; when the caller asked and the upstream sent none, the gateway adds one before
`[DONE]`, estimated (tokens.py). A failure after the stream started (the upstream's connection breaks, it stays
silent past `requestTimeout`, or it ends without `[DONE]`) reaches the caller as one typed event,
`data: {"error": {...}}`, and the stream ends there: never a silent truncation, never `[DONE]` after an error.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from contextlib import AsyncExitStack

import anyio
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from agentrun.local.asgi import ClientDisconnected, until_disconnect
from agentrun.local.models import sse
from agentrun.local.models.errors import ModelError, error_event
from agentrun.local.models.upstream import StreamBroken
from agentrun.local.models.usage import Meter

_RESPONSES_END = frozenset({"response.completed", "response.failed", "response.incomplete", "error"})


class EventStreamResponse(Response):
    """An ASGI `text/event-stream` response fed by `chunks`. When the caller disconnects, the feed is cancelled at
    once; on every exit `chunks` is closed and then `cleanup` (close the upstream, free the slot, count usage)."""

    media_type = "text/event-stream"

    def __init__(self, chunks: AsyncGenerator[bytes], headers: Mapping[str, str], cleanup: AsyncExitStack) -> None:
        self._chunks = chunks
        self._cleanup = cleanup
        self.status_code = 200
        self.background = None
        self.init_headers({"cache-control": "no-cache", "x-accel-buffering": "no", **headers})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            with contextlib.suppress(ClientDisconnected):  # the caller left: the feed has been cancelled
                await until_disconnect(receive, lambda: self._pump(send))
        finally:
            with anyio.CancelScope(shield=True):
                try:
                    await self._chunks.aclose()
                finally:
                    await self._cleanup.aclose()

    async def _pump(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        async for chunk in self._chunks:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _interrupted(label: str, exc: StreamBroken) -> ModelError:
    if exc.timed_out:
        return ModelError(
            504, "timeout_error", "upstream_timeout", f"{label} went silent mid-stream for longer than requestTimeout"
        )
    return ModelError(
        502,
        "upstream_error",
        "upstream_stream_interrupted",
        f"{label} failed mid-stream ({exc.reason})",
    )


def _cut_short(label: str) -> ModelError:
    return ModelError(
        502, "upstream_error", "upstream_stream_interrupted", f"{label} ended the stream before it was complete"
    )


async def relay_chat(
    events: AsyncGenerator[sse.Event], meter: Meter, *, label: str, include_usage: bool
) -> AsyncGenerator[bytes]:
    relay = _relay_chat(events, meter, label=label, include_usage=include_usage)
    async with contextlib.aclosing(events), contextlib.aclosing(relay):
        async for chunk in relay:
            yield chunk


async def _relay_chat(
    events: AsyncIterator[sse.Event], meter: Meter, *, label: str, include_usage: bool
) -> AsyncGenerator[bytes]:
    last: dict[str, object] = {}
    try:
        async for event in events:
            if event.data == sse.DONE:
                break
            chunk = event.json()
            if not isinstance(chunk, dict):
                yield event.raw  # comments and keep-alives
                continue
            if "error" in chunk:  # the upstream's own error event ends the stream
                meter.failed = True
                yield event.raw
                return
            last = chunk
            meter.report(chunk.get("usage"))
            choices = chunk.get("choices")
            for choice in choices if isinstance(choices, list) else []:
                meter.see_message(choice.get("delta") if isinstance(choice, dict) else None)
            if not choices and chunk.get("usage") and not include_usage:
                continue  # asked for by the gateway, not by the caller
            yield event.raw
        else:
            meter.failed = True
            yield error_event(_cut_short(label))
            return
    except StreamBroken as exc:
        meter.failed = True
        yield error_event(_interrupted(label, exc))
        return
    if include_usage and meter.reported is None:
        yield sse.encode(
            {
                "id": last.get("id"),
                "object": "chat.completion.chunk",
                "created": last.get("created"),
                "model": last.get("model"),
                "choices": [],
                "usage": meter.chat_usage(),
            }
        )
    yield sse.DONE_EVENT
    # Read the upstream to its end, so its connection can serve another request.
    with anyio.move_on_after(1), contextlib.suppress(StreamBroken):
        async for _ in events:
            pass


async def relay_responses(events: AsyncGenerator[sse.Event], meter: Meter, *, label: str) -> AsyncGenerator[bytes]:
    relay = _relay_responses(events, meter, label=label)
    async with contextlib.aclosing(events), contextlib.aclosing(relay):
        async for chunk in relay:
            yield chunk


async def _relay_responses(events: AsyncIterator[sse.Event], meter: Meter, *, label: str) -> AsyncGenerator[bytes]:
    """A Responses API stream, passed on as is; it must end with `response.completed` (or failed / incomplete)."""
    try:
        async for event in events:
            yield event.raw
            payload = event.json()
            kind = payload.get("type") if isinstance(payload, dict) else None
            if isinstance(payload, dict) and kind == "response.output_text.delta":
                meter.see(payload.get("delta"))
            if event.data == sse.DONE or kind in _RESPONSES_END:
                if isinstance(payload, dict) and isinstance(payload.get("response"), dict):
                    meter.report(payload["response"].get("usage"))
                meter.failed = kind in ("response.failed", "error")
                return
    except StreamBroken as exc:
        meter.failed = True
        yield error_event(_interrupted(label, exc))
        return
    meter.failed = True
    yield error_event(_cut_short(label))
