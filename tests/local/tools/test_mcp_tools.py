"""Remote MCP tools (`MCP_REMOTE`) on a real AgentRun Local: a plain `mcp` client, signed as the data plane requires,
lists and calls the tools of a real MCP server (mcp_upstream.py) through `/tools/{name}/mcp`. The remote sees the
tool's headers and the bound credential; the caller never sends or sees the secret; a disabled credential stops it."""

from __future__ import annotations

import json
import ssl
from collections.abc import AsyncIterator, Generator
from typing import Any

import anyio
import httpx
import httpx2
import mcp
import pytest
from local_helpers import agentrun4_headers, unique
from mcp.client.streamable_http import streamable_http_client
from mcp_upstream import McpUpstream, mcp_upstream

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

SECRET = "mcp-s3cr3t-0123456789"


class Signed(httpx2.Auth):
    """Signs every request of the `mcp` client (its own httpx2 client) with AGENTRUN4-HMAC-SHA256."""

    def __init__(self, local: LocalServer) -> None:
        self.local = local

    def auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, httpx2.Response, None]:
        url = request.url
        raw_path = url.raw_path.decode().split("?", 1)[0]
        request.headers.update(agentrun4_headers(self.local, request.method, raw_path, raw_query=url.query.decode()))
        yield request


def mcp_client(local: LocalServer, tool: str) -> mcp.Client:
    http = httpx2.AsyncClient(
        auth=Signed(local), verify=ssl.create_default_context(cafile=str(local.ca_file)), trust_env=False
    )
    return mcp.Client(streamable_http_client(f"{local.data_endpoint}/tools/{tool}/mcp", http_client=http))


@pytest.fixture
async def remote() -> AsyncIterator[McpUpstream]:
    async with mcp_upstream() as server:
        yield server


async def _tool(client: AsyncAgentRun, url: str, credential: str | None = None) -> str:
    name = unique("mcp")
    spec = {"mcpServers": {"remote": {"url": url, "transportType": "streamable-http", "headers": {"X-Team": "blue"}}}}
    await client.tools.create(
        name,
        tool_type="MCP",
        create_method="MCP_REMOTE",
        protocol_spec=json.dumps(spec),
        credential_name=credential,
        mcp_config={"proxyEnabled": True, "sessionAffinity": "MCP_STREAMABLE"},
    )
    return name


async def _credential(client: AsyncAgentRun) -> str:
    name = unique("cred")
    await client.credentials.create(
        name,
        auth_type="api_key",
        source_type="external_tool",
        secret=SECRET,
        public_config={"headerKey": "Authorization", "prefix": "Bearer "},
    )
    return name


async def test_a_plain_mcp_client_lists_and_calls_a_remote_tool_with_the_credential_added(
    local: LocalServer, client: AsyncAgentRun, remote: McpUpstream
) -> None:
    credential = await _credential(client)
    name = await _tool(client, remote.url, credential)
    async with mcp_client(local, name) as session:
        tools = await session.list_tools()
        assert sorted(t.name for t in tools.tools) == ["add", "leak", "shout"]
        result = await session.call_tool("add", {"a": 2, "b": 40})
        assert result.structured_content == {"result": 42}
        text = await session.call_tool("shout", {"text": "hi"})
        assert text.content[0].text == "HI"  # type: ignore[union-attr]
    assert remote.headers, "the remote got nothing"
    for seen in remote.headers:
        assert seen["authorization"] == f"Bearer {SECRET}"
        assert seen["x-team"] == "blue"
        assert "agentrun-authorization" not in seen  # the caller's own signature stays with AgentRun Local


async def test_the_caller_never_sees_the_secret(
    local: LocalServer, client: AsyncAgentRun, raw: httpx.AsyncClient, remote: McpUpstream
) -> None:
    name = await _tool(client, remote.url, await _credential(client))
    path = f"/data/tools/{name}/mcp"
    body = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}},
    }
    answer = await raw.post(
        path,
        json=body,
        headers={**agentrun4_headers(local, "POST", path), "accept": "application/json, text/event-stream"},
    )
    assert answer.status_code == 200, answer.text
    assert "mcp-session-id" in answer.headers and '"serverInfo"' in answer.text
    assert SECRET not in answer.text and all(SECRET not in v for v in answer.headers.values())


async def test_a_disabled_credential_stops_the_tool_naming_it(
    local: LocalServer, client: AsyncAgentRun, remote: McpUpstream
) -> None:
    credential = await _credential(client)
    name = await _tool(client, remote.url, credential)
    await client.credentials.update(credential, enabled=False)
    with pytest.raises(Exception) as caught:
        async with mcp_client(local, name) as session:
            await session.list_tools()
    # The mcp client reports an HTTP error without its body: test_errors_are_typed reads the 403 itself.
    assert "Server returned an error response" in repr(caught.value), repr(caught.value)
    assert remote.headers == []  # nothing reached the remote


async def test_errors_are_typed(
    local: LocalServer, client: AsyncAgentRun, raw: httpx.AsyncClient, remote: McpUpstream
) -> None:
    async def post(tool: str) -> httpx.Response:
        path = f"/data/tools/{tool}/mcp"
        return await raw.post(
            path,
            json={"jsonrpc": "2.0", "id": 1, "method": "ping"},
            headers={**agentrun4_headers(local, "POST", path), "accept": "application/json, text/event-stream"},
        )

    missing = await post(unique("nope"))
    assert missing.status_code == 404 and missing.json()["code"] == "ERR_NOT_FOUND"
    disabled_name = await _tool(client, remote.url, await _credential(client))
    await client.credentials.update((await client.tools.get(disabled_name)).credential_name or "", enabled=False)
    forbidden = await post(disabled_name)
    body: dict[str, Any] = forbidden.json()
    assert forbidden.status_code == 403 and body["code"] == "ERR_CREDENTIAL_UNUSABLE"
    assert "re-enable" in body["message"]
    refused = await post(await _tool(client, "http://127.0.0.1:9/mcp"))
    assert refused.status_code == 502 and refused.json()["code"] == "ERR_TOOL_UPSTREAM_UNREACHABLE"


async def test_a_caller_cancelling_a_call_closes_the_remote_request(local: LocalServer, client: AsyncAgentRun) -> None:
    """The plain mcp client gives up on a tool call the remote never answers: AgentRun Local ends its request to
    the remote at once (no HTTP request of it is left open there)."""
    async with mcp_upstream(with_wait=True) as remote:
        name = await _tool(client, remote.url)

        async def call() -> None:
            async with mcp_client(local, name) as session:
                await session.call_tool("wait", {})

        async with anyio.create_task_group() as group:
            group.start_soon(call)
            with anyio.fail_after(5):
                while remote.waiting == 0:  # noqa: ASYNC110 - the remote offers nothing to wait on
                    await anyio.sleep(0.01)
            group.cancel_scope.cancel()
        cancelled = anyio.current_time()
        with anyio.fail_after(2):
            while remote.open_requests:  # noqa: ASYNC110
                await anyio.sleep(0.01)
        closed = anyio.current_time() - cancelled
        # The remote's own session (and its `wait` handler) is the remote's to end: no DELETE reached it.
        print(f"remote requests closed {1000 * closed:.0f} ms after the caller cancelled")
