"""Instance logs (openapi/data.yaml GetAgentRuntimeLogs): each instance's stdout and stderr, bounded by size, read
as JSON or followed as server-sent events, over real instances of AgentRun Local."""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx
import pytest
from local_helpers import agentrun4_headers
from test_runtime_invoke import _path, call, deploy

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.sync import AgentRun


async def _logs(raw: httpx.AsyncClient, local: LocalServer, name: str, query: str = "") -> httpx.Response:
    path = f"/data/agent-runtimes/{name}/logs"
    return await raw.get(f"{path}?{query}" if query else path, headers=agentrun4_headers(local, "GET", path,
                                                                                        raw_query=query))  # fmt: skip


async def test_logs_of_each_instance(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    name, _ = await deploy(client)
    assert (await _logs(raw, local, name)).json() == {"agentRuntimeName": name, "instances": []}
    answer = await call(raw, local, "GET", _path(name, "info"))
    instance = answer.headers["x-agentrun-instance-id"]
    logs = (await _logs(raw, local, name)).json()["instances"]
    assert [entry["instanceId"] for entry in logs] == [instance] and logs[0]["status"] == "RUNNING"
    assert "request /info" in logs[0]["output"] and logs[0]["droppedBytes"] == 0
    tail = (await _logs(raw, local, name, f"instanceId={instance}&tailBytes=5")).json()["instances"][0]
    assert len(tail["output"]) == 5 and tail["droppedBytes"] > 0

    missing = await _logs(raw, local, name, "instanceId=ari-nope")
    assert missing.status_code == 404 and "no instance ari-nope" in missing.json()["message"]
    assert (await _logs(raw, local, name, "tailBytes=-3")).status_code == 400
    assert (await _logs(raw, local, "no-such-runtime")).status_code == 404


async def test_logs_are_bounded(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    name, _ = await deploy(client)
    assert (await call(raw, local, "GET", _path(name, "spam-3000"))).status_code == 200  # ~3 MiB written
    # The output is collected beside the answer, not before it: wait until its last line has been read.
    with anyio.fail_after(10):
        entry = (await _logs(raw, local, name)).json()["instances"][0]
        while "00002999" not in entry["output"]:
            await anyio.sleep(0.05)
            entry = (await _logs(raw, local, name)).json()["instances"][0]
    assert 512 * 1024 <= len(entry["output"]) <= 1024 * 1024 + 4096
    assert entry["droppedBytes"] >= 3000 * 1024 - len(entry["output"]) - 4096
    assert "00002999" in entry["output"] and "00000000" not in entry["output"]  # the most recent output is kept


async def test_follow_streams_output_and_exit(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name, _ = await deploy(client, session_idle_timeout_seconds=1)
    events: list[dict[str, Any]] = []
    path, query = f"/data/agent-runtimes/{name}/logs", "follow=true"
    headers = agentrun4_headers(local, "GET", path, raw_query=query)
    with anyio.fail_after(20):
        async with raw.stream("GET", f"{path}?{query}", headers=headers) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = stream.aiter_lines()
            await call(raw, local, "GET", _path(name, "info"))  # starts an instance while we follow
            async for line in lines:
                if line.startswith("data: "):
                    events.append(json.loads(line[6:]))
                    if events[-1]["type"] == "exit":  # idle for 1 s: stopped
                        break
    output = "".join(event["text"] for event in events if event["type"] == "output")
    assert "request /info" in output
    assert events[-1]["status"] == "STOPPED" and events[-1]["instanceId"] == events[0]["instanceId"]


async def test_sdk_reads_and_follows_logs(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    name, runtime_id = await deploy(client)
    runtime = await client.agent_runtimes.get(runtime_id)
    instance = (await call(raw, local, "GET", _path(name, "info"))).headers["x-agentrun-instance-id"]
    logs = await runtime.logs()
    assert logs.agent_runtime_name == name and [entry.instance_id for entry in logs.instances] == [instance]
    assert "request /info" in logs.instances[0].output and str(logs.instances[0].status) == "RUNNING"
    assert len((await runtime.logs(instance_id=instance, tail_bytes=5)).instances[0].output) == 5

    seen = ""
    with anyio.fail_after(20):
        async with runtime.follow_logs(instance_id=instance) as stream:
            async for event in stream:
                seen += event.text if isinstance(event.text, str) else ""
                if "request /second" in seen:
                    break
                if "request /info" in seen and "/second" not in seen:
                    await call(raw, local, "GET", _path(name, "second"))  # written while we follow
    assert seen.index("request /info") < seen.index("request /second")
    with pytest.raises(errors.InvalidArgumentError, match="tail_bytes"):
        await runtime.logs(tail_bytes=-1)


async def test_blocking_api_reads_and_follows_logs(local: LocalServer, raw: httpx.AsyncClient) -> None:
    name, _ = await deploy(local.client, session_idle_timeout_seconds=1)
    await call(raw, local, "GET", _path(name, "info"))

    def blocking() -> list[str]:
        kinds: list[str] = []
        with AgentRun(local.client.config) as client:
            assert "request /info" in client.agent_runtimes.logs(name).instances[0].output
            with client.agent_runtimes.follow_logs(name) as stream:
                for event in stream:  # the instance is stopped after 1 s idle: its exit ends the loop
                    kinds.append(str(event.type_))
                    if kinds[-1] == "exit":
                        break
        return kinds

    kinds = await anyio.to_thread.run_sync(blocking)
    assert kinds[0] == "output" and kinds[-1] == "exit"
