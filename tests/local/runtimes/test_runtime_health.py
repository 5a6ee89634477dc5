"""Readiness gated on the health check (openapi/control.yaml, HealthCheckConfiguration; openapi/data.yaml,
InvokeAgentRuntime): an instance gets no traffic until GET /health (or httpGetUrl) succeeds, requests made meanwhile
wait rather than fail, and one that never becomes healthy is a typed 503 after the readiness timeout
(initialDelaySeconds + periodSeconds x failureThreshold), with its processes gone."""

from __future__ import annotations

import time

import anyio
import httpx
from local_helpers import unique
from runtime_packages import code_configuration, instance_processes, make_zip
from test_runtime_deploy import settled
from test_runtime_invoke import _path, call

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

# Unhealthy (503) for UNHEALTHY_SECONDS after it starts listening; every other path says what it saw.
SLOW_AGENT = r"""
import json, os, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

START = time.monotonic()
DELAY = float(os.environ["UNHEALTHY_SECONDS"])
SEEN = {"unhealthy": 0, "healthy": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        since = time.monotonic() - START
        if self.path.startswith("/ready"):
            healthy = since >= DELAY
            SEEN["healthy" if healthy else "unhealthy"] += 1
            status, body = (200 if healthy else 503), {"healthy": healthy}
        else:
            status, body = 200, {**SEEN, "since_start": since}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


async def deploy(client: AsyncAgentRun, unhealthy_seconds: float, **health: int) -> tuple[str, str]:
    name = unique("ar-health")
    code = code_configuration(make_zip({"main.py": SLOW_AGENT}))
    runtime = await client.agent_runtimes.create(
        name, code=code, environment_variables={"UNHEALTHY_SECONDS": str(unhealthy_seconds)},
        health_check_configuration={"httpGetUrl": "/ready", **health}, session_concurrency_limit_per_instance=10,
    )  # fmt: skip
    assert str((await settled(client, runtime.id)).status) == "READY"
    return name, str(code["command"][-1])  # type: ignore[index]


async def test_requests_wait_until_the_instance_is_healthy(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    """Three requests sent at once to a scaled-to-zero runtime whose health check fails for its first 0.5 s: all
    succeed, each reaching the agent only after it answered healthy, with failed checks seen before."""
    name, _ = await deploy(client, 0.5)
    answers: list[httpx.Response] = []

    async def one() -> None:
        answers.append(await call(raw, local, "GET", _path(name, "seen")))

    async with anyio.create_task_group() as tasks:
        for _ in range(3):
            tasks.start_soon(one)
    assert [answer.status_code for answer in answers] == [200] * 3, [answer.text for answer in answers]
    for answer in answers:
        seen = answer.json()
        assert seen["since_start"] >= 0.5 and seen["healthy"] >= 1 and seen["unhealthy"] >= 1, seen


async def test_an_instance_that_never_becomes_healthy_is_a_typed_503(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    name, marker = await deploy(client, 1e9, periodSeconds=1, failureThreshold=2)
    start = time.monotonic()
    answer = await call(raw, local, "GET", _path(name, "seen"))
    waited = time.monotonic() - start
    assert answer.status_code == 503, answer.text
    body = answer.json()
    assert body["code"] == "ERR_SERVICE_UNAVAILABLE"
    assert "did not answer GET /ready with a success on PORT within 2 s" in body["message"]
    assert 1.5 < waited < 10
    with anyio.fail_after(5):  # the unhealthy instance is stopped, not left running
        while instance_processes(marker):  # noqa: ASYNC110 - processes on the host offer nothing to wait on
            await anyio.sleep(0.05)
