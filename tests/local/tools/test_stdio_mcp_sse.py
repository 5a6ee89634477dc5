"""A local stdio MCP tool over `/tools/{name}/sse` (the MCP SSE transport the official clients use) on a real
AgentRun Local: the official agentrun-sdk 0.0.54's Tool module and MCPToolSet, unchanged (with the relaxed signature
of test_official_mcp_tools.py), and a plain `mcp` SSE client list and call the tools of the stdio server Local runs
in a sandbox (test_mcp_stdio.py's server), the same one `/mcp` serves."""

from __future__ import annotations

import json
import os
from pathlib import Path

import anyio
from mcp import ClientSession
from test_mcp_sse import _sse
from test_mcp_stdio import _tool
from test_official_tool import official_python

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

SCRIPT = r"""
import asyncio, json, os
from agentrun.tool import Tool
from agentrun.toolset import MCPToolSet
from agentrun.utils.config import Config
from agentrun.utils.data_api import DataAPI, ResourceType

async def main():
    name = os.environ["TOOL"]
    _, headers, _ = DataAPI(name, ResourceType.Tool).auth()  # the SDK's own signature of the empty URL
    config = Config(headers=headers)
    tool = await Tool.get_by_name_async(name)
    names = sorted(t.name for t in await tool.list_tools_async(config=config))
    called = await tool.call_tool_async("add", {"a": 2, "b": 3}, config=config)
    toolset = MCPToolSet(url=f"{Config().get_data_endpoint()}/tools/{name}/sse", config=config)
    set_names = sorted(t.name for t in await toolset.tools_async())
    set_called = await toolset.call_tool_async("add", {"a": 20, "b": 22})
    print(json.dumps({
        "names": names, "called": [c.model_dump(mode="json") for c in called.content],
        "set_names": set_names, "set_called": set_called,
    }))

asyncio.run(main())
"""


async def test_a_plain_mcp_sse_client_calls_a_stdio_tool(
    local: LocalServer, client: AsyncAgentRun, tmp_path: Path
) -> None:
    name = await _tool(client, tmp_path, tmp_path / "elsewhere")
    with anyio.fail_after(60):
        async with _sse(local, name) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            assert sorted(t.name for t in (await session.list_tools()).tools) == ["add", "where"]
            result = await session.call_tool("add", {"a": 2, "b": 40})
            assert result.structured_content == {"result": 42}
    assert (await client.tools.usage(name)).total.calls == 1  # counted once (by the stdio bridge)


async def test_the_official_sdk_calls_a_stdio_tool_over_sse(
    local: LocalServer, client: AsyncAgentRun, tmp_path: Path
) -> None:
    python = official_python()
    name = await _tool(client, tmp_path, tmp_path / "elsewhere")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(local.data_dir), **local.env, "TOOL": name}
    with anyio.fail_after(90):
        # cwd elsewhere: `-c` puts the cwd first on sys.path, where our `agentrun` would shadow theirs.
        done = await anyio.run_process([python, "-c", SCRIPT], env=env, cwd=local.data_dir, check=False)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    summary = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert summary["names"] == summary["set_names"] == ["add", "where"]
    assert summary["called"][0]["text"] == "5"
    assert summary["set_called"][0]["text"] == "42"
