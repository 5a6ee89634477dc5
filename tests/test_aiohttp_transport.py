"""The SDK's default connection pool (agentrun/_core/aiohttp_transport.py) over real sockets: what httpx's own
transport did, it still does. The servers here are raw asyncio servers that misbehave on purpose (fault injection);
the SDK against a real AgentRun Local is what every other test runs through this transport."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import gzip
import json
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from agentrun._core.aiohttp_transport import READ_WHOLE, AiohttpTransport

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
Serve = Callable[[Handler], Awaitable[str]]


async def read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, str], bytes]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
    body = b""
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while size := int((await reader.readline()).strip(), 16):
            body += await reader.readexactly(size)
            await reader.readline()
        await reader.readline()
    return head[0], headers, body


def answer(body: bytes, *extra: str, status: str = "200 OK") -> bytes:
    head = [f"HTTP/1.1 {status}", f"content-length: {len(body)}", "content-type: application/json", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[Handler], Awaitable[str]]]:
    servers: list[asyncio.Server] = []

    async def start(handler: Handler) -> str:
        server = await asyncio.start_server(handler, "127.0.0.1", 0)
        servers.append(server)
        return f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"

    yield start
    for server in servers:
        server.close()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=AiohttpTransport(), timeout=2) as c:
        yield c


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Keep-alive echo: each request answered with its request line, headers and body."""
    while True:
        try:
            line, headers, body = await read_request(reader)
        except (asyncio.IncompleteReadError, ConnectionError):
            break
        payload = json.dumps({"line": line, "headers": headers, "body": body.decode()}).encode()
        writer.write(answer(payload))
        await writer.drain()
    writer.close()


async def test_the_url_and_headers_go_out_exactly_as_httpx_built_them(serve: Serve, client: httpx.AsyncClient) -> None:
    base = await serve(echo)
    # A signature covers the encoded query: it must not be re-quoted on the way out.
    response = await client.get(f"{base}/a%2Fb/c?x=a%20b&y=%2A&z=~", headers={"X-Acs-Date": "d"})
    seen = response.json()
    assert seen["line"] == "GET /a%2Fb/c?x=a%20b&y=%2A&z=~ HTTP/1.1"
    assert seen["headers"]["x-acs-date"] == "d" and seen["headers"]["host"] == base.removeprefix("http://")
    assert "content-type" not in seen["headers"]  # nothing added that httpx did not send


async def test_bodies_in_memory_and_streamed(serve: Serve, client: httpx.AsyncClient) -> None:
    base = await serve(echo)
    sent = await client.post(f"{base}/json", json={"a": 1})
    assert json.loads(sent.json()["body"]) == {"a": 1}

    async def chunks() -> AsyncIterator[bytes]:
        for part in (b"one ", b"two ", b"three"):
            yield part

    streamed = (await client.post(f"{base}/stream", content=chunks())).json()
    assert streamed["body"] == "one two three" and streamed["headers"]["transfer-encoding"] == "chunked"
    uploaded = (await client.post(f"{base}/files", files={"file": ("a.txt", b"hello")})).json()
    assert "hello" in uploaded["body"] and uploaded["headers"]["content-type"].startswith("multipart/form-data")


async def test_a_gzip_answer_is_decoded_once(serve: Serve, client: httpx.AsyncClient) -> None:
    async def gzipped(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(answer(gzip.compress(b'{"ok": true}'), "content-encoding: gzip"))
        await writer.drain()
        writer.close()

    address = await serve(gzipped)
    assert (await client.get(address)).json() == {"ok": True}  # streamed
    assert (await client.get(address, extensions={READ_WHOLE: True})).json() == {"ok": True}  # read at once


async def test_failures_are_httpx_exceptions_the_retry_rules_know(serve: Serve, client: httpx.AsyncClient) -> None:
    working = await serve(echo)
    with pytest.raises(httpx.ConnectError):
        await client.get("http://127.0.0.1:9/")  # nothing listens on the discard port

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.close()  # the request arrived: no answer

    with pytest.raises(httpx.RemoteProtocolError):
        await client.post(await serve(hang_up), json={})

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        await reader.read()  # no answer, until the client gives up and closes

    with pytest.raises(httpx.ReadTimeout):
        await client.get(await serve(silent), timeout=httpx.Timeout(2, read=0.2))

    async def cut_body(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort")
        await writer.drain()
        writer.close()

    cut = await serve(cut_body)
    with pytest.raises(httpx.RemoteProtocolError):
        await client.get(cut)
    with pytest.raises(httpx.RemoteProtocolError):
        await client.get(cut, extensions={READ_WHOLE: True})
    assert (await client.get(working)).status_code == 200  # the pool still works


async def test_a_stream_left_early_closes_its_connection_and_the_pool_goes_on(
    serve: Serve, client: httpx.AsyncClient
) -> None:
    connections = 0

    async def endless(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        while True:
            try:
                line, _, _ = await read_request(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            if "stream" in line:
                writer.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
                with contextlib.suppress(ConnectionError):
                    for _ in range(1000):
                        writer.write(b"5\r\nchunk\r\n")
                        await writer.drain()
                        await asyncio.sleep(0.001)
                return
            writer.write(answer(b"{}"))
            await writer.drain()

    base = await serve(endless)
    async with client.stream("GET", f"{base}/stream") as response:
        async for chunk in response.aiter_bytes():
            assert chunk
            break
    for _ in range(3):
        assert (await client.get(f"{base}/plain")).status_code == 200
    assert connections == 2  # the cut stream's connection was not reused; the next one was, three times


def test_one_client_serves_two_event_loops_one_after_the_other() -> None:
    """`asyncio.run` twice with one client (a script, a notebook cell): the second loop gets its own pool."""

    async def run_server_and_call(transport: AiohttpTransport) -> int:
        server = await asyncio.start_server(echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = httpx.AsyncClient(transport=transport)
        try:
            return (await client.get(f"http://127.0.0.1:{port}/")).status_code
        finally:
            server.close()

    transport = AiohttpTransport()
    assert asyncio.run(run_server_and_call(transport)) == 200
    assert asyncio.run(run_server_and_call(transport)) == 200
    asyncio.run(transport.aclose())


def test_a_client_dropped_unclosed_closes_its_sockets_without_warnings(tmp_path: Path) -> None:
    script = tmp_path / "drop.py"
    script.write_text(
        textwrap.dedent(
            """
            import asyncio, gc, httpx
            from agentrun._core.aiohttp_transport import READ_WHOLE, AiohttpTransport

            async def handler(reader, writer):
                await reader.readuntil(b"\\r\\n\\r\\n")
                writer.write(b"HTTP/1.1 200 OK\\r\\ncontent-length: 2\\r\\n\\r\\n{}")
                await writer.drain()
                await reader.read()  # until the client closes the connection
                print("closed by client", flush=True)
                writer.close()

            async def main():
                server = await asyncio.start_server(handler, "127.0.0.1", 0)
                port = server.sockets[0].getsockname()[1]
                client = httpx.AsyncClient(transport=AiohttpTransport())
                await client.get(f"http://127.0.0.1:{port}/")
                del client
                gc.collect()
                await asyncio.sleep(0.2)
                server.close()

            asyncio.run(main())
            """
        )
    )
    result = subprocess.run([sys.executable, "-X", "dev", str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "closed by client"
    assert result.stderr == ""
    gc.collect()
