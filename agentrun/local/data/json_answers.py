"""Large JSON answers, sent without holding them whole: encoded piece by piece (large pieces in a worker thread)
and sent in chunks of at most BODY_CHUNK bytes, each once the client has taken the last. Used by the answers whose
size sandbox code decides: ExecuteCode's `ExecutionResult` and events, RunCommand's result."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import anyio
import anyio.to_thread
from starlette.types import Send

ENCODE_IN_THREAD = 256 * 1024  # characters: larger values are encoded in a worker thread, away from the event loop
BODY_CHUNK = 1024 * 1024  # bytes of a JSON answer gathered per send
SMALL_ANSWER = 64 * 1024  # characters (estimated): an answer below this is encoded whole


class ChunkedBody:
    """A response body sent in chunks of at most BODY_CHUNK bytes, each after the client has taken the last
    (uvicorn waits for its write buffer to drain), so the answer is never copied whole into the transport."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.buffer = bytearray()

    async def write(self, data: bytes) -> None:
        if len(self.buffer) + len(data) < BODY_CHUNK:
            self.buffer += data
            return
        await self._send(bytes(self.buffer))
        self.buffer.clear()
        for start in range(0, len(data), BODY_CHUNK):
            await self._send(data[start : start + BODY_CHUNK])

    async def flush(self) -> None:
        await self._send(bytes(self.buffer))
        self.buffer.clear()

    async def end(self) -> None:
        await self._send(bytes(self.buffer), more=False)
        self.buffer.clear()

    async def _send(self, chunk: bytes, *, more: bool = True) -> None:
        if chunk or not more:
            await self.send({"type": "http.response.body", "body": chunk, "more_body": more})


async def send_json(send: Send, answer: Mapping[str, Any], *, split: str | None = None) -> None:
    """Send `answer` as the whole (already started) response body: each top-level value encoded on its own, and
    each item of the list under `split` too, so no piece is larger than one field or one item. A small answer (the
    usual one) is encoded and sent in one piece: the same bytes, for a fraction of the work."""
    if _rough_size(answer) < SMALL_ANSWER:
        await send({"type": "http.response.body", "body": _dumps(answer), "more_body": False})
        return
    body = ChunkedBody(send)
    for piece in _pieces(answer, split):
        await body.write(piece if isinstance(piece, bytes) else await encode_json(piece))
    await body.end()


def _pieces(answer: Mapping[str, Any], split: str | None) -> Iterator[bytes | Any]:
    """`answer` as literal bytes and values to encode one by one."""
    yield b"{"
    for index, (key, value) in enumerate(answer.items()):
        yield (b"," if index else b"") + json.dumps(key).encode() + b":"
        if key != split or not isinstance(value, list):
            yield value
            continue
        yield b"["
        for position, item in enumerate(value):
            if position:
                yield b","
            yield item
        yield b"]"
    yield b"}"


async def encode_json(value: Any, size: int | None = None) -> bytes:
    """`value` as compact UTF-8 JSON; in a worker thread when it is large (`size`: its characters, estimated)."""
    if (size if size is not None else _rough_size(value)) < ENCODE_IN_THREAD:
        return _dumps(value)
    with anyio.CancelScope(shield=True):  # the thread runs to the end anyway
        encoded = await anyio.to_thread.run_sync(_dumps, value)
    return encoded


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")


def _rough_size(value: Any) -> int:
    """About how many characters `value` holds (strings counted, containers walked)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(str(k)) + _rough_size(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(_rough_size(v) for v in value)
    return 8
