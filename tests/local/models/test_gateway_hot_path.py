"""What keeps the gateway's per-call cost down, and that it changes nothing a caller can see: targets read from the
store once per store generation (a change is seen by the next call), and upstream requests sent in one piece."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpcore
from model_helpers import proxy
from model_sdk_helpers import HELLO
from upstreams import FakeUpstream

from agentrun.client import AsyncAgentRun
from agentrun.local.models.coalesce import CoalescedStream, CoalescingBackend
from agentrun.local.models.upstream import UpstreamClient
from agentrun.local.store import Store, Transition


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
