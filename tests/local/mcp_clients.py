"""The plain `mcp` client reaching a sandbox's MCP server on a real AgentRun Local: over stdio (the `agentrun mcp
sandbox --template T` entry point, as Claude Desktop or Cursor start it) and over HTTP (`/sandboxes/{sandboxId}/mcp`,
each request signed with AGENTRUN4-HMAC-SHA256)."""

from __future__ import annotations

import shutil
import ssl
import sys
from collections.abc import Generator
from pathlib import Path

import httpx2
import mcp
from local_helpers import agentrun4_headers
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from agentrun.local import LocalServer

AGENTRUN = shutil.which("agentrun", path=str(Path(sys.executable).parent))


def stdio_server(local: LocalServer, template: str) -> mcp.Client:
    assert AGENTRUN is not None, "the agentrun entry point is not installed"
    return mcp.Client(
        StdioServerParameters(command=AGENTRUN, args=["mcp", "sandbox", "--template", template], env=dict(local.env))
    )


class Signed(httpx2.Auth):
    """Signs every request of the `mcp` client (its own httpx2 client) with AGENTRUN4-HMAC-SHA256."""

    def __init__(self, local: LocalServer) -> None:
        self.local = local

    def auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, httpx2.Response, None]:
        raw_path = request.url.raw_path.decode().split("?", 1)[0]
        request.headers.update(agentrun4_headers(self.local, request.method, raw_path))
        yield request


def http_server(local: LocalServer, sandbox_id: str) -> mcp.Client:
    http = httpx2.AsyncClient(
        auth=Signed(local), verify=ssl.create_default_context(cafile=str(local.ca_file)), trust_env=False
    )
    return mcp.Client(streamable_http_client(f"{local.data_endpoint}/sandboxes/{sandbox_id}/mcp", http_client=http))
