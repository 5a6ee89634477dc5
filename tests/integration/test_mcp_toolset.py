"""`toolset(name)` of an MCP tool (MCP_REMOTE, a real MCP server: tests/local/tools/mcp_upstream.py) as LangChain
tools: the server's tools with their input schemas, called through AgentRun Local's /tools/{name}/mcp (the server adds
the tool's credential), used by a LangChain agent on the offline test model; closing the list ends the MCP session."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import anyio
import pytest
from conftest import World
from mcp_upstream import McpUpstream, mcp_upstream

SCRIPT = """
from langchain.agents import create_agent
from agentrun.integration.langchain import model, toolset

summary = {}
with toolset(VALUES["tool"], prefix="remote_", filter_tools_by_name=lambda name: name != "leak") as tools:
    summary["names"] = [tool.name for tool in tools]
    summary["add_args"] = tools[0].args
    summary["direct"] = tools[1].invoke({"text": "quiet"})
    agent = create_agent(model("agentrun-local-test-model"), list(tools))
    result = agent.invoke({"messages": [("user", 'call remote_add {"a": 2, "b": 3}')]})
    summary["answer"] = result["messages"][-1].content
print(json.dumps(summary))
"""


@pytest.fixture
async def remote(world: World) -> AsyncIterator[tuple[str, McpUpstream]]:
    async with mcp_upstream() as server:
        spec = {"mcpServers": {"remote": {"url": server.url, "transportType": "streamable-http"}}}
        name = "remote-mcp"
        await world.local.client.tools.create(
            name, tool_type="MCP", create_method="MCP_REMOTE", protocol_spec=json.dumps(spec),
            mcp_config={"proxyEnabled": True, "sessionAffinity": "MCP_STREAMABLE"},
        )  # fmt: skip
        try:
            yield name, server
        finally:
            await world.local.client.tools.delete(name)


async def test_an_mcp_tool_is_a_list_of_framework_tools(world: World, remote: tuple[str, McpUpstream]) -> None:
    name, server = remote
    summary = await world.script(SCRIPT, tool=name)
    assert summary["names"] == ["remote_add", "remote_shout"]
    assert {key: value["type"] for key, value in summary["add_args"].items()} == {"a": "integer", "b": "integer"}
    assert summary["direct"] == "QUIET"
    assert summary["answer"] == "The tool remote_add returned: 5"
    assert "POST" in server.methods
    with anyio.fail_after(5):
        await server.deleted.wait()  # the list's close ended the MCP session
