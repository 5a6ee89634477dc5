"""The official agentrun-sdk 0.0.54's Tool module (its SSE path) and MCPToolSet, unchanged, list and call an MCP_REMOTE
tool proxied by AgentRun Local; the remote (mcp_upstream.py) sees the credential Local adds, the caller never holds it.

agentrun-sdk signs MCP requests only for `.agentrun-data.` hosts, so against Local it sends what its Config's headers
hold: here the signature of the empty URL that its own `DataAPI.auth()` makes with the configured access key, which
Local accepts on a tool's MCP endpoints (openapi/data.yaml). Without it Local answers 401. Run from the official
virtualenv (AGENTRUN_OFFICIAL_PYTHON, `make official-sdk`, which installs its `mcp` extra)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import AsyncIterator

import anyio
import httpx
import pytest
from local_helpers import agentrun4_headers, unique
from mcp_upstream import McpUpstream, mcp_upstream
from test_mcp_tools import SECRET, _credential
from test_official_tool import official_python

from agentrun.local import LocalServer

SCRIPT = r"""
import asyncio, json, os
from agentrun.tool import Tool
from agentrun.toolset import MCPToolSet
from agentrun.utils.config import Config
from agentrun.utils.data_api import DataAPI, ResourceType

async def main():
    name = os.environ["TOOL"]
    config = None
    if os.environ.get("SIGN") == "1":
        _, headers, _ = DataAPI(name, ResourceType.Tool).auth()  # the SDK's own signature of the empty URL
        config = Config(headers=headers)
    tool = await Tool.get_by_name_async(name)
    names = sorted(t.name for t in await tool.list_tools_async(config=config))
    called = await tool.call_tool_async("add", {"a": 2, "b": 3}, config=config)
    toolset = MCPToolSet(url=f"{Config().get_data_endpoint()}/tools/{name}/sse", config=config)
    set_names = sorted(t.name for t in await toolset.tools_async())
    set_called = await toolset.call_tool_async("shout", {"text": "hi"})
    leaked = await toolset.call_tool_async("leak", {})
    print(json.dumps({
        "names": names, "called": [c.model_dump(mode="json") for c in called.content],
        "set_names": set_names, "set_called": set_called, "leaked": leaked,
    }))

asyncio.run(main())
"""


@pytest.fixture
async def remote() -> AsyncIterator[McpUpstream]:
    async with mcp_upstream() as server:
        yield server


async def _run(local: LocalServer, tool: str, *, sign: bool) -> subprocess.CompletedProcess[bytes]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(local.data_dir),
        **local.env,
        "TOOL": tool,
        "SIGN": "1" if sign else "0",
    }
    with anyio.fail_after(90):
        # cwd elsewhere: `-c` puts the cwd first on sys.path, where our `agentrun` would shadow theirs.
        return await anyio.run_process([official_python(), "-c", SCRIPT], env=env, cwd=local.data_dir, check=False)


async def _tool(local: LocalServer, remote: McpUpstream) -> str:
    client = local.client
    name = unique("offmcp")
    spec = {"mcpServers": {"remote": {"url": remote.url, "transportType": "streamable-http"}}}
    await client.tools.create(
        name,
        tool_type="MCP",
        create_method="MCP_REMOTE",
        protocol_spec=json.dumps(spec),
        credential_name=await _credential(client),
        mcp_config={"proxyEnabled": True, "sessionAffinity": "MCP_SSE"},  # the official clients' SSE path
    )
    return name


async def test_the_official_tool_module_and_mcp_toolset_list_and_call_a_remote_mcp_tool(
    local: LocalServer, remote: McpUpstream
) -> None:
    official_python()
    name = await _tool(local, remote)
    done = await _run(local, name, sign=True)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    summary = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert summary["names"] == summary["set_names"] == ["add", "leak", "shout"]
    assert summary["called"][0]["text"] == "5"
    assert summary["set_called"][0]["text"] == "HI"
    # The remote got the credential from Local; what it echoes back reaches the caller scrubbed.
    assert all(seen["authorization"] == f"Bearer {SECRET}" for seen in remote.headers if seen.get("accept"))
    assert all("agentrun-authorization" not in seen for seen in remote.headers)
    assert SECRET not in json.dumps(summary) and summary["leaked"][0]["text"].startswith("seen: ")


async def test_unsigned_official_mcp_calls_are_refused(local: LocalServer, remote: McpUpstream) -> None:
    official_python()
    name = await _tool(local, remote)
    done = await _run(local, name, sign=False)
    assert done.returncode != 0
    assert "401" in done.stderr.decode()
    assert remote.headers == []  # nothing reached the remote


async def test_only_a_tools_mcp_endpoints_take_a_relaxed_signature(
    local: LocalServer, raw: httpx.AsyncClient, remote: McpUpstream
) -> None:
    name = await _tool(local, remote)
    stale = "2020-01-01T00:00:00Z"  # this server's key, but a date the strict rule refuses
    messages, query = f"/data/tools/{name}/messages", "session_id=" + "0" * 32
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    relaxed = await raw.post(
        messages, params={"session_id": "0" * 32}, json=ping,
        headers=agentrun4_headers(local, "POST", messages, raw_query=query, stamp=stale),
    )  # fmt: skip
    assert relaxed.status_code == 404  # past authentication: the session does not exist
    wrong_key = await raw.post(
        messages, params={"session_id": "0" * 32}, json=ping,
        headers=agentrun4_headers(local, "POST", messages, raw_query=query, secret="not-the-key"),
    )  # fmt: skip
    assert wrong_key.status_code == 403
    unsigned = await raw.post(messages, params={"session_id": "0" * 32}, json=ping)
    assert unsigned.status_code == 401
    for path in (f"/data/tools/{name}/functions", f"/data/tools/{name}/usage"):
        answer = await raw.get(path, headers=agentrun4_headers(local, "GET", path, stamp=stale))
        assert answer.status_code == 401, path  # strict everywhere else
