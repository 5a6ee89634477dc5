"""`/tools/{name}/sse` (the MCP SSE transport the official clients use) on a real AgentRun Local: a plain `mcp` SSE
client, signed as the data plane requires, lists and calls the tools of a real MCP server (mcp_upstream.py, over
streamable HTTP or SSE) through Local. The remote sees the tool's headers and the bound credential, never the
caller's signature; the caller never sees the secret; a disabled credential stops the session's next message; the
remote's session ends when the caller goes."""

from __future__ import annotations

import json
import ssl
from collections.abc import AsyncIterator

import anyio
import httpx
import httpx2
import pytest
from local_helpers import agentrun4_headers, unique
from mcp import ClientSession
from mcp.client.sse import sse_client
from mcp_upstream import McpUpstream, mcp_upstream
from test_mcp_tools import SECRET, Signed, _credential

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer


@pytest.fixture
async def remote() -> AsyncIterator[McpUpstream]:
    async with mcp_upstream() as server:
        yield server


async def _tool(client: AsyncAgentRun, url: str, transport: str, credential: str | None = None) -> str:
    name = unique("mcpsse")
    spec = {"mcpServers": {"remote": {"url": url, "transportType": transport, "headers": {"X-Team": "blue"}}}}
    await client.tools.create(
        name,
        tool_type="MCP",
        create_method="MCP_REMOTE",
        protocol_spec=json.dumps(spec),
        credential_name=credential,
        mcp_config={"proxyEnabled": True, "sessionAffinity": "MCP_SSE"},
    )
    return name


def _sse(local: LocalServer, tool: str) -> sse_client:  # type: ignore[valid-type]
    return sse_client(
        f"{local.data_endpoint}/tools/{tool}/sse",
        auth=Signed(local),
        httpx_client_factory=lambda headers=None, timeout=None, auth=None: httpx2.AsyncClient(
            headers=headers,
            timeout=timeout,
            auth=auth,
            verify=ssl.create_default_context(cafile=str(local.ca_file)),
            trust_env=False,
        ),
    )


@pytest.mark.parametrize("transport", ["streamable-http", "sse"])
async def test_a_plain_mcp_sse_client_lists_and_calls_a_remote_tool_with_the_credential_added(
    local: LocalServer, client: AsyncAgentRun, remote: McpUpstream, transport: str
) -> None:
    url = remote.url if transport == "streamable-http" else remote.sse_url
    name = await _tool(client, url, transport, await _credential(client))
    with anyio.fail_after(30):
        async with _sse(local, name) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            tools = await session.list_tools()
            assert sorted(t.name for t in tools.tools) == ["add", "leak", "shout"]
            result = await session.call_tool("add", {"a": 2, "b": 40})
            assert result.structured_content == {"result": 42}
            shout = await session.call_tool("shout", {"text": "hi"})
            assert shout.content[0].text == "HI"  # type: ignore[union-attr]
            leaked = await session.call_tool("leak", {})
            # The remote echoed the credential back: the caller gets it scrubbed.
            assert leaked.content[0].text == "seen: Bearer ***", leaked  # type: ignore[union-attr]
    assert remote.headers, "the remote got nothing"
    for seen in remote.headers:
        assert seen["authorization"] == f"Bearer {SECRET}"
        assert seen["x-team"] == "blue"
        assert "agentrun-authorization" not in seen  # the caller's own signature stays with AgentRun Local
    if transport == "streamable-http":
        with anyio.fail_after(5):
            await remote.deleted.wait()  # the remote session is ended when the caller goes


async def test_a_credential_disabled_mid_session_stops_the_next_message(
    local: LocalServer, client: AsyncAgentRun, raw: httpx.AsyncClient, remote: McpUpstream
) -> None:
    credential = await _credential(client)
    name = await _tool(client, remote.url, "streamable-http", credential)
    path = f"/data/tools/{name}/sse"
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    with anyio.fail_after(30):
        async with raw.stream("GET", path, headers=agentrun4_headers(local, "GET", path)) as stream:
            lines = stream.aiter_lines()
            assert await anext(lines) == "event: endpoint"
            endpoint = (await anext(lines)).removeprefix("data: ")
            assert endpoint.startswith(f"/data/tools/{name}/messages?session_id=")
            message_path, query = endpoint.split("?", 1)

            async def post() -> httpx.Response:
                return await raw.post(
                    endpoint, json=ping, headers=agentrun4_headers(local, "POST", message_path, raw_query=query)
                )

            assert (await post()).status_code == 202
            await client.credentials.update(credential, enabled=False)
            refused = await post()
            assert refused.status_code == 403 and refused.json()["code"] == "ERR_CREDENTIAL_UNUSABLE"
            assert credential in refused.json()["message"] and SECRET not in refused.text
    opened = await raw.get(path, headers=agentrun4_headers(local, "GET", path))
    assert opened.status_code == 403 and opened.json()["code"] == "ERR_CREDENTIAL_UNUSABLE"


async def test_errors_are_typed(
    local: LocalServer, client: AsyncAgentRun, raw: httpx.AsyncClient, remote: McpUpstream
) -> None:
    async def get(tool: str) -> httpx.Response:
        path = f"/data/tools/{tool}/sse"
        return await raw.get(path, headers=agentrun4_headers(local, "GET", path))

    missing = await get(unique("nope"))
    assert missing.status_code == 404 and missing.json()["code"] == "ERR_NOT_FOUND"
    refused = await get(await _tool(client, "http://127.0.0.1:9/sse", "sse"))
    assert refused.status_code == 502 and refused.json()["code"] == "ERR_TOOL_UPSTREAM_UNREACHABLE"
    name = await _tool(client, remote.url, "streamable-http")
    path = f"/data/tools/{name}/messages"
    unknown = await raw.post(
        path,
        params={"session_id": "0" * 32},
        json={"jsonrpc": "2.0", "id": 1, "method": "ping"},
        headers=agentrun4_headers(local, "POST", path, raw_query="session_id=" + "0" * 32),
    )
    assert unknown.status_code == 404 and "open GET" in unknown.json()["message"]
