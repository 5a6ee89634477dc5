"""Helpers for the SDK sandbox tests: a client whose requests pass through a fault-injecting proxy transport (it
forwards to the real AgentRun Local, counts what it forwards, and can hide the streaming extension), and a waiter
for conditions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import anyio
import httpx

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.sandbox import Sandbox


class FaultInjectingProxy(httpx.AsyncBaseTransport):
    """Fault injection: forwards every request to the real server and counts them. With `json_only`, it drops the
    `Accept: text/event-stream` the SDK sends, so the server answers JSON as a server without the streaming
    extension (the cloud today) does; the request is otherwise unchanged and still correctly signed (AGENTRUN4
    does not sign Accept). With `unhealthy`, it answers every health check itself with a 503, as a sandbox that
    never gets ready would."""

    def __init__(self, local: LocalServer, *, json_only: bool = False, unhealthy: bool = False) -> None:
        self._inner = httpx.AsyncHTTPTransport(verify=local.client.config.verify)
        self.json_only = json_only
        self.unhealthy = unhealthy
        self.requests: list[httpx.Request] = []
        self.json_answers: list[str] = []  # content types answered to the requests whose Accept was rewritten
        self.health_checked: list[str] = []  # sandbox ids whose health was asked while `unhealthy`
        self.health_asked = anyio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.unhealthy and request.url.path.endswith("/health"):
            self.health_checked.append(request.url.path.split("/")[-2])
            self.health_asked.set()
            body = {"status": "starting", "code": "ERR_SANDBOX_UNHEALTHY", "message": "fault injected"}
            return httpx.Response(503, json=body)
        if not (self.json_only and request.headers.get("accept") == "text/event-stream"):
            return await self._inner.handle_async_request(request)
        request.headers["accept"] = "application/json"
        response = await self._inner.handle_async_request(request)
        self.json_answers.append(response.headers.get("content-type", ""))
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def proxied_client(local: LocalServer, proxy: FaultInjectingProxy) -> AsyncAgentRun:
    return AsyncAgentRun(local.client.config, transport=proxy)


@asynccontextmanager
async def answering_json(local: LocalServer, sandbox: Sandbox) -> AsyncIterator[tuple[Sandbox, FaultInjectingProxy]]:
    """`sandbox` reached through a proxy that makes the server answer JSON where the SDK asks for a stream."""
    proxy = FaultInjectingProxy(local, json_only=True)
    async with proxied_client(local, proxy) as client:
        yield await client.sandboxes.connect(sandbox.id), proxy
    await proxy.aclose()


async def eventually(check: Callable[[], Awaitable[bool]], *, attempts: int = 200) -> bool:
    """Ask `check` until it answers True (polling a condition the server offers no way to wait on)."""
    for _ in range(attempts):
        if await check():
            return True
        await anyio.sleep(0.05)
    return await check()
