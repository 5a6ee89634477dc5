"""Connections and resources of the model gateway: a caller that goes away closes the upstream request, nothing is
lost or left open, the shared upstream client closes with the server, usage survives a restart, and the `default`
model follows AGENTRUN_LOCAL_MODEL_BASE_URL."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import httpx
import pytest
from model_helpers import all_events, events, get, post, proxy, service, stream, text_of, usage_of
from upstreams import FakeUpstream

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer, run

HELLO = {"messages": [{"role": "user", "content": "hello"}]}


async def eventually(check: object, timeout: float = 10.0) -> None:
    assert callable(check)
    with anyio.fail_after(timeout):
        while not check():  # noqa: ASYNC110 - counters kept by the fake upstream's handlers
            await anyio.sleep(0.01)


@asynccontextmanager
async def own_server(data_dir: Path) -> AsyncIterator[tuple[LocalServer, httpx.AsyncClient]]:
    async with run(data_dir=data_dir, port=0) as server:
        verify = ssl.create_default_context(cafile=str(server.ca_file))
        async with httpx.AsyncClient(base_url=server.base_url, verify=verify, trust_env=False) as http:
            yield server, http


async def test_a_caller_leaving_a_stream_closes_the_upstream_request(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(mode="slow", name="slow") as slow:
        name = await proxy(client, [{"baseUrl": slow.base_url}], policies={"concurrencyLimit": 1})
        async with stream(raw, local, name, HELLO) as response:
            assert text_of([await anext(events(response))]) == "slow"
        # The caller closed its connection mid-stream; the gateway must close the upstream request.
        await eventually(lambda: slow.disconnects == 1)
        await slow.settled()
        assert not slow.release.is_set()
        report = await usage_of(raw, local, name)
        assert report["concurrency"]["inFlight"] == 0  # its slot is free again
        assert report["total"]["requests"] == 1 and report["total"]["estimatedTokens"] > 0


async def test_a_caller_leaving_before_the_answer_closes_the_upstream_request(
    local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(mode="hang", name="hung") as hung:
        name = await proxy(client, [{"baseUrl": hung.base_url}], policies={"requestTimeout": 300})
        verify = ssl.create_default_context(cafile=str(local.ca_file))
        async with httpx.AsyncClient(base_url=local.base_url, verify=verify, trust_env=False) as impatient:
            with anyio.move_on_after(0.5):  # the caller gives up long before requestTimeout
                await post(impatient, local, name, "chat/completions", HELLO)
        await eventually(lambda: hung.disconnects == 1)
        await hung.settled()


async def test_nothing_is_lost_or_left_open_and_shutdown_closes_every_upstream_connection(tmp_path: Path) -> None:
    async with (
        FakeUpstream(name="a") as a,
        FakeUpstream(name="b") as b,
        FakeUpstream(mode="die_mid_stream", name="dying") as dying,
        FakeUpstream(mode="fail500", name="broken") as broken,
    ):
        async with own_server(tmp_path / "data") as (server, http):
            name = await proxy(server.client, [{"baseUrl": u.base_url} for u in (a, b, dying, broken)])
            results: list[int] = []

            async def one(i: int) -> None:
                if i % 2:
                    async with stream(http, server, name, HELLO) as response:
                        results.append(response.status_code)
                        await all_events(response)
                else:
                    results.append((await post(http, server, name, "chat/completions", HELLO)).status_code)

            async with anyio.create_task_group() as group:
                for i in range(40):
                    group.start_soon(one, i)
            assert results.count(200) == 40
            for upstream in (a, b, dying, broken):
                await upstream.settled()  # every request answered, every open connection idle in the pool
            seen = sum(len(u.seen) for u in (a, b, dying, broken))
            report = (await get(http, server, "/data/model-usage")).json()
            assert report["total"]["requests"] == 40 and seen >= 40
            assert a.open_connections + b.open_connections > 0  # kept alive for reuse meanwhile
        for upstream in (a, b, dying, broken):
            await upstream.all_closed()  # the server closed its shared upstream client


async def test_usage_survives_a_restart(tmp_path: Path) -> None:
    async with own_server(tmp_path / "data") as (server, http):
        for _ in range(3):
            assert (await post(http, server, "default", "chat/completions", HELLO)).status_code == 200
        before = await usage_of(http, server, "default")
    async with own_server(tmp_path / "data") as (server, http):
        after = await usage_of(http, server, "default")
    assert after["total"] == before["total"] and after["total"]["requests"] == 3


async def test_default_follows_the_configured_upstream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeUpstream(name="configured", api_key="sk-env-key") as configured:
        monkeypatch.setenv("AGENTRUN_LOCAL_MODEL_BASE_URL", configured.base_url)
        monkeypatch.setenv("AGENTRUN_LOCAL_MODEL_API_KEY", "sk-env-key")
        monkeypatch.setenv("AGENTRUN_LOCAL_MODEL", "qwen-local")
        async with own_server(tmp_path / "data") as (server, http):
            answer = await post(http, server, "default", "chat/completions", {**HELLO, "model": "anything"})
            offline = await post(http, server, "agentrun-local-test-model", "chat/completions", HELLO)
            listed = await get(http, server, "/data/models/default/v1/models")
        await configured.settled()
    assert answer.status_code == 200, answer.text
    assert answer.json()["model"] == "qwen-local" and answer.headers["x-agentrun-model"] == "qwen-local"
    assert answer.headers["x-agentrun-upstream"] == f"AGENTRUN_LOCAL_MODEL_BASE_URL ({configured.base_url})"
    assert configured.seen[0].headers["authorization"] == "Bearer sk-env-key"
    assert configured.seen[0].body["model"] == "qwen-local"  # AGENTRUN_LOCAL_MODEL replaces the requested one
    assert "sk-env-key" not in answer.text + str(answer.headers)
    assert offline.json()["model"] == "agentrun-local-test-model"
    assert [m["id"] for m in listed.json()["data"]] == ["qwen-local"]


async def test_a_proxy_wins_over_a_service_of_the_same_name(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(name="mine") as mine, FakeUpstream(name="proxied") as proxied:
        taken = await service(client, mine.base_url)
        await client.model_proxies.create(taken, endpoints=[{"baseUrl": proxied.base_url}])
        answer = await post(raw, local, taken, "chat/completions", HELLO)
        assert answer.json()["choices"][0]["message"]["content"] == "proxied says hi"
        await client.model_proxies.delete(taken)  # DELETING: already gone for the gateway
        answer = await post(raw, local, taken, "chat/completions", HELLO)
        assert answer.json()["choices"][0]["message"]["content"] == "mine says hi"


async def test_a_model_service_named_default_replaces_the_built_in(tmp_path: Path) -> None:
    async with FakeUpstream(name="mine") as mine, own_server(tmp_path / "data") as (server, http):
        before = await post(http, server, "default", "chat/completions", HELLO)
        await server.client.model_services.create(
            "default", provider="openai", base_url=mine.base_url, model_names=["m1"]
        )
        after = await post(http, server, "default", "chat/completions", HELLO)
    assert before.json()["model"] == "agentrun-local-test-model"
    assert after.json()["choices"][0]["message"]["content"] == "mine says hi"
    assert after.headers["x-agentrun-upstream"] == f"model service default ({mine.base_url})"
