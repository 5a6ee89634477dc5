#!/usr/bin/env python3
"""A fast OpenAI-compatible upstream for bench/models.py: raw asyncio HTTP/1.1 with keep-alive (uvloop when
installed), so the upstream costs as little as possible and the same for every path that reaches it.

    python bench/_fast_upstream.py        # prints "PORT <n>" once listening on 127.0.0.1

POST .../chat/completions answers a fixed completion, or with `"stream": true` streams `bench_chunks` chunks (default
20) `bench_interval_ms` apart (default 2), each chunk's `content` being the time it was written
(`time.monotonic_ns()`, comparable across processes on one machine), then the usage chunk and `[DONE]`.
"""

from __future__ import annotations

import asyncio
import json
import time

_COMPLETION = json.dumps(
    {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 1,
        "model": "bench-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6},
    }
).encode()
_MODELS = json.dumps({"object": "list", "data": [{"id": "bench-model", "object": "model"}]}).encode()


def _json(status: int, body: bytes) -> bytes:
    return (
        f"HTTP/1.1 {status} OK\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n".encode() + body
    )


def _chunk(event: bytes) -> bytes:
    return f"{len(event):x}\r\n".encode() + event + b"\r\n"


def _event(content: str | None, finish: str | None = None, usage: bool = False) -> bytes:
    payload = {
        "id": "chatcmpl-bench",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "bench-model",
        "choices": [] if usage else [{"index": 0, "delta": {"content": content}, "finish_reason": finish}],
    }
    if usage:
        payload["usage"] = {"prompt_tokens": 5, "completion_tokens": 20, "total_tokens": 25}
    return b"data: " + json.dumps(payload, separators=(",", ":")).encode() + b"\n\n"


async def _stream(writer: asyncio.StreamWriter, body: dict[str, object]) -> None:
    count = int(body.get("bench_chunks", 20))
    interval = float(body.get("bench_interval_ms", 2)) / 1000
    writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
    loop = asyncio.get_running_loop()
    start = loop.time()
    for i in range(count):
        delay = start + i * interval - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        writer.write(_chunk(_event(str(time.monotonic_ns()))))
        await writer.drain()
    writer.write(_chunk(_event(None, "stop")))
    options = body.get("stream_options")
    if isinstance(options, dict) and options.get("include_usage"):
        writer.write(_chunk(_event(None, usage=True)))
    writer.write(_chunk(b"data: [DONE]\n\n") + b"0\r\n\r\n")
    await writer.drain()


async def _connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            length = 0
            for line in lines[1:]:
                if line[:15].lower() == "content-length:":
                    length = int(line[15:])
            raw = await reader.readexactly(length) if length else b""
            if method == "POST" and path.endswith("/chat/completions"):
                body = json.loads(raw)
                if body.get("stream"):
                    await _stream(writer, body)
                    continue
                writer.write(_json(200, _COMPLETION))
            elif path.endswith("/models"):
                writer.write(_json(200, _MODELS))
            else:
                writer.write(_json(404, b'{"error": {"message": "no such route"}}'))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main() -> None:
    server = await asyncio.start_server(_connection, "127.0.0.1", 0, backlog=512)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        import uvloop

        uvloop.run(main())
    except ImportError:
        asyncio.run(main())
