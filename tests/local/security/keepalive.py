"""One keep-alive connection to AgentRun Local, watched: each request says which connection carried it, so a test
can assert that a bad request was answered (not dropped) and that the same connection then serves the next one.

httpx opens a new connection only when the one it holds is gone (`max_connections=1`), and the client side of a
TCP connection keeps its port while it lives: the same `client_addr` before and after means the server kept the
connection open (a server that closes it makes the next request fail, or come from a new port)."""

from __future__ import annotations

import json
import ssl
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from data_helpers import DataPlane
from local_helpers import acs3_headers

from agentrun.local import LocalServer

Address = tuple[str, int]


def connection_of(response: httpx.Response) -> Address:
    address: Address = response.extensions["network_stream"].get_extra_info("client_addr")
    return address


class KeptConnection:
    """Signed requests to both planes over a single connection."""

    def __init__(self, http: httpx.AsyncClient, local: LocalServer) -> None:
        self.http = http
        self.local = local
        self.data = DataPlane(http, local)

    async def health(self) -> Address:
        response = await self.http.get("/health")
        assert response.status_code == 200, response.text
        return connection_of(response)

    async def refused(self, response: httpx.Response, status: int, *phrases: str) -> str:
        """`response` has `status`, a JSON error whose message holds `phrases` (AgentRun's `{code, message}` or the
        gateway's OpenAI-shaped `{error: {message}}`), and its connection then serves the next request. Returns the
        message."""
        assert response.status_code == status, response.text
        body = response.json()
        message: str = body["error"]["message"] if "error" in body else body["message"]
        assert all(phrase in message for phrase in phrases), message
        carried = connection_of(response)
        assert await self.health() == carried, "the server closed the connection after the error"
        return message

    async def data_call(
        self,
        method: str,
        path: str,
        *,
        raw: bytes | AsyncIterable[bytes] | None = None,
        json_body: Any = None,
        query: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """A data-plane request; `raw` is sent as the JSON body byte for byte (what a JSON encoder would not write)."""
        if json_body is not None:
            raw = json.dumps(json_body).encode()
        sent = {"content-type": "application/json", **(headers or {})} if raw is not None else headers
        return await self.data.request(method, path, content=raw, query=query, headers=sent)

    async def control_call(self, method: str, path: str, raw: bytes) -> httpx.Response:
        """A control-plane request signed with ACS3 over `raw` as it is."""
        full = "/2025-09-10" + path
        headers = acs3_headers(self.local, method, full, body=raw)
        return await self.http.request(method, full, content=raw, headers=headers)


@asynccontextmanager
async def kept_connection(local: LocalServer) -> AsyncIterator[KeptConnection]:
    async with httpx.AsyncClient(
        base_url=local.base_url,
        verify=ssl.create_default_context(cafile=str(local.ca_file)),
        trust_env=False,
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        timeout=120,
    ) as http:
        yield KeptConnection(http, local)
