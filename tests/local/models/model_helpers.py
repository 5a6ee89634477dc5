"""Helpers for the model gateway tests: signed calls to `/models/{name}/v1/...`, SSE parsing, usage reports, and
model services / proxies created through the SDK."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpx
from local_helpers import agentrun4_headers, unique

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

# The built-in offline test model, and tools to offer it.
TEST_MODEL = "agentrun-local-test-model"
RUN_CODE = {
    "type": "function",
    "function": {
        "name": "run_code",
        "description": "Run Python code in a sandbox",
        "parameters": {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]},
    },
}
WEATHER = {
    "type": "function",
    "function": {"name": "weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}},
}


def model_path(name: str, operation: str) -> str:
    return f"/data/models/{name}/v1/{operation}"


def signed_headers(local: LocalServer, method: str, path: str, **overrides: Any) -> dict[str, str]:
    return agentrun4_headers(local, method, path, **overrides)


async def post(
    raw: httpx.AsyncClient,
    local: LocalServer,
    name: str,
    operation: str,
    body: Any,
    *,
    sign: bool = True,
    headers: Mapping[str, str] | None = None,
) -> httpx.Response:
    path = model_path(name, operation)
    sent = {**(signed_headers(local, "POST", path) if sign else {}), **(headers or {})}
    return await raw.post(path, json=body, headers=sent)


async def get(raw: httpx.AsyncClient, local: LocalServer, path: str, *, sign: bool = True) -> httpx.Response:
    return await raw.get(path, headers=signed_headers(local, "GET", path) if sign else {})


@asynccontextmanager
async def stream(
    raw: httpx.AsyncClient, local: LocalServer, name: str, body: Any, *, operation: str = "chat/completions"
) -> AsyncIterator[httpx.Response]:
    path = model_path(name, operation)
    async with raw.stream(
        "POST", path, json={**body, "stream": True}, headers=signed_headers(local, "POST", path)
    ) as r:
        yield r


async def events(response: httpx.Response) -> AsyncIterator[Any]:
    """The data of each SSE event, JSON-decoded ("[DONE]" stays a string)."""
    async for line in response.aiter_lines():
        if line.startswith("data: "):
            data = line[6:]
            yield data if data == "[DONE]" else json.loads(data)


async def all_events(response: httpx.Response) -> list[Any]:
    return [event async for event in events(response)]


def text_of(chunks: Sequence[Any]) -> str:
    return "".join(
        choice["delta"].get("content") or ""
        for chunk in chunks
        if isinstance(chunk, dict)
        for choice in chunk.get("choices", [])
    )


async def usage_of(raw: httpx.AsyncClient, local: LocalServer, name: str) -> dict[str, Any]:
    response = await get(raw, local, f"/data/models/{name}/usage")
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


async def service(
    client: AsyncAgentRun,
    base_url: str,
    *,
    api_key: str | None = None,
    model_names: Sequence[str] = ("m1",),
    credential_name: str | None = None,
) -> str:
    name = unique("ms")
    await client.model_services.create(
        name,
        provider="openai",
        base_url=base_url,
        api_key=api_key,
        model_names=list(model_names),
        credential_name=credential_name,
    )
    return name


async def proxy(
    client: AsyncAgentRun,
    endpoints: Sequence[Mapping[str, Any]],
    *,
    policies: Mapping[str, Any] | None = None,
    credential_name: str | None = None,
) -> str:
    name = unique("mp")
    await client.model_proxies.create(
        name,
        endpoints=[dict(e) for e in endpoints],
        policies=dict(policies) if policies else None,
        credential_name=credential_name,
    )
    return name
