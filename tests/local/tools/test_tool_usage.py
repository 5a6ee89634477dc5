"""Tool calls counted per tool and per credential on a real AgentRun Local, read with `client.tools.usage()`:
OpenAPI functions (successes and failures, ours and the upstream's) and MCP `tools/call` requests through
`/tools/{name}/mcp` and `/tools/{name}/sse`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import anyio
import pytest
from local_helpers import unique
from mcp import ClientSession
from mcp_upstream import McpUpstream, mcp_upstream
from test_mcp_sse import _sse
from test_mcp_tools import mcp_client
from test_openapi_tools import _credential, _tool
from tool_upstream import ToolUpstream

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.tool import ToolCallTally


@pytest.fixture
async def upstream() -> AsyncIterator[ToolUpstream]:
    async with ToolUpstream() as server:
        yield server


@pytest.fixture
async def remote() -> AsyncIterator[McpUpstream]:
    async with mcp_upstream() as server:
        yield server


async def test_openapi_calls_are_counted_per_tool_and_per_credential(
    client: AsyncAgentRun, upstream: ToolUpstream
) -> None:
    credential = await _credential(client)
    name = await _tool(client, upstream.url, credential=credential)
    other = await _tool(client, upstream.url)
    assert (await client.tools.usage(name)).total == ToolCallTally(0, 0)  # a tool never called
    await client.tools.call(name, "getItem", {"itemId": "1"})
    await client.tools.call(name, "getItem", {"itemId": "2"})
    with pytest.raises(errors.ToolUpstreamError):
        await client.tools.call(name, "fail")  # the upstream's 500
    with pytest.raises(errors.BadRequestError):
        await client.tools.call(name, "getItem", {})  # ours: itemId is required
    await client.tools.call(other, "getItem", {"itemId": "3"})

    one = await client.tools.usage(name)
    assert one.name == name and one.total == ToolCallTally(calls=4, failures=2)
    assert one.by_credential == {credential: ToolCallTally(4, 2)} and set(one.by_tool) == {name}
    every = await client.tools.usage()
    assert every.name is None
    assert every.by_tool[name] == ToolCallTally(4, 2) and every.by_tool[other] == ToolCallTally(1, 0)
    assert every.by_credential[credential] == ToolCallTally(4, 2)
    with pytest.raises(errors.NotFoundError):
        await client.tools.usage(unique("nope"))


async def test_mcp_tool_calls_are_counted_on_both_transports(
    local: LocalServer, client: AsyncAgentRun, remote: McpUpstream
) -> None:
    credential = await _credential(client)
    name = unique("mcp")
    spec = {"mcpServers": {"remote": {"url": remote.url, "transportType": "streamable-http"}}}
    await client.tools.create(
        name, tool_type="MCP", create_method="MCP_REMOTE", protocol_spec=json.dumps(spec), credential_name=credential
    )
    with anyio.fail_after(30):
        async with mcp_client(local, name) as session:
            await session.list_tools()  # not a call
            await session.call_tool("add", {"a": 1, "b": 2})
        async with _sse(local, name) as (read, write), ClientSession(read, write) as sse:
            await sse.initialize()
            await sse.call_tool("add", {"a": 1, "b": 2})
            failed = await sse.call_tool("add", {"a": "x", "b": 2})  # the remote's isError result
            assert failed.is_error
    usage = await client.tools.usage(name)
    assert usage.total == ToolCallTally(calls=3, failures=1)
    assert usage.by_credential == {credential: ToolCallTally(3, 1)}


async def test_the_blocking_api_reads_usage(local: LocalServer, upstream: ToolUpstream) -> None:
    from agentrun.sync import AgentRun

    name = await _tool(local.client, upstream.url)

    def scenario() -> None:
        with AgentRun(local.client.config) as client:
            client.tools.call(name, "getItem", {"itemId": "1"})
            assert client.tools.usage(name).total == ToolCallTally(1, 0)

    await anyio.to_thread.run_sync(scenario)  # AgentRun Local runs on this event loop
