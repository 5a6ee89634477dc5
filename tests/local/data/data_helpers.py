"""Helpers for the data-plane tests: requests signed the way the official data client signs them (AGENTRUN4, per
request), JSON and SSE, and sandbox creation through the data plane."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlencode

import anyio
import httpx
from local_helpers import agentrun4_headers, signed, unique

from agentrun.local import LocalServer


class DataPlane:
    """Signed raw requests to `<server>/data`."""

    def __init__(self, raw: httpx.AsyncClient, local: LocalServer) -> None:
        self.raw = raw
        self.local = local

    def _prepare(
        self, method: str, path: str, query: dict[str, str] | None, headers: dict[str, str] | None
    ) -> tuple[str, dict[str, str]]:
        full = "/data" + path
        raw_query = urlencode(query) if query else ""
        signed = agentrun4_headers(self.local, method, full, raw_query=raw_query)
        signed.update(headers or {})
        return full + (f"?{raw_query}" if raw_query else ""), signed

    async def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | AsyncIterable[bytes] | None = None,
        query: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> httpx.Response:
        url, signed = self._prepare(method, path, query, headers)
        if json_body is not None:
            content = json.dumps(json_body).encode()
            signed.setdefault("content-type", "application/json")
        return await self.raw.request(method, url, content=content, headers=signed, timeout=timeout)

    async def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        """The JSON of a 200 answer (fails the test, showing the body, otherwise)."""
        response = await self.request(method, path, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        query: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> AsyncIterator[httpx.Response]:
        """A response read as it arrives: an event stream (with a JSON body) or raw bytes (without)."""
        accept = {"accept": "text/event-stream"} if json_body is not None else None
        url, signed = self._prepare(method, path, query, accept)
        content = None
        if json_body is not None:
            signed["content-type"] = "application/json"
            content = json.dumps(json_body).encode()
        async with self.raw.stream(method, url, content=content, headers=signed, timeout=timeout) as response:
            yield response

    async def create_sandbox(self, template: str, **body: Any) -> dict[str, Any]:
        envelope = await self.ok("POST", "/sandboxes", json_body={"templateName": template, **body})
        assert envelope["code"] == "SUCCESS"
        return dict(envelope["data"])

    async def delete_sandbox(self, sandbox_id: str) -> None:
        response = await self.request("DELETE", f"/sandboxes/{sandbox_id}")
        assert response.status_code in (200, 404), response.text


async def sse_events(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    """The JSON of each `data:` line of an event stream, as it arrives."""
    async for line in response.aiter_lines():
        if line.startswith("data:"):
            yield json.loads(line[5:].strip())


async def new_template(local: LocalServer, *, network: str | None = None, **more: Any) -> str:
    name = unique("tpl")
    kwargs: dict[str, Any] = {"network": {"networkMode": network}} if network else {}
    await local.client.templates.create(name, **kwargs, **more)
    return name


async def until(check: Callable[[], Awaitable[bool]], *, timeout: float = 30.0, poll: float = 0.05) -> None:
    """Poll `check` until it holds; fail the test if it does not within `timeout` (no timing is asserted)."""
    with anyio.fail_after(timeout):
        while not await check():  # noqa: ASYNC110 - /proc and the API offer nothing to wait on
            await anyio.sleep(poll)


def processes_with(marker: str) -> list[int]:
    """Host pids of live processes whose command line contains `marker`."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/cmdline", "rb") as cmdline:
                    if marker.encode() in cmdline.read():
                        found.append(int(name))
            except OSError:
                continue
    return found


async def start_marker_process(data: DataPlane, sandbox_id: str) -> str:
    """Start `sleep <marker>` in the background of the sandbox (in a context of its own); returns the marker, by
    which the host sees the process in /proc."""
    marker = f"{secrets.randbelow(10**6) + 10**6}.25"
    context = await data.ok("POST", f"/sandboxes/{sandbox_id}/contexts", json_body={})
    code = f"import subprocess\nsubprocess.Popen(['sleep', '{marker}'])\n"
    result = await data.ok(
        "POST", f"/sandboxes/{sandbox_id}/contexts/execute", json_body={"code": code, "contextId": context["id"]}
    )
    assert result["exitCode"] == 0, result
    await until(lambda: _running(marker))
    return marker


async def _running(marker: str) -> bool:
    return bool(processes_with(marker))


async def gone(marker: str) -> bool:
    return not processes_with(marker)


class ControlPlane:
    """Signed raw control-plane sandbox calls (ACS3), for what only the control plane does: its reads do not count
    as sandbox activity, and its stop and delete must end real sandboxes too."""

    def __init__(self, raw: httpx.AsyncClient, local: LocalServer) -> None:
        self.raw = raw
        self.local = local

    async def call(self, method: str, path: str, json_body: Any = None) -> dict[str, Any]:
        response = await signed(self.raw, self.local, method, "/2025-09-10" + path, json_body=json_body)
        assert response.status_code == 200, response.text
        return dict(response.json()["data"])

    async def status(self, sandbox_id: str) -> str:
        return str((await self.call("GET", f"/sandboxes/{sandbox_id}"))["status"])

    async def ended(self, sandbox_id: str, status: str = "TERMINATED") -> bool:
        return await self.status(sandbox_id) == status
