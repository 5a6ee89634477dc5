"""Invoking deployed runtimes on AgentRun Local (openapi/data.yaml, InvokeAgentRuntime*): real instances started on
the first request, ready once GET /health answers, streamed through chunk by chunk, stopped when idle and on
delete."""

from __future__ import annotations

import json
import time
from typing import Any

import anyio
import httpx
from local_helpers import agentrun4_headers, unique
from runtime_packages import agent_zip, code_configuration, instance_processes
from test_runtime_deploy import settled

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.runtimes.proxy import WHOLE_BODY


def _path(name: str, rest: str, endpoint: str = "Default") -> str:
    return f"/data/agent-runtimes/{name}/endpoints/{endpoint}/invocations/{rest}"


async def call(raw: httpx.AsyncClient, local: LocalServer, method: str, path: str, **kw: Any) -> httpx.Response:
    return await raw.request(method, path, headers=agentrun4_headers(local, method, path), **kw)


async def deploy(client: AsyncAgentRun, **more: Any) -> tuple[str, str]:
    name = unique("ar-run")
    runtime = await client.agent_runtimes.create(name, code=code_configuration(agent_zip()), **more)
    ready = await settled(client, runtime.id)
    assert str(ready.status) == "READY", ready.status_reason
    return name, runtime.id


def alive(marker: str) -> bool:
    """Some process of the instance marked `marker` still runs on the host."""
    return bool(instance_processes(marker))


async def test_scale_from_zero_then_idle_stop(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name, _ = await deploy(client, environment_variables={"GREETING": "hi"}, session_idle_timeout_seconds=1)
    started = time.monotonic()
    first = await call(raw, local, "GET", _path(name, "info"))
    cold = time.monotonic() - started
    assert first.status_code == 200, first.text
    info = first.json()
    assert info["path"] == "/info" and info["greeting"] == "hi"
    assert info["port"] == info["fc_port"] == "9000"  # the runtime's port: the instance has a network of its own
    instance = first.headers["x-agentrun-instance-id"]
    warm = await call(raw, local, "GET", _path(name, "info"))
    assert warm.headers["x-agentrun-instance-id"] == instance and warm.json()["pid"] == info["pid"]
    assert alive(info["marker"])
    print(f"cold start through the proxy: {cold * 1000:.0f} ms")

    with anyio.fail_after(10):  # idle for more than sessionIdleTimeoutSeconds: stopped
        while alive(info["marker"]):  # noqa: ASYNC110 - a process of another session offers nothing to wait on
            await anyio.sleep(0.1)
    again = await call(raw, local, "GET", _path(name, "info"))
    assert again.status_code == 200 and again.headers["x-agentrun-instance-id"] != instance


async def test_openai_json_and_stream_pass_through(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name, _ = await deploy(client)
    path = _path(name, "openai/v1/chat/completions")
    body = {"model": name, "messages": [{"role": "user", "content": "one two three four"}]}
    answer = await call(raw, local, "POST", path, json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["choices"][0]["message"]["content"] == "you said: one two three four"

    arrivals: list[float] = []
    text = ""
    started = time.monotonic()
    headers = agentrun4_headers(local, "POST", path)
    async with raw.stream("POST", path, json={**body, "stream": True}, headers=headers) as stream:
        assert stream.status_code == 200 and stream.headers["content-type"].startswith("text/event-stream")
        async for line in stream.aiter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                arrivals.append(time.monotonic() - started)
                text += json.loads(line[6:])["choices"][0]["delta"]["content"]
    assert text.strip() == "you said: one two three four"
    # Chunk by chunk: the agent sleeps 50 ms between chunks, so the first arrives well before the last.
    assert len(arrivals) == 6 and arrivals[-1] - arrivals[0] > 0.15


async def test_post_body_reaches_the_agent(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    name, _ = await deploy(client)
    answer = await call(raw, local, "POST", _path(name, "echo"), json={"hello": "agent"})
    assert answer.status_code == 200 and json.loads(answer.json()["echo"]) == {"hello": "agent"}
    # A body over proxy.WHOLE_BODY is not read whole first: it streams through to the agent (another client).
    large = {"hello": "x" * (WHOLE_BODY + 1000)}
    answer = await call(raw, local, "POST", _path(name, "echo"), json=large)
    assert answer.status_code == 200 and json.loads(answer.json()["echo"]) == large


async def test_an_answer_with_a_long_header_passes_through(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name, _ = await deploy(client)
    answer = await call(raw, local, "GET", _path(name, "long-header"))
    assert answer.status_code == 200 and answer.headers["x-long"] == "v" * 12 * 1024


async def test_absent_failed_and_container_runtimes(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    missing = await call(raw, local, "GET", _path("no-such-runtime", "info"))
    assert missing.status_code == 404 and "no-such-runtime does not exist" in missing.json()["message"]
    name, _ = await deploy(client)
    no_endpoint = await call(raw, local, "GET", _path(name, "info", endpoint="ep-missing"))
    assert no_endpoint.status_code == 404 and "no endpoint ep-missing" in no_endpoint.json()["message"]

    java = unique("ar-java")
    runtime = await client.agent_runtimes.create(java, code=code_configuration(agent_zip(), language="java11"))
    await settled(client, runtime.id)
    failed = await call(raw, local, "GET", _path(java, "info"))
    assert failed.status_code == 503 and "CREATE_FAILED" in failed.json()["message"]


async def test_container_artifacts_fail_with_a_reason(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    """A Container artifact is not accepted and then never run: the create ends CREATE_FAILED saying what to deploy
    instead, invoking it is a 501, an update that keeps it Container ends UPDATE_FAILED, and an update to a Code
    package makes it READY and runnable."""
    box = unique("ar-box")
    runtime = await client.agent_runtimes.create(box, container={"image": "i:1"})
    failed = await settled(client, runtime.id)
    assert str(failed.status) == "CREATE_FAILED"
    assert (failed.status_reason or "").startswith("Container artifacts are not supported by AgentRun Local: deploy a "
                                                   "Code package")  # fmt: skip
    container = await call(raw, local, "GET", _path(box, "info"))
    assert container.status_code == 501 and "not supported by AgentRun Local" in container.json()["message"]
    await client.agent_runtimes.update(runtime.id, description="still a container")
    assert str((await settled(client, runtime.id)).status) == "UPDATE_FAILED"
    await client.agent_runtimes.update(runtime.id, artifact_type="Code", code=code_configuration(agent_zip()))
    ready = await settled(client, runtime.id)
    assert str(ready.status) == "READY" and "statusReason" not in ready.to_dict()
    assert (await call(raw, local, "GET", _path(box, "info"))).status_code == 200


async def test_delete_stops_the_instance(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    name, runtime_id = await deploy(client)
    marker = (await call(raw, local, "GET", _path(name, "info"))).json()["marker"]
    assert alive(marker)
    await client.agent_runtimes.delete(runtime_id)
    assert not alive(marker)
    gone = await call(raw, local, "GET", _path(name, "info"))
    assert gone.status_code == 404


async def test_unsigned_invocations_are_refused(client: AsyncAgentRun, raw: httpx.AsyncClient) -> None:
    answer = await raw.get(_path("anything", "info"))
    assert answer.status_code == 401
