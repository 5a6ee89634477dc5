"""Helpers for the AgentRun Local tests: unique names, and raw requests signed the way the official client signs
them (openapi/control.yaml), so tests can send what the SDK never would."""

from __future__ import annotations

import base64
import io
import itertools
import json
import zipfile
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import anyio
import httpx

from agentrun import errors
from agentrun._core import signing
from agentrun._core.crc64 import crc64
from agentrun.local import LocalServer

_names = itertools.count()


def unique(prefix: str) -> str:
    """A resource name no other test in the session uses (they all share one server)."""
    return f"{prefix}-{next(_names)}"


def code_package(source: str = "print('agent')\n") -> dict[str, object]:
    """A minimal Code artifact (codeConfiguration, as AgentRuntimeCode.from_zip_file sends it) for tests of the
    runtime records: AgentRun Local does not run Container artifacts (openapi/control.yaml, CodeConfiguration)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("main.py", source)
    data = out.getvalue()
    return {"language": "python3.12", "command": ["python", "main.py"], "zipFile": base64.b64encode(data).decode(),
            "checksum": str(crc64(data))}  # fmt: skip


def acs3_headers(
    local: LocalServer,
    method: str,
    path: str,
    *,
    query: Mapping[str, str] | None = None,
    body: bytes = b"",
    host: str | None = None,
    key_id: str | None = None,
    secret: str | None = None,
    date: str | None = None,
    nonce: str | None = None,
    action: str = "Test",
) -> dict[str, str]:
    """The headers the official client signs (openapi/control.yaml), with any of them overridable."""
    headers = {
        "host": host or f"{local.host}:{local.port}",
        "x-acs-version": "2025-09-10",
        "x-acs-action": action,
        "user-agent": "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2",
        "x-acs-date": date or signing.acs_date(),
        "x-acs-signature-nonce": nonce or signing.new_nonce(),
        "accept": "application/json",
        "x-acs-content-sha256": signing.sha256_hex(body),
        "x-acs-credentials-provider": "agentrun_context",
    }
    if body:
        headers["content-type"] = "application/json; charset=utf-8"
    headers["authorization"] = signing.acs3_authorization(
        method=method,
        raw_path=path,
        query=list((query or {}).items()),
        headers=headers,
        payload_hash=headers["x-acs-content-sha256"],
        access_key_id=key_id or local.identity.access_key_id,
        access_key_secret=secret or local.identity.access_key_secret,
    )
    return headers


async def signed(
    raw: httpx.AsyncClient,
    local: LocalServer,
    method: str,
    path: str,
    *,
    query: Mapping[str, str] | None = None,
    json_body: Any = None,
    content: bytes | None = None,
    **overrides: Any,
) -> httpx.Response:
    """Send a correctly signed control-plane request (query form-encoded, as the official client sends it)."""
    body = content if content is not None else b"" if json_body is None else json.dumps(json_body).encode()
    headers = acs3_headers(local, method, path, query=query, body=body, **overrides)
    url = path + (f"?{urlencode(query)}" if query else "")
    return await raw.request(method, url, content=body, headers=headers)


def agentrun4_headers(
    local: LocalServer,
    method: str,
    path: str,
    *,
    raw_query: str = "",
    secret: str | None = None,
    stamp: str | None = None,
) -> dict[str, str]:
    """The headers the official data-plane client signs (openapi/data.yaml)."""
    stamp = stamp or signing.acs_date()
    headers = {
        "host": f"{local.host}:{local.port}",
        "x-acs-date": stamp,
        "x-acs-content-sha256": signing.UNSIGNED_PAYLOAD,
    }
    headers["agentrun-authorization"] = signing.agentrun4_authorization(
        method=method,
        raw_path=path,
        raw_query=raw_query,
        headers=headers,
        access_key_id=local.identity.access_key_id,
        access_key_secret=secret or local.identity.access_key_secret,
        region=local.identity.region,
        date=stamp[:10].replace("-", ""),
    )
    return headers


async def eventually_gone(get: Callable[[], Awaitable[object]], *, timeout: float = 5.0) -> None:
    """Poll `get` until it raises NotFoundError (a deleted resource answers DELETING, then 404)."""
    with anyio.fail_after(timeout):
        while True:
            try:
                found = await get()
            except errors.NotFoundError:
                return
            assert str(getattr(found, "status", "DELETING")) == "DELETING"
            await anyio.sleep(0.05)


class LeavingReceive:
    """A test double for an ASGI server's `receive` while a request is answered: it answers `http.disconnect` once
    `leave` is set (the client went away)."""

    def __init__(self) -> None:
        import asyncio

        self.leave = asyncio.Event()

    async def __call__(self) -> dict[str, Any]:
        await self.leave.wait()
        return {"type": "http.disconnect"}
