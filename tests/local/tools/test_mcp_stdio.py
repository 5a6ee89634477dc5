"""A local stdio MCP server (a command in the tool's protocolSpec) on a real AgentRun Local: it runs in a sandbox of
its own, started by the first request, is listed and called through `/tools/{name}/mcp` by the plain `mcp` client,
and stops (its sandbox destroyed) once idle. The server is a tiny script written with the `mcp` package, which the
sandbox sees with the server's Python."""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import httpx
import pytest
from local_helpers import agentrun4_headers, unique
from mcp.shared.exceptions import MCPError
from test_mcp_tools import mcp_client

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.tools import mcp_stdio

SERVER = '''
import os
from mcp.server import MCPServer

server = MCPServer("stdio-tools")

@server.tool()
def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b

@server.tool()
def where() -> dict:
    """Where this server runs."""
    return {"home": os.environ.get("HOME"), "greeting": os.environ.get("GREETING"), "pid": os.getpid(),
            "sees_host_tmp_dir": os.path.exists(os.environ["HOST_DIR"])}

server.run("stdio")
'''


async def _tool(client: AsyncAgentRun, directory: Path, host_dir: Path) -> str:
    (directory / "server.py").write_text(SERVER)
    name = unique("stdio")
    entry = {
        "command": "python",
        "args": [str(directory / "server.py")],
        "cwd": str(directory),
        "env": {"GREETING": "hello", "HOST_DIR": str(host_dir)},
    }
    await client.tools.create(
        name, tool_type="MCP", create_method="MCP_LOCAL", protocol_spec=json.dumps({"mcpServers": {"local": entry}})
    )
    return name


def _running(local: LocalServer) -> list[Path]:
    return sorted((local.data_dir / "sandboxes").glob("mcp-*"))


async def test_a_stdio_server_runs_in_a_sandbox_and_is_called_through_local(
    local: LocalServer, client: AsyncAgentRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mcp_stdio, "IDLE_SECONDS", 2.0)
    secret_dir = local.data_dir  # a host directory the server has no business seeing
    name = await _tool(client, tmp_path, secret_dir)
    before = _running(local)
    async with mcp_client(local, name) as session:
        tools = await session.list_tools()
        assert sorted(t.name for t in tools.tools) == ["add", "where"]
        result = await session.call_tool("add", {"a": 2, "b": 40})
        assert result.structured_content == {"result": 42}
        where = json.loads((await session.call_tool("where", {})).content[0].text)  # type: ignore[union-attr]
    assert where["home"] == "/home/user" and where["greeting"] == "hello"
    assert where["sees_host_tmp_dir"] is False  # isolated: only the server's Python and its cwd are bound
    started = [p for p in _running(local) if p not in before]
    assert len(started) == 1  # one server for every request of the tool
    async with mcp_client(local, name) as session:  # a second session reuses the running server
        again = json.loads((await session.call_tool("where", {})).content[0].text)  # type: ignore[union-attr]
    assert again["pid"] == where["pid"]
    with anyio.fail_after(10):
        while started[0].exists():  # noqa: ASYNC110 (idle: stopped, its sandbox destroyed)
            await anyio.sleep(0.2)
    usage = await client.tools.usage(name)
    assert usage.total.calls == 3


async def test_a_server_that_cannot_start_is_an_error_naming_the_tool(
    local: LocalServer, client: AsyncAgentRun, raw: httpx.AsyncClient
) -> None:
    name = unique("stdio")
    entry = {"command": "python", "args": ["-c", "import sys; sys.exit('no config here')"]}  # before it speaks MCP
    await client.tools.create(
        name, tool_type="MCP", create_method="MCP_LOCAL", protocol_spec=json.dumps({"mcpServers": {"local": entry}})
    )
    with anyio.fail_after(20):
        async with mcp_client(local, name) as session:
            with pytest.raises(MCPError, match=f"tool {name}: the local MCP server cannot be used") as failed:
                await session.list_tools()
    assert "its stderr ends: no config here" in str(failed.value)
    bad = unique("stdio")
    await client.tools.create(
        bad,
        tool_type="MCP",
        create_method="MCP_LOCAL",
        protocol_spec=json.dumps({"mcpServers": {"local": {"command": "python", "cwd": "relative"}}}),
    )
    path = f"/data/tools/{bad}/mcp"
    answer = await raw.post(path, json={}, headers=agentrun4_headers(local, "POST", path))
    assert answer.status_code == 422 and answer.json()["code"] == "ERR_TOOL_SPEC_INVALID"
    assert '"cwd": "/absolute/dir"' in answer.json()["message"]  # says what to change
