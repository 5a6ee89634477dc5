"""Our SDK's `client.tools.list_functions` / `call` on MCP tools, on a real AgentRun Local: a remote MCP server
(mcp_upstream.py) and a local stdio server run in a sandbox, both through `/tools/{name}/mcp`, as typed
`ToolFunction`s and `ToolResult`s, with the credential added by the server and typed errors for what is wrong."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import pytest
from mcp_upstream import McpUpstream, mcp_upstream
from test_mcp_stdio import _tool as _stdio_tool
from test_mcp_tools import SECRET, _credential, _tool

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer


@pytest.fixture
async def remote() -> AsyncIterator[McpUpstream]:
    async with mcp_upstream() as server:
        yield server


async def test_our_sdk_lists_and_calls_a_remote_mcp_tool(client: AsyncAgentRun, remote: McpUpstream) -> None:
    credential = await _credential(client)
    name = await _tool(client, remote.url, credential)
    functions = {f.name: f for f in await client.tools.list_functions(name)}
    assert sorted(functions) == ["add", "leak", "shout"]
    add = functions["add"]
    assert add.tool == name and add.description == "Add two numbers."
    assert add.input_schema["properties"].keys() == {"a", "b"} and add.input_schema["required"] == ["a", "b"]
    assert add.to_openai_function()["function"]["parameters"]["properties"]["a"]["type"] == "integer"

    result = await client.tools.call(name, add, {"a": 2, "b": 40})
    assert (result.text(), result.is_error, result.status) == ("42", False, 200)
    assert (await client.tools.call(name, "shout", {"text": "hi"})).body == "HI"
    leaked = await client.tools.call(name, "leak")
    assert SECRET not in leaked.text()  # the remote got it (below); the caller never sees it
    assert remote.headers and all(h["authorization"] == f"Bearer {SECRET}" for h in remote.headers)
    with anyio.fail_after(5):
        await remote.deleted.wait()  # each session ended with DELETE, none left open at the remote

    bad = await client.tools.call(name, "add", {"a": "two", "b": 40})
    assert bad.is_error and "a" in bad.text()  # the server's own validation, shown to the model
    with pytest.raises(errors.NotFoundError, match=rf"tool {name} has no function nope \(it has \['add'"):
        await client.tools.call(name, "nope", {})
    with pytest.raises(errors.NotFoundError):
        await client.tools.list_functions("no-such-tool")


async def test_our_sdk_lists_and_calls_a_stdio_mcp_tool(client: AsyncAgentRun, tmp_path: Path) -> None:
    name = await _stdio_tool(client, tmp_path, tmp_path / "elsewhere")
    functions = await client.tools.list_functions(name)
    assert sorted(f.name for f in functions) == ["add", "where"]
    result = await client.tools.call(name, "add", {"a": 1, "b": 2})
    assert (result.text(), result.is_error) == ("3", False)
    with pytest.raises(errors.NotFoundError, match="has no function missing"):
        await client.tools.call(name, "missing")


async def test_the_blocking_api_calls_mcp_tools(local: LocalServer, remote: McpUpstream) -> None:
    from agentrun.sync import AgentRun

    name = await _tool(local.client, remote.url)

    def scenario() -> None:
        with AgentRun(local.client.config) as client:
            assert "shout" in [f.name for f in client.tools.list_functions(name)]
            assert client.tools.call(name, "shout", {"text": "quiet"}).text() == "QUIET"
            with pytest.raises(errors.NotFoundError):
                client.tools.call(name, "nope")

    await anyio.to_thread.run_sync(scenario)


async def test_a_cancelled_call_still_ends_its_mcp_session(client: AsyncAgentRun) -> None:
    async with mcp_upstream(with_wait=True) as hung:
        name = await _tool(client, hung.url)
        async with anyio.create_task_group() as group:
            group.start_soon(client.tools.call, name, "wait")
            with anyio.fail_after(10):
                while hung.waiting == 0:  # noqa: ASYNC110 - the remote offers nothing to wait on
                    await anyio.sleep(0.01)
            group.cancel_scope.cancel()  # the caller gives up
        with anyio.fail_after(5):
            await hung.deleted.wait()  # the session was ended on the way out, cancellation notwithstanding
            while hung.waiting:  # noqa: ASYNC110 - the remote's call ends with its session
                await anyio.sleep(0.01)
