"""Fake OpenAI-compatible upstreams for the model gateway tests: real HTTP/1.1 servers on free loopback ports, written
on raw asyncio streams so the tests see every connection the gateway opens, every request it sends, and every
disconnect. They are test fakes, some of them faulty on purpose (fault injection):

- `FakeUpstream(mode="ok")` answers chat completions (JSON or SSE), embeddings and the model list;
- `mode="fail500"` answers 500 to everything; `mode="hang"` reads the request and never answers;
- `mode="die_mid_stream"` streams two chunks, then drops the connection; `mode="cut_short"` streams its chunks and
  ends the response cleanly but without `[DONE]`; `mode="slow"` streams one chunk and holds the rest until the test
  sets `release` (non-streaming requests are answered at once);
- `refused_url()` is a base URL where nothing listens.

A request for model `reject-me` gets a 400 that echoes its Authorization header (a leaky provider). `usage=False`
leaves usage out of answers; `api_key` makes it answer 401 (echoing the key it got, as some providers do) unless the
request carries `Authorization: Bearer <api_key>`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from dataclasses import dataclass, field
from typing import Any, Literal

import anyio

Mode = Literal["ok", "fail500", "hang", "die_mid_stream", "cut_short", "slow"]


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    raw: bytes = b""  # the body's bytes as they came


def refused_url() -> str:
    """A loopback base URL with nothing listening (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@dataclass
class FakeUpstream:
    mode: Mode = "ok"
    name: str = "upstream"
    usage: bool = True
    api_key: str | None = None
    seen: list[Seen] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)  # lets a `slow` stream finish
    first_sent: asyncio.Event = field(default_factory=asyncio.Event)
    disconnects: int = 0  # the client closed the connection while a request was being answered
    connections: int = 0  # accepted so far
    open_connections: int = 0
    idle_connections: int = 0  # open, waiting for the next request
    answering: int = 0  # requests being answered now
    _server: asyncio.Server | None = None
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)

    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def __aenter__(self) -> FakeUpstream:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        await self._server.wait_closed()

    async def settled(self, timeout: float = 10.0) -> None:
        """Wait until no request is being answered and every open connection is idle: nothing lost or leaked."""
        with anyio.fail_after(timeout):
            while self.answering or self.open_connections != self.idle_connections:  # noqa: ASYNC110
                await anyio.sleep(0.01)

    async def all_closed(self, timeout: float = 10.0) -> None:
        with anyio.fail_after(timeout):
            while self.open_connections:  # noqa: ASYNC110 - counts kept by the connection handlers
                await anyio.sleep(0.01)

    # -- HTTP ------------------------------------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open_connections += 1
        self._writers.add(writer)
        try:
            while True:
                self.idle_connections += 1
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                finally:
                    self.idle_connections -= 1
                self.answering += 1
                try:
                    if not await self._request(head, reader, writer):
                        return
                finally:
                    self.answering -= 1
        except ConnectionError:
            return
        finally:
            self._writers.discard(writer)
            self.open_connections -= 1
            writer.close()

    async def _request(self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False when the connection must end."""
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if line)}
        raw = await reader.readexactly(int(headers.get("content-length", "0")))
        body = json.loads(raw) if raw else None
        self.seen.append(Seen(method, path, headers, body, raw))
        if self.mode == "hang":
            await self._until_disconnect(reader)
            return False
        if self.mode == "fail500":
            return await self._json(writer, 500, {"error": {"message": f"{self.name} is broken", "type": "server"}})
        if self.api_key is not None and headers.get("authorization") != f"Bearer {self.api_key}":
            sent = headers.get("authorization", "")
            return await self._json(writer, 401, {"error": {"message": f"Incorrect API key provided: {sent}"}})
        if isinstance(body, dict) and body.get("model") == "reject-me":
            message = f"{self.name} rejects model reject-me (authorization: {headers.get('authorization')})"
            return await self._json(writer, 400, {"error": {"message": message}})
        if path.endswith("/chat/completions"):
            if isinstance(body, dict) and body.get("stream"):
                return await self._stream(body, reader, writer)
            return await self._json(writer, 200, self._completion(body))
        if path.endswith("/responses"):
            return await self._responses(body, writer)
        if path.endswith("/embeddings"):
            inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
            data = [
                {"object": "embedding", "index": i, "embedding": [float(len(text)), 1.0]}
                for i, text in enumerate(inputs)
            ]
            answer: dict[str, Any] = {
                "object": "list",
                "data": data,
                "model": body.get("model") or "upstream-default-model",
            }
            if self.usage:
                answer["usage"] = {"prompt_tokens": 4, "total_tokens": 4}
            return await self._json(writer, 200, answer)
        if path.endswith("/models"):
            return await self._json(
                writer, 200, {"object": "list", "data": [{"id": f"{self.name}-model", "object": "model"}]}
            )
        return await self._json(writer, 404, {"error": {"message": f"{self.name}: no route {path}"}})

    def _completion(self, body: Any) -> dict[str, Any]:
        answer: dict[str, Any] = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 1,
            "model": body.get("model") or "upstream-default-model",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": f"{self.name} says hi"},
                    "finish_reason": "stop",
                }
            ],
        }
        if self.usage:
            answer["usage"] = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}
        return answer

    async def _json(self, writer: asyncio.StreamWriter, status: int, payload: Any) -> bool:
        data = json.dumps(payload).encode()
        writer.write(
            f"HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {len(data)}\r\n\r\n".encode()
            + data
        )
        await writer.drain()
        return True

    async def _until_disconnect(self, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(ConnectionError):
            while await reader.read(1024):
                pass
        self.disconnects += 1

    async def _stream(self, body: dict[str, Any], reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")

        async def event(payload: Any) -> None:
            data = b"data: " + (payload if isinstance(payload, bytes) else json.dumps(payload).encode()) + b"\n\n"
            writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            await writer.drain()

        def chunk(content: str) -> dict[str, Any]:
            return {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": body.get("model") or "upstream-default-model",
                "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}],
            }

        await event(chunk(f"{self.name}"))
        self.first_sent.set()
        if self.mode == "slow":
            waiter = asyncio.ensure_future(self.release.wait())
            gone = asyncio.ensure_future(self._until_disconnect(reader))
            await asyncio.wait([waiter, gone], return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            if gone.done():
                return False
            gone.cancel()
        await event(chunk(" says"))
        if self.mode == "die_mid_stream":
            writer.transport.abort()
            return False
        await event(chunk(" hi"))
        if self.mode == "cut_short":
            writer.write(b"0\r\n\r\n")
            await writer.drain()
            return True
        include = (body.get("stream_options") or {}).get("include_usage")
        if self.usage and include:
            await event(
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion.chunk",
                    "created": 1,
                    "model": body.get("model") or "upstream-default-model",
                    "choices": [],
                    "usage": {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8},
                }
            )
        await event(b"[DONE]")
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return True

    async def _responses(self, body: dict[str, Any], writer: asyncio.StreamWriter) -> bool:
        """The Responses API, briefly: one output text, usage as input/output tokens."""
        response = {
            "id": "resp_fake",
            "object": "response",
            "model": body.get("model") or "upstream-default-model",
            "status": "completed",
            "output": [
                {
                    "type": "message",
                    "role": "assistant",
                    "content": [{"type": "output_text", "text": f"{self.name} responds"}],
                }
            ],
            "usage": {"input_tokens": 2, "output_tokens": 2, "total_tokens": 4},
        }
        if not body.get("stream"):
            return await self._json(writer, 200, response)
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
        for kind, payload in (
            ("response.created", {"response": {**response, "status": "in_progress", "usage": None}}),
            ("response.output_text.delta", {"delta": f"{self.name} responds"}),
            ("response.completed", {"response": response}),
        ):
            event = f"event: {kind}\ndata: {json.dumps({'type': kind, **payload})}\n\n".encode()
            writer.write(f"{len(event):x}\r\n".encode() + event + b"\r\n")
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return True
