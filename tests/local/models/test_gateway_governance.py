"""Model proxy governance: concurrency limit with a bounded queue, token rate limits with Retry-After, the TTL response
cache, and usage accounting per model, proxy, service and credential."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
from local_helpers import signed, unique
from model_helpers import all_events, events, get, post, proxy, service, stream, text_of, usage_of
from upstreams import FakeUpstream

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

HELLO = {"messages": [{"role": "user", "content": "hello"}]}


@pytest.fixture
async def good() -> AsyncIterator[FakeUpstream]:
    async with FakeUpstream(name="good") as upstream:
        yield upstream
    await upstream.settled()


async def wait_for_usage(raw: httpx.AsyncClient, local: LocalServer, name: str, key: str, value: Any) -> dict[str, Any]:
    """Poll the usage report until `concurrency[key]` is `value` (what the gateway reports, no timing)."""
    with anyio.fail_after(10):
        while True:
            report = await usage_of(raw, local, name)
            if report.get("concurrency", {}).get(key) == value:
                return report
            await anyio.sleep(0.02)


async def test_concurrency_limit_queues_then_refuses(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(mode="slow", name="slow") as slow:
        name = await proxy(
            client, [{"baseUrl": slow.base_url}], policies={"concurrencyLimit": 1, "maxQueuedRequests": 1}
        )
        async with stream(raw, local, name, HELLO) as holding:  # in flight until `slow` is released
            received = events(holding)
            assert text_of([await anext(received)]) == "slow"
            async with anyio.create_task_group() as group:
                queued: list[httpx.Response] = []

                async def wait_in_queue() -> None:
                    queued.append(await post(raw, local, name, "chat/completions", HELLO))

                group.start_soon(wait_in_queue)
                report = await wait_for_usage(raw, local, name, "queued", 1)
                assert report["concurrency"] == {"limit": 1, "maxQueued": 1, "inFlight": 1, "queued": 1}
                refused = await post(raw, local, name, "chat/completions", HELLO)
                assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
                error = refused.json()["error"]
                assert (error["type"], error["code"]) == ("rate_limit_error", "concurrency_limit_exceeded")
                assert "1 requests in flight (concurrencyLimit) and 1 waiting" in error["message"]
                assert len(slow.seen) == 1  # the queued request has not reached the upstream yet
                slow.release.set()
                assert text_of([event async for event in received]) == " says hi"
            assert queued[0].status_code == 200, queued[0].text  # it went once the stream ended
        report = await wait_for_usage(raw, local, name, "inFlight", 0)
        assert report["concurrency"]["queued"] == 0
        await slow.settled()


async def test_token_rate_limit_answers_429_with_retry_after(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await proxy(client, [{"baseUrl": good.base_url}], policies={"tokenRateLimiter": {"tpm": 10}})
    assert (await post(raw, local, name, "chat/completions", HELLO)).status_code == 200  # 8 tokens
    assert (await post(raw, local, name, "chat/completions", HELLO)).status_code == 200  # 8 < 10: admitted
    limited = await post(raw, local, name, "chat/completions", HELLO)
    assert limited.status_code == 429
    assert 0 < int(limited.headers["retry-after"]) <= 61
    error = limited.json()["error"]
    assert (error["type"], error["code"]) == ("rate_limit_error", "token_rate_limit_exceeded")
    assert "used its 10 tokens per 60 s (tokenRateLimiter)" in error["message"]
    assert len(good.seen) == 2


async def test_cache_hit_miss_and_expiry(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await proxy(client, [{"baseUrl": good.base_url}], policies={"cache": True, "cacheTtlSeconds": 1})
    first = await post(raw, local, name, "chat/completions", HELLO)
    second = await post(raw, local, name, "chat/completions", {"messages": HELLO["messages"]})
    assert (first.headers["x-agentrun-cache"], second.headers["x-agentrun-cache"]) == ("miss", "hit")
    assert (
        second.content == first.content
        and second.headers["x-agentrun-upstream"] == first.headers["x-agentrun-upstream"]
    )
    assert len(good.seen) == 1
    other = await post(raw, local, name, "chat/completions", {**HELLO, "temperature": 0})
    assert other.headers["x-agentrun-cache"] == "miss"
    async with stream(raw, local, name, HELLO) as streamed:  # streams are never cached
        await all_events(streamed)
        assert "x-agentrun-cache" not in streamed.headers
    assert len(good.seen) == 3
    await anyio.sleep(1.05)  # the TTL
    expired = await post(raw, local, name, "chat/completions", HELLO)
    assert expired.headers["x-agentrun-cache"] == "miss" and len(good.seen) == 4
    assert (await usage_of(raw, local, name))["total"]["cacheHits"] == 1


async def test_no_cache_unless_the_proxy_asks(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await proxy(client, [{"baseUrl": good.base_url}])
    for _ in range(2):
        response = await post(raw, local, name, "chat/completions", HELLO)
        assert "x-agentrun-cache" not in response.headers
    assert len(good.seen) == 2


async def test_usage_is_counted_per_model_proxy_service_and_credential(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    inbound = unique("cred-in")
    await client.credentials.create(inbound, auth_type="api_key", source_type="internal", secret="in-key")
    outbound = unique("cred-out")
    await client.credentials.create(outbound, auth_type="api_key", source_type="external_llm", secret="up-key")
    backing = await service(client, good.base_url, model_names=["m1", "m2"], credential_name=outbound)
    name = await proxy(client, [{"modelServiceName": backing}], credential_name=inbound)
    await post(
        raw, local, name, "chat/completions", {**HELLO, "model": "m1"}, sign=False, headers={"X-API-Key": "in-key"}
    )
    await post(raw, local, name, "chat/completions", {**HELLO, "model": "m2"})  # signed: no caller credential
    async with stream(raw, local, name, {**HELLO, "model": "m2"}) as streamed:
        await all_events(streamed)
    quiet_name = await proxy(client, [{"modelServiceName": "agentrun-local-test-model"}])
    await post(raw, local, quiet_name, "chat/completions", HELLO)

    report = await usage_of(raw, local, name)
    assert (report["name"], report["kind"]) == (name, "model proxy")
    eight = {"promptTokens": 5, "completionTokens": 3, "totalTokens": 8}
    assert report["total"] == {
        "requests": 3, "failures": 0, "cacheHits": 0, **scale(eight, 3), "estimatedTokens": 0, "cost": 0.0
    }  # fmt: skip
    assert set(report["byModel"]) == {"m1", "m2"} and report["byModel"]["m2"]["requests"] == 2
    assert report["byProxy"] == {name: report["total"]} and report["byService"] == {backing: report["total"]}
    assert report["byCredential"][inbound]["requests"] == 1 and report["byCredential"][outbound]["requests"] == 3
    assert good.seen[0].headers["authorization"] == "Bearer up-key"

    everything = (await get(raw, local, "/data/model-usage")).json()
    assert everything["byProxy"][name] == report["total"]
    assert everything["byProxy"][quiet_name]["requests"] == 1
    assert everything["byModel"]["agentrun-local-test-model"]["requests"] >= 1
    service_report = await usage_of(raw, local, backing)
    assert service_report["kind"] == "model service" and service_report["total"]["requests"] == 3


def scale(tally: dict[str, int], times: int) -> dict[str, int]:
    return {key: value * times for key, value in tally.items()}


async def test_failures_and_estimates_are_counted(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(mode="fail500", name="broken") as broken, FakeUpstream(usage=False) as quiet:
        failing = await proxy(client, [{"baseUrl": broken.base_url}])
        assert (await post(raw, local, failing, "chat/completions", HELLO)).status_code == 502
        estimating = await proxy(client, [{"baseUrl": quiet.base_url}])
        assert (await post(raw, local, estimating, "chat/completions", HELLO)).status_code == 200
    assert (await usage_of(raw, local, failing))["total"]["failures"] == 1
    estimated = (await usage_of(raw, local, estimating))["total"]
    assert estimated["estimatedTokens"] == estimated["totalTokens"] == 4


async def test_usage_report_needs_authentication(raw: httpx.AsyncClient, local: LocalServer) -> None:
    response = await get(raw, local, "/data/models/default/usage", sign=False)
    assert response.status_code == 401 and response.json()["error"]["type"] == "authentication_error"
    account = await get(raw, local, "/data/model-usage", sign=False)
    assert account.status_code == 401


async def test_cost_follows_the_services_token_prices(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    priced = unique("ms-priced")
    settings = {
        "baseUrl": good.base_url,
        "modelNames": ["m1", "m2"],
        "tokenPrices": {"m1": {"inputPerMillion": 2_000_000, "outputPerMillion": 10_000_000}},
    }  # 2 per input token, 10 per output token; m2 has no price
    body = {"modelServiceName": priced, "provider": "openai", "modelType": "llm", "providerSettings": settings}
    created = await signed(raw, local, "POST", "/2025-09-10/agents/model-services", json_body=body)
    assert created.status_code == 200, created.text
    name = await proxy(client, [{"modelServiceName": priced}])
    await post(raw, local, name, "chat/completions", {**HELLO, "model": "m1"})  # 5 in, 3 out
    await post(raw, local, name, "chat/completions", {**HELLO, "model": "m2"})
    report = await usage_of(raw, local, name)
    assert report["byModel"]["m1"]["cost"] == 5 * 2 + 3 * 10
    assert report["byModel"]["m2"]["cost"] == 0 and report["total"]["cost"] == 40
    usage = await client.models.usage(name)  # the SDK's view reads it too
    assert (usage.by_model["m1"].cost, usage.total.cost) == (40.0, 40.0)


def test_cache_keeps_within_its_byte_budget_least_recently_used_first() -> None:
    from agentrun.local.models.cache import Cached, ResponseCache
    from agentrun.local.models.usage import UsageKey

    cache = ResponseCache(max_entries=100, max_bytes=1000)

    def entry(size: int) -> Cached:
        return Cached(b"x" * size, {}, expires=100.0, usage_key=UsageKey())

    for key in "abcd":
        cache.put(key, entry(50))
    assert cache.get("a", now=0) is not None  # a is now the most recently used
    cache.put("big", entry(63))  # larger than a sixteenth of the budget: not kept
    assert cache.get("big", now=0) is None
    later = "efghijklmnopqrstuv"  # 4 + 18 answers of 50 bytes: 1100 bytes, 100 too many
    for key in later:
        cache.put(key, entry(50))
    kept = [key for key in "abcd" + later if cache.get(key, now=0) is not None]
    assert kept == ["a", "d", *later]  # b and c, the least recently used, went
    assert cache.get("v", now=100.0) is None  # expired
