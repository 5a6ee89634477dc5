"""The gateway's own HTTP/1.1 client (agentrun/local/models/http1.py) against real loopback servers that answer in the
ways upstreams do: keep-alive connections closed while idle, bodies ended by the connection's end, gzip although
identity was asked, an informational head before the answer, bodies larger than the flow-control mark, IPv6 hosts.
The servers are test fakes written on raw asyncio streams (some answers are odd on purpose)."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from yarl import URL

from agentrun.local.models import http1
from agentrun.local.models.upstream import UpstreamClient

Handler = Callable[[bytes, asyncio.StreamWriter], Awaitable[bool]]  # one request's head -> keep the connection?


@contextlib.asynccontextmanager
async def serving(handler: Handler, host: str = "127.0.0.1") -> AsyncIterator[tuple[str, list[int]]]:
    """A server running `handler` per request; yields its base URL and the list of connections it accepted."""
    accepted: list[int] = []

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(1)
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (int(line[15:]) for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")), 0
                )
                await reader.readexactly(length)
                if not await handler(head, writer):
                    break
        writer.close()

    server = await asyncio.start_server(connection, host, 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://{'[::1]' if ':' in host else host}:{port}/v1", accepted
    finally:
        server.close()
        await server.wait_closed()


def _client() -> http1.Http1Client:
    return http1.Http1Client(lambda: pytest.fail("no TLS here"))


async def _get(client: http1.Http1Client, base: str) -> tuple[int, bytes]:
    response = await client.request("GET", URL(base + "/models"), {}, b"", 5)
    body = await response.read()
    response.release()
    return response.status, body


async def test_a_keep_alive_connection_the_upstream_closed_while_idle_is_replaced() -> None:
    async def answer_then_close(head: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
        await writer.drain()
        return False  # closes the connection although it did not say so

    client = _client()
    try:
        async with serving(answer_then_close) as (base, accepted):
            assert await _get(client, base) == (200, b"{}")
            assert await _get(client, base) == (200, b"{}")
            assert len(accepted) == 2
    finally:
        await client.aclose()


async def test_keep_alive_connections_are_reused() -> None:
    async def answer(head: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
        await writer.drain()
        return True

    client = _client()
    try:
        async with serving(answer) as (base, accepted):
            for _ in range(3):
                assert await _get(client, base) == (200, b"{}")
            assert len(accepted) == 1
    finally:
        await client.aclose()


async def test_a_body_ended_by_the_connection_end_is_read_whole() -> None:
    async def close_delimited(head: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{"ok": true}')
        await writer.drain()
        return False

    client = _client()
    try:
        async with serving(close_delimited) as (base, _):
            assert await _get(client, base) == (200, b'{"ok": true}')
    finally:
        await client.aclose()


async def test_a_gzip_body_is_decoded_and_an_early_hints_head_skipped() -> None:
    packed = gzip.compress(b'{"packed": true}')

    async def gzip_after_hints(head: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 103 Early Hints\r\nlink: </x>; rel=preload\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: %d\r\n\r\n" % len(packed) + packed)
        await writer.drain()
        return True

    client = _client()
    try:
        async with serving(gzip_after_hints) as (base, _):
            assert await _get(client, base) == (200, b'{"packed": true}')
    finally:
        await client.aclose()


async def test_a_body_past_the_flow_control_mark_arrives_whole() -> None:
    big = b"x" * (3 * 1024 * 1024)

    async def large(head: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n" % len(big) + big)
        await writer.drain()
        return True

    client = _client()
    try:
        async with serving(large) as (base, _):
            response = await client.request("GET", URL(base + "/models"), {}, b"", 5)
            await asyncio.sleep(0.2)  # the upstream writes far past the mark meanwhile: reading pauses
            assert await response.read() == big
            response.release()
            assert await _get(client, base) == (200, big)  # and the connection is reused afterwards
    finally:
        await client.aclose()


async def test_a_silent_upstream_times_out_and_its_connection_is_closed() -> None:
    async def silent(head: bytes, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(30)
        return False

    client = _client()
    try:
        async with serving(silent) as (base, _):
            with pytest.raises(http1.Timeout):
                await client.request("GET", URL(base + "/models"), {}, b"", 0.2)
            assert not client._open
    finally:
        await client.aclose()


def _ipv6() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6(), reason="this machine has no IPv6 loopback")
async def test_an_ipv6_upstream_gets_a_bracketed_host_header() -> None:
    heads: list[bytes] = []

    async def answer(head: bytes, writer: asyncio.StreamWriter) -> bool:
        heads.append(head)
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
        await writer.drain()
        return True

    client = _client()
    try:
        async with serving(answer, host="::1") as (base, _):
            assert await _get(client, base) == (200, b"{}")
            assert f"host: {URL(base).raw_authority}\r\n".encode() in heads[0] and b"host: [::1]:" in heads[0]
    finally:
        await client.aclose()


async def test_the_gateway_client_closes_every_connection_at_shutdown() -> None:
    async def answer(head: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}")
        await writer.drain()
        return True

    upstreams = UpstreamClient()
    async with serving(answer) as (base, _):
        from agentrun.local.models.targets import Backend

        await upstreams.call(Backend("endpoint 1", base), "GET", "models", None, stream=False, timeout=5, secrets=())
        assert upstreams.http1._open
        await upstreams.aclose()
        assert not upstreams.http1._open
