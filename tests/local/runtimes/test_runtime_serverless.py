"""Serverless behaviour of runtime instances on AgentRun Local: more instances as concurrent sessions exceed
sessionConcurrencyLimitPerInstance, session affinity by x-agentrun-session-id, minInstances kept warm, and versions:
an endpoint pinned to its targetVersion, or split by routingConfiguration weights (affinity wins over weights)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import anyio
import httpx
from local_helpers import agentrun4_headers, unique
from runtime_packages import agent_zip, code_configuration
from test_runtime_deploy import settled
from test_runtime_invoke import _path, deploy

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer


async def _get(
    raw: httpx.AsyncClient, local: LocalServer, name: str, endpoint: str = "Default", session: str | None = None
) -> tuple[str, dict[str, Any]]:
    path = _path(name, "info", endpoint)
    headers = agentrun4_headers(local, "GET", path)
    if session is not None:
        headers["x-agentrun-session-id"] = session
    answer = await raw.get(path, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.headers["x-agentrun-instance-id"], answer.json()


async def _running(client: AsyncAgentRun, runtime_id: str) -> list[str]:
    logs = await (await client.agent_runtimes.get(runtime_id)).logs()
    return [entry.instance_id for entry in logs.instances if str(entry.status) == "RUNNING"]


async def test_sessions_beyond_the_limit_get_another_instance(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name, _ = await deploy(client, session_concurrency_limit_per_instance=1)
    first, _ = await _get(raw, local, name, session="s-1")
    second, _ = await _get(raw, local, name, session="s-2")  # s-1 holds the first instance's only session slot
    assert first != second
    for _ in range(3):  # affinity: each session stays on its instance
        assert (await _get(raw, local, name, session="s-1"))[0] == first
        assert (await _get(raw, local, name, session="s-2"))[0] == second


async def test_concurrent_requests_share_an_instance_under_the_limit(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name, _ = await deploy(client, session_concurrency_limit_per_instance=4)
    seen: list[str] = []

    async def one(session: str) -> None:
        seen.append((await _get(raw, local, name, session=session))[0])

    async with anyio.create_task_group() as group:
        for index in range(4):
            group.start_soon(one, f"c-{index}")
    assert len(set(seen)) == 1
    assert (await _get(raw, local, name, session="c-4"))[0] not in seen  # a fifth session: a second instance


async def test_min_instances_are_kept_warm(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    name, runtime_id = await deploy(client, session_idle_timeout_seconds=1)
    await client.agent_runtimes.create_endpoint(runtime_id, "warm", scaling_config={"minInstances": 2})
    with anyio.fail_after(20):  # started before any request
        while len(await _running(client, runtime_id)) < 2:  # noqa: ASYNC110 - polling the server
            await anyio.sleep(0.1)
    warm = await _running(client, runtime_id)
    assert (await _get(raw, local, name, "warm"))[0] in warm  # served by a warm instance: no cold start
    await anyio.sleep(2.5)  # idle well past sessionIdleTimeoutSeconds: still the same two
    assert await _running(client, runtime_id) == warm


async def test_versions_pinning_canary_and_affinity(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name = unique("ar-canary")
    runtime = await client.agent_runtimes.create(
        name, code=code_configuration(agent_zip()), environment_variables={"GREETING": "v1"}
    )
    assert str((await settled(client, runtime.id)).status) == "READY"
    one = await client.agent_runtimes.publish_version(runtime.id)
    await client.agent_runtimes.update(runtime.id, environment_variables={"GREETING": "v2"})
    assert str((await settled(client, runtime.id)).status) == "READY"
    two = await client.agent_runtimes.publish_version(runtime.id)
    await client.agent_runtimes.create_endpoint(runtime.id, "pinned", target_version=str(one.agent_runtime_version))
    await client.agent_runtimes.create_endpoint(
        runtime.id, "canary", target_version=str(one.agent_runtime_version),
        routing_configuration={"versionWeights": [{"version": str(two.agent_runtime_version), "weight": 0.3}]},
    )  # fmt: skip

    assert {(await _get(raw, local, name, "pinned"))[1]["greeting"] for _ in range(10)} == {"v1"}
    assert (await _get(raw, local, name))[1]["greeting"] == "v2"  # Default: LATEST

    split = Counter([(await _get(raw, local, name, "canary"))[1]["greeting"] for _ in range(80)])
    assert set(split) == {"v1", "v2"} and 8 <= split["v2"] <= 45, split  # 30 % of 80 is 24 (sd 4.1)

    for index in range(6):  # a session stays on the version it first got, whatever the weights draw
        session = f"sticky-{index}"
        first = (await _get(raw, local, name, "canary", session))[1]["greeting"]
        assert {(await _get(raw, local, name, "canary", session))[1]["greeting"] for _ in range(6)} == {first}
