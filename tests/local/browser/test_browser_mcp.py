"""A Browser sandbox served as an MCP server (agentrun/mcp_server/sandbox.py), driven by the plain `mcp` client
against a real AgentRun Local: over stdio (`agentrun mcp sandbox --template T` with a Browser template) and over HTTP
(`/sandboxes/{sandboxId}/mcp` of a Browser sandbox). The browser tools are listed with typed schemas, a data: page is
opened and read back, the current tab carries over between HTTP sessions, and screenshots come as images."""

from __future__ import annotations

import base64
from urllib.parse import quote

import mcp_types as types
from mcp_clients import http_server, stdio_server

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.sandbox.sandbox import Sandbox

PAGE = "data:text/html," + quote("<title>Over MCP</title><h1>Hello from a data URL</h1>")
BROWSER_TOOLS = {"browser_navigate", "browser_snapshot", "browser_click", "browser_take_screenshot"}


async def _sandbox_ids(client: AsyncAgentRun, template: str) -> set[str]:
    return {s.id async for s in client.sandboxes.list(template_name=template) if s.status != "DELETED"}


def _text(result: types.CallToolResult) -> str:
    first = result.content[0]
    assert isinstance(first, types.TextContent), first
    return first.text


async def test_stdio_serves_the_browser_tools_of_a_browser_template(
    local: LocalServer, client: AsyncAgentRun, browser_template: str
) -> None:
    before = await _sandbox_ids(client, browser_template)
    async with stdio_server(local, browser_template) as session:
        listed = {t.name: t for t in (await session.list_tools()).tools}
        assert set(listed) >= BROWSER_TOOLS and "run_code" not in listed
        assert listed["browser_navigate"].input_schema["required"] == ["url"]
        navigated = await session.call_tool("browser_navigate", {"url": PAGE})
        assert not navigated.is_error and '"title": "Over MCP"' in _text(navigated)
        snapshot = await session.call_tool("browser_snapshot", {})
        assert 'heading "Hello from a data URL"' in _text(snapshot)
        assert len(await _sandbox_ids(client, browser_template) - before) == 1
    assert await _sandbox_ids(client, browser_template) == before  # deleted when the client goes


async def test_http_serves_a_browser_sandbox_with_the_tab_across_sessions(
    local: LocalServer, browser_sandbox: Sandbox
) -> None:
    async with http_server(local, browser_sandbox.id) as session:
        assert {t.name for t in (await session.list_tools()).tools} >= BROWSER_TOOLS
        await session.call_tool("browser_navigate", {"url": PAGE})
    async with http_server(local, browser_sandbox.id) as session:  # a new session: the page is still open
        title = await session.call_tool("browser_evaluate", {"expression": "document.querySelector('h1').textContent"})
        assert _text(title) == '{"result": "Hello from a data URL"}'
        shot = await session.call_tool("browser_take_screenshot", {})
        image = shot.content[1]
        assert isinstance(image, types.ImageContent) and base64.b64decode(image.data).startswith(b"\x89PNG")
        assert "png" not in _text(shot)  # the model gets the image, not base64 in the JSON
        missing = await session.call_tool("browser_click", {"selector": "#nothing", "timeout": 0.5})
        assert missing.is_error
