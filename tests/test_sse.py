"""`AsyncEventStream` over a real streaming body: a fake upstream answers through `httpx.MockTransport` with an
`httpx.AsyncByteStream` that yields scripted chunks, and `HttpCore.stream(...)` opens it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

import httpx
import pytest
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun._config import Config
from agentrun._core.http import HttpCore, Plane
from agentrun._core.sse import AsyncEventStream


class ChunkedBody(httpx.AsyncByteStream):
    """A response body delivered in the given chunks, optionally breaking with `error` after the last one.
    Records whether the client closed it."""

    def __init__(self, chunks: Iterable[bytes], *, error: Exception | None = None) -> None:
        self.chunks = list(chunks)
        self.error = error
        self.sent = 0
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self.sent += 1
            yield chunk
        if self.error is not None:
            raise self.error

    async def aclose(self) -> None:
        self.closed = True


class StreamingUpstream:
    """A fake server that answers every request with one prepared body."""

    def __init__(self, body: ChunkedBody, *, content_type: str = "text/event-stream", status: int = 200) -> None:
        self.body = body
        self.content_type = content_type
        self.status = status
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, headers={"content-type": self.content_type}, stream=self.body)


def sse(*chunks: str | bytes, error: Exception | None = None) -> ChunkedBody:
    return ChunkedBody([c.encode() if isinstance(c, str) else c for c in chunks], error=error)


def json_data(event: ServerSentEvent) -> Any:
    return json.loads(event.data)


def open_stream(
    upstream: StreamingUpstream,
    decode: Callable[[ServerSentEvent], Any] = json_data,
    *,
    from_json: Callable[[Any], Iterable[Any]] | None = None,
) -> tuple[AsyncEventStream[Any], HttpCore]:
    core = HttpCore(
        Config(account_id="123", data_endpoint="http://127.0.0.1:9"), transport=httpx.MockTransport(upstream)
    )
    stream = AsyncEventStream(
        lambda: core.stream(Plane.DATA, "POST", "/invocations/stream", json_body={"input": "hi"}),
        decode,
        from_json=from_json,
    )
    return stream, core


async def collect(upstream: StreamingUpstream, decode: Callable[[ServerSentEvent], Any] = json_data, **kw: Any) -> list:
    stream, core = open_stream(upstream, decode, **kw)
    try:
        async with stream:
            return [item async for item in stream]
    finally:
        await core.aclose()


# -- parsing ----------------------------------------------------------------------------------------------------------


async def test_events_split_across_chunk_boundaries_are_reassembled() -> None:
    body = sse('data: {"n"', ': 1, "t": "caf', '\xe9"}\n', "\n", 'data: {"n": 2}\n\ndata: {"n"', ": 3}\n\n")
    assert await collect(StreamingUpstream(body)) == [{"n": 1, "t": "café"}, {"n": 2}, {"n": 3}]


async def test_multibyte_character_split_between_chunks_is_decoded() -> None:
    raw = 'data: {"t": "中文"}\n\n'.encode()
    cut = raw.index("文".encode()) + 1  # in the middle of a 3-byte sequence
    assert await collect(StreamingUpstream(ChunkedBody([raw[:cut], raw[cut:]]))) == [{"t": "中文"}]


async def test_multi_line_data_is_joined_with_newlines() -> None:
    body = sse("data: first line\ndata: second line\ndata:\ndata: fourth\n\n")
    assert await collect(StreamingUpstream(body), lambda e: e.data) == ["first line\nsecond line\n\nfourth"]


async def test_crlf_line_endings_are_accepted() -> None:
    body = sse("event: a\r\ndata: 1\r\n\r\n", "data: 2\r", "\n\r\n")
    assert await collect(StreamingUpstream(body), lambda e: (e.event, e.data)) == [("a", "1"), ("message", "2")]


async def test_event_names_and_ids_are_passed_to_decode() -> None:
    body = sse("event: delta\nid: 1\ndata: a\n\n", "event: done\nid: 2\ndata: b\n\n", "data: c\n\n")
    items = await collect(StreamingUpstream(body), lambda e: (e.event, e.id, e.data))
    assert items == [("delta", "1", "a"), ("done", "2", "b"), ("message", "2", "c")]


async def test_comments_and_keep_alives_are_ignored() -> None:
    body = sse(": connected\n\n", 'data: {"n": 1}\n\n', ": ping\n\n", ":\n\n", 'data: {"n": 2}\n', ": mid\n\n")
    assert await collect(StreamingUpstream(body)) == [{"n": 1}, {"n": 2}]


async def test_keep_alives_after_an_event_with_an_id_do_not_make_empty_events() -> None:
    # httpx-sse remembers the last id and dispatches an empty event on the blank line after a comment; the SSE
    # spec says an event with an empty data buffer is not dispatched.
    body = sse('id: 7\ndata: {"n": 1}\n\n', ": ping\n\n", ": ping\n\n", "retry: 1000\n\n", 'data: {"n": 2}\n\n')
    assert await collect(StreamingUpstream(body)) == [{"n": 1}, {"n": 2}]


async def test_done_marker_ends_the_stream_and_closes_the_body() -> None:
    body = sse('data: {"n": 1}\n\n', "data: [DONE]\n\n", 'data: {"n": 99}\n\n')
    assert await collect(StreamingUpstream(body)) == [{"n": 1}]
    assert body.closed


async def test_decode_returning_none_skips_the_event() -> None:
    body = sse("event: ping\ndata: {}\n\n", 'event: delta\ndata: {"n": 1}\n\n', "event: ping\ndata: {}\n\n")
    items = await collect(StreamingUpstream(body), lambda e: json.loads(e.data) if e.event == "delta" else None)
    assert items == [{"n": 1}]


async def test_stream_ends_cleanly_when_the_body_ends_without_done() -> None:
    body = sse('data: {"n": 1}\n\n')
    assert await collect(StreamingUpstream(body)) == [{"n": 1}]
    assert body.closed


# -- JSON answer instead of an event stream ---------------------------------------------------------------------------


async def test_json_answer_is_turned_into_items_by_from_json() -> None:
    answer = {"choices": [{"delta": "a"}, {"delta": "b"}]}
    upstream = StreamingUpstream(sse(json.dumps(answer)), content_type="application/json")
    items = await collect(upstream, from_json=lambda doc: [c["delta"] for c in doc["choices"]])
    assert items == ["a", "b"]


async def test_json_answer_without_from_json_raises_response_error() -> None:
    upstream = StreamingUpstream(sse('{"a": 1}'), content_type="application/json")
    stream, core = open_stream(upstream)
    with pytest.raises(errors.APIResponseError) as caught:
        async with stream:
            async for _ in stream:
                pass
    await core.aclose()
    assert "application/json" in str(caught.value)
    assert upstream.body.closed


async def test_non_json_non_sse_answer_with_from_json_raises_response_error() -> None:
    upstream = StreamingUpstream(sse("<html>oops</html>"), content_type="text/html")
    with pytest.raises(errors.APIResponseError) as caught:
        await collect(upstream, from_json=lambda doc: [doc])
    assert "text/html" in str(caught.value)


# -- failures ---------------------------------------------------------------------------------------------------------


async def test_transport_error_mid_stream_is_a_connection_error_after_delivered_events() -> None:
    body = sse('data: {"n": 1}\n\n', 'data: {"n": 2}\n\n', error=httpx.ReadError("connection reset"))
    stream, core = open_stream(StreamingUpstream(body))
    received: list[Any] = []
    with pytest.raises(errors.APIConnectionError) as caught:
        async with stream:
            async for item in stream:
                received.append(item)
    await core.aclose()
    assert received == [{"n": 1}, {"n": 2}]
    assert not isinstance(caught.value, errors.APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ReadError)
    assert body.closed


async def test_read_timeout_mid_stream_is_a_read_timeout_error() -> None:
    body = sse('data: {"n": 1}\n\n', error=httpx.ReadTimeout("idle"))
    stream, core = open_stream(StreamingUpstream(body))
    received: list[Any] = []
    with pytest.raises(errors.APITimeoutError) as caught:
        async for item in stream:
            received.append(item)
    await core.aclose()
    assert received == [{"n": 1}]
    assert caught.value.timeout == "read"
    assert body.closed


async def test_error_status_when_opening_raises_the_status_error() -> None:
    upstream = StreamingUpstream(sse('{"code": "ERR_NOT_FOUND", "message": "no agent"}'), status=404)
    upstream.content_type = "application/json"
    stream, core = open_stream(upstream)
    with pytest.raises(errors.NotFoundError):
        async with stream:
            pass
    await core.aclose()
    assert upstream.body.closed


# -- closing ----------------------------------------------------------------------------------------------------------


async def test_breaking_out_early_closes_the_response() -> None:
    body = sse(*[f'data: {{"n": {i}}}\n\n' for i in range(100)])
    stream, core = open_stream(StreamingUpstream(body))
    async with stream:
        async for item in stream:
            assert item == {"n": 0}
            break
        assert not body.closed
    assert body.closed
    assert stream.response is not None and stream.response.is_closed
    assert body.sent < 100
    await core.aclose()


async def test_exception_in_the_consumer_closes_the_response() -> None:
    body = sse('data: {"n": 1}\n\n', 'data: {"n": 2}\n\n')
    stream, core = open_stream(StreamingUpstream(body))
    with pytest.raises(RuntimeError):
        async with stream:
            async for _ in stream:
                raise RuntimeError("consumer failed")
    await core.aclose()
    assert body.closed


async def test_connection_opens_on_first_use_only() -> None:
    upstream = StreamingUpstream(sse('data: {"n": 1}\n\n'))
    stream, core = open_stream(upstream)
    assert upstream.requests == []
    assert await stream.__anext__() == {"n": 1}
    assert len(upstream.requests) == 1
    await stream.aclose()
    await core.aclose()


async def test_iterating_a_stream_again_after_it_was_closed_raises() -> None:
    body = sse('data: {"n": 1}\n\n', 'data: {"n": 2}\n\n')
    stream, core = open_stream(StreamingUpstream(body))
    async with stream:
        async for _ in stream:
            break
    with pytest.raises(errors.AgentRunError, match="closed"):
        async for _ in stream:
            pass
    await core.aclose()


async def test_iterating_a_stream_again_after_it_was_exhausted_raises() -> None:
    stream, core = open_stream(StreamingUpstream(sse('data: {"n": 1}\n\n')))
    assert [item async for item in stream] == [{"n": 1}]
    with pytest.raises(errors.AgentRunError, match="closed"):
        await stream.__anext__()
    await core.aclose()


async def test_stream_closed_before_use_raises_without_connecting() -> None:
    upstream = StreamingUpstream(sse('data: {"n": 1}\n\n'))
    stream, core = open_stream(upstream)
    await stream.aclose()
    with pytest.raises(errors.AgentRunError, match="closed"):
        async for _ in stream:
            pass
    assert upstream.requests == []
    await core.aclose()


async def test_aclose_is_idempotent() -> None:
    body = sse('data: {"n": 1}\n\n')
    stream, core = open_stream(StreamingUpstream(body))
    async with stream:
        pass
    await stream.aclose()
    await stream.aclose()
    assert body.closed
    await core.aclose()
