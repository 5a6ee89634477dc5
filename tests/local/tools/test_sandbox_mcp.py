"""A code-interpreter sandbox served as an MCP server, driven by the plain `mcp` client against a real AgentRun Local:
over stdio (`agentrun mcp sandbox --template T` run as a subprocess, as Claude Desktop or Cursor start it) and over
HTTP (`/sandboxes/{sandboxId}/mcp` on the data plane). Tool schemas are typed, state persists between calls, tool
failures are MCP results with isError, and the stdio server deletes its sandbox when the client goes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import httpx
import pytest
from local_helpers import agentrun4_headers, unique
from mcp_clients import http_server, stdio_server

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.sandbox import IsolationUnavailable, SandboxEngine

TOOLS = ["run_code", "read_file", "write_file", "list_files", "run_command"]


@pytest.fixture(scope="module")
async def template(local: LocalServer, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    try:
        await SandboxEngine(tmp_path_factory.mktemp("probe")).isolation()
    except IsolationUnavailable as exc:
        pytest.skip(str(exc))
    name = unique("tpl")
    await local.client.templates.create(name, network={"networkMode": "PRIVATE"})
    yield name


async def _sandbox_ids(client: AsyncAgentRun, template: str) -> set[str]:
    return {s.id async for s in client.sandboxes.list(template_name=template)}


async def test_stdio_lists_typed_tools_and_runs_them_in_one_sandbox_deleted_on_exit(
    local: LocalServer, client: AsyncAgentRun, template: str
) -> None:
    before = await _sandbox_ids(client, template)
    async with stdio_server(local, template) as session:
        listed = await session.list_tools()
        assert [t.name for t in listed.tools] == TOOLS
        schema = {t.name: t.input_schema for t in listed.tools}["write_file"]
        assert schema["required"] == ["path", "content"] and schema["properties"]["content"]["type"] == "string"
        assert await _sandbox_ids(client, template) == before  # listing starts nothing
        ran = await session.call_tool("run_code", {"code": "x = 6\nprint('hello')"})
        assert not ran.is_error and '"stdout": "hello\\n"' in ran.content[0].text  # type: ignore[union-attr]
        again = await session.call_tool("run_code", {"code": "x * 7"})
        assert '"text": "42"' in again.content[0].text  # type: ignore[union-attr]
        await session.call_tool("write_file", {"path": "a.txt", "content": "from mcp"})
        read = await session.call_tool("read_file", {"path": "a.txt"})
        assert read.content[0].text == "from mcp"  # type: ignore[union-attr]
        command = await session.call_tool("run_command", {"command": "ls"})
        assert "a.txt" in command.content[0].text  # type: ignore[union-attr]
        during = await _sandbox_ids(client, template) - before
        assert len(during) == 1
    assert await _sandbox_ids(client, template) == before


async def test_stdio_tool_failures_are_results_with_is_error(
    local: LocalServer, client: AsyncAgentRun, template: str
) -> None:
    async with stdio_server(local, template) as session:
        missing = await session.call_tool("read_file", {"path": "nope.txt"})
        assert missing.is_error and "read_file failed" in missing.content[0].text  # type: ignore[union-attr]
        bad = await session.call_tool("run_command", {"cmd": "ls"})
        assert bad.is_error and "no argument 'cmd'" in bad.content[0].text  # type: ignore[union-attr]
        raised = await session.call_tool("run_code", {"code": "raise KeyError('k')"})
        assert raised.is_error and "KeyError" in raised.content[0].text  # type: ignore[union-attr]


async def test_stdio_client_leaving_mid_call_deletes_the_sandbox(
    local: LocalServer, client: AsyncAgentRun, template: str
) -> None:
    before = await _sandbox_ids(client, template)
    with anyio.move_on_after(8):
        async with stdio_server(local, template) as session:
            await session.call_tool("run_code", {"code": "import time; time.sleep(60)", "timeout": 120})
    assert await _sandbox_ids(client, template) == before


async def test_http_serves_the_sandbox_tools_with_state_across_sessions(
    client: AsyncAgentRun, local: LocalServer, template: str
) -> None:
    async with await client.sandboxes.create(template) as sandbox:
        async with http_server(local, sandbox.id) as session:
            listed = await session.list_tools()
            assert [t.name for t in listed.tools] == TOOLS
            assert {t.name: t.input_schema for t in listed.tools}["run_code"]["required"] == ["code"]
            await session.call_tool("run_code", {"code": "answer = 41"})
            await session.call_tool("write_file", {"path": "m.txt", "content": "via http"})
        async with http_server(local, sandbox.id) as session:  # a new MCP session: the same sandbox and context
            again = await session.call_tool("run_code", {"code": "answer + 1"})
            assert '"text": "42"' in again.content[0].text  # type: ignore[union-attr]
            failed = await session.call_tool("run_command", {"command": "cat m.txt; false"})
            assert failed.is_error and '"stdout": "via http"' in failed.content[0].text  # type: ignore[union-attr]
        assert await sandbox.files.read("m.txt") == "via http"
    assert sandbox.id not in await _sandbox_ids(client, template)  # its lifetime is its owner's


async def test_http_unknown_sandbox_is_404(local: LocalServer, raw: httpx.AsyncClient) -> None:
    path = "/data/sandboxes/sbx-missing/mcp"
    answer = await raw.post(
        path,
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
        headers={**agentrun4_headers(local, "POST", path), "accept": "application/json, text/event-stream"},
    )
    assert answer.status_code == 404, answer.text
