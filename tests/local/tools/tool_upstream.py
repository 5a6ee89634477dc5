"""A real HTTP/1.1 upstream for OpenAPI tool tests, on a free loopback port (raw asyncio streams, so a test sees
exactly what AgentRun Local sent: method, path, query, headers, body). Some routes are faulty on purpose (fault
injection):

- `GET /items/{id}`: 200 JSON echoing the id, the query and the headers it got (a leaky upstream: it echoes the
  credential, which AgentRun Local must scrub before the caller sees it);
- `POST /items`: 201 JSON echoing the JSON body;
- `GET /text`: 200 text/plain;
- `GET /fail`: 500 whose body quotes the headers it got (the credential included);
- `GET /malformed`: 200 `application/json` that is not JSON;
- `GET /hang`: reads the request and never answers (`hanging` counts those whose client has not closed yet).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit


@dataclass
class Seen:
    method: str
    path: str  # decoded
    raw_path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # lower-case names
    body: Any


def refused_url() -> str:
    """A loopback base URL where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass
class ToolUpstream:
    seen: list[Seen] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    hanging: int = 0  # /hang requests whose connection the client still holds open
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)

    @property
    def connections(self) -> int:
        """Connections a client holds open to it now (kept-alive ones included)."""
        return len(self._writers)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> ToolUpstream:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        line = await reader.readline()
        if not line:
            return False
        method, target, _ = line.decode().split(" ", 2)
        headers: dict[str, str] = {}
        while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = header.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        raw = await reader.readexactly(int(headers.get("content-length", "0")))
        parts = urlsplit(target)
        body = json.loads(raw) if raw else None
        seen = Seen(method, unquote(parts.path), parts.path, parse_qsl(parts.query), headers, body)
        self.seen.append(seen)
        status, content_type, payload = self._answer(seen)
        if status == 0:  # hang: hold the connection until the client leaves or the server stops
            self.hanging += 1
            try:
                await reader.read()
            finally:
                self.hanging -= 1
            return False
        writer.write(
            f"HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {len(payload)}\r\n\r\n".encode()
            + payload
        )
        await writer.drain()
        return True

    def _answer(self, seen: Seen) -> tuple[int, str, bytes]:
        if seen.method == "GET" and seen.path.startswith("/items/"):
            echo = {"id": seen.path[len("/items/") :], "query": seen.query, "headers": seen.headers}
            return 200, "application/json", json.dumps(echo).encode()
        if seen.method == "POST" and seen.path == "/items":
            return 201, "application/json; charset=utf-8", json.dumps({"created": seen.body}).encode()
        if seen.path == "/text":
            return 200, "text/plain", b"plain answer"
        if seen.path == "/fail":
            return 500, "application/json", json.dumps({"error": "exploded", "got": seen.headers}).encode()
        if seen.path == "/malformed":
            return 200, "application/json", b"{not json"
        if seen.path == "/hang":
            return 0, "", b""
        return 404, "text/plain", b"no such route"
