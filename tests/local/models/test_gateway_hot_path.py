"""What keeps the gateway's per-call cost down, and that it changes nothing a caller can see: targets read from the
store once per store generation (a change is seen by the next call), upstream requests sent in one piece, and the
upstream client's behaviour (environment proxies, no cookie jar) as the httpx client it replaced had it."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from pathlib import Path
from typing import Any

import httpcore
import pytest
from model_helpers import proxy
from model_sdk_helpers import HELLO
from upstreams import FakeUpstream, refused_url

from agentrun.client import AsyncAgentRun
from agentrun.local.models.coalesce import CoalescedStream, CoalescingBackend
from agentrun.local.models.targets import Backend
from agentrun.local.models.upstream import Answered, AttemptFailed, UpstreamClient
from agentrun.local.paths import DataDir
from agentrun.local.store import Store, Transition
from agentrun.local.tls import ensure_certificates


async def test_a_proxy_changed_after_use_is_used_as_changed(client: AsyncAgentRun) -> None:
    async with FakeUpstream(name="first") as first, FakeUpstream(name="second") as second:
        name = await proxy(client, [{"baseUrl": first.base_url}])
        assert (await client.models.chat(name, HELLO)).text == "first says hi"
        assert (await client.models.chat(name, HELLO)).text == "first says hi"  # served from the cached target
        await client.model_proxies.update(name, endpoints=[{"baseUrl": second.base_url}])
        assert (await client.models.chat(name, HELLO)).text == "second says hi"
    assert (len(first.seen), len(second.seen)) == (2, 1)


async def test_the_store_generation_counts_writes_not_reads(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "store.db")
    try:
        await store.transact(lambda tx: tx.insert("k", "a", {"status": "CREATING"}, transition=Transition(0, "READY")))
        after_insert = store.generation
        await store.transact(lambda tx: tx.get("k", "a"))  # settles the due transition: a write
        settled = store.generation
        await store.transact(lambda tx: tx.get("k", "a"))
        assert (after_insert, settled, store.generation) == (1, 2, 2)
        await store.transact(lambda tx: tx.delete("k", "a"))
        assert store.generation == 3
    finally:
        await store.close()


class _RecordingStream(httpcore.AsyncNetworkStream):
    """A fake network stream (test double) that records each send."""

    def __init__(self) -> None:
        self.sends: list[bytes] = []

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.sends.append(buffer)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return b""

    async def aclose(self) -> None:
        pass

    def get_extra_info(self, info: str) -> Any:
        return None


async def test_a_request_head_and_body_leave_in_one_send() -> None:
    inner = _RecordingStream()
    stream = CoalescedStream(inner)
    await stream.write(b"POST /v1/chat/completions HTTP/1.1\r\n\r\n")
    await stream.write(b'{"messages": []}')
    assert inner.sends == []
    await stream.read(1024)
    assert inner.sends == [b'POST /v1/chat/completions HTTP/1.1\r\n\r\n{"messages": []}']
    await stream.read(1024)
    assert len(inner.sends) == 1  # nothing pending: nothing sent


async def test_the_gateway_upstream_client_coalesces() -> None:
    upstreams = UpstreamClient()
    try:
        pool = upstreams.client._transport._pool  # type: ignore[attr-defined]
        assert isinstance(pool._network_backend, CoalescingBackend)  # httpx's layout is as coalesce_sends expects
    finally:
        await upstreams.aclose()


async def test_model_calls_go_through_the_environment_proxy_unless_no_proxy_names_the_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    upstreams = UpstreamClient()
    try:
        async with FakeUpstream(name="proxy") as proxy_server:
            monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy_server.port}")
            unreachable = Backend("endpoint 1", refused_url())  # reachable only through the proxy
            answer = await upstreams.call(
                unreachable, "POST", "chat/completions", b'{"messages":[]}', stream=False, timeout=5, secrets=()
            )
            assert isinstance(answer, Answered) and b"proxy says hi" in answer.content
            assert proxy_server.seen[0].path == f"{unreachable.base_url}/chat/completions"

            monkeypatch.setenv("NO_PROXY", "127.0.0.1")
            direct = Backend("endpoint 2", refused_url())
            with pytest.raises(AttemptFailed, match="cannot reach it"):
                await upstreams.call(direct, "POST", "chat/completions", b"{}", stream=False, timeout=5, secrets=())
            assert len(proxy_server.seen) == 1
    finally:
        await upstreams.aclose()


async def test_a_cookie_an_upstream_sets_never_reaches_the_next_call() -> None:
    seen: list[bytes] = []

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                seen.append(head)
                length = next(
                    (int(line[15:]) for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")), 0
                )
                await reader.readexactly(length)
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nset-cookie: session=caller-a; Path=/\r\n"
                    b"content-length: 2\r\n\r\n{}"
                )
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    upstreams = UpstreamClient()
    try:
        backend = Backend(
            "endpoint 1", f"http://localhost:{server.sockets[0].getsockname()[1]}/v1"
        )  # a jar keeps no IP cookies
        for _ in range(2):
            await upstreams.call(backend, "POST", "chat/completions", b"{}", stream=False, timeout=5, secrets=())
        assert len(seen) == 2 and b"cookie" not in seen[1].lower()
    finally:
        await upstreams.aclose()
        server.close()
        await server.wait_closed()


async def test_https_upstreams_are_verified_against_ssl_cert_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataDir(tmp_path / "tls")
    ensure_certificates(paths)  # a CA and a certificate for localhost, as AgentRun Local serves with
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(paths.server_cert, paths.server_key)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}")
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=context)
    backend = Backend("endpoint 1", f"https://localhost:{server.sockets[0].getsockname()[1]}/v1")
    try:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
        monkeypatch.delenv("SSL_CERT_DIR", raising=False)
        untrusting = UpstreamClient()
        try:
            with pytest.raises(AttemptFailed, match=r"cannot reach it \(ClientConnectorCertificateError"):
                await untrusting.call(backend, "GET", "models", None, stream=False, timeout=5, secrets=())
        finally:
            await untrusting.aclose()
        monkeypatch.setenv("SSL_CERT_FILE", str(paths.ca_bundle))
        trusting = UpstreamClient()
        try:
            answered = await trusting.call(backend, "GET", "models", None, stream=False, timeout=5, secrets=())
            assert isinstance(answered, Answered) and answered.status == 200
        finally:
            await trusting.aclose()
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize("base_url", ["ftp://example.com/v1", "http:///v1", "http://[::1/v1"])
async def test_a_base_url_that_is_not_usable_is_a_failed_attempt(base_url: str) -> None:
    upstreams = UpstreamClient()
    try:
        with pytest.raises(AttemptFailed, match="its base URL is not usable"):
            await upstreams.call(
                Backend("endpoint 1", base_url), "GET", "models", None, stream=False, timeout=5, secrets=()
            )
    finally:
        await upstreams.aclose()


async def test_a_key_that_cannot_be_sent_is_a_failed_attempt_that_does_not_show_it() -> None:
    upstreams = UpstreamClient()
    key = "key-with\r\nline-break"
    try:
        async with FakeUpstream() as upstream:
            backend = Backend("endpoint 1", upstream.base_url, api_key=key)
            with pytest.raises(AttemptFailed, match="the request to it cannot be sent") as failed:
                await upstreams.call(backend, "GET", "models", None, stream=False, timeout=5, secrets=(key,))
            assert "line-break" not in failed.value.reason and not upstream.seen
    finally:
        await upstreams.aclose()


async def test_an_answer_with_a_long_header_is_read() -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            await reader.readuntil(b"\r\n\r\n")
            writer.write(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-policy: "
                + b"p" * 12_000
                + b"\r\ncontent-length: 2\r\n\r\n{}"
            )
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    upstreams = UpstreamClient()
    try:
        backend = Backend("endpoint 1", f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/v1")
        answered = await upstreams.call(backend, "GET", "models", None, stream=False, timeout=5, secrets=())
        assert isinstance(answered, Answered) and answered.content == b"{}"
    finally:
        await upstreams.aclose()
        server.close()
        await server.wait_closed()
