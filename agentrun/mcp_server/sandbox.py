"""A sandbox as an MCP server: the tools of `SandboxTools` (agentrun/tool/sandbox_tools.py: code interpreter) and/or
`BrowserTools` (agentrun/tool/browser_tools.py: a Browser sandbox), whose JSON Schemas are the MCP input schemas,
served with the `mcp` package's low-level `Server`.

A tool's failure is an MCP tool result with `isError` (its message tells the model what went wrong), as the MCP
spec asks for errors a model can act on; protocol errors stay JSON-RPC errors (the `mcp` package's)."""

from __future__ import annotations

import json
from typing import Any

import mcp_types as types
from mcp.server.lowlevel import Server

from agentrun import errors
from agentrun._version import __version__
from agentrun.tool.browser_tools import BrowserTools
from agentrun.tool.functions import ToolResult
from agentrun.tool.sandbox_tools import SandboxTools

ToolSet = SandboxTools | BrowserTools
INSTRUCTIONS = (
    "An AgentRun code-interpreter sandbox: run Python or JavaScript (state persists between run_code calls), read, "
    "write and list its files, run shell commands. Relative paths are under /home/user."
)
BROWSER_INSTRUCTIONS = (
    "A web browser in an AgentRun sandbox: open pages (browser_navigate), read them (browser_snapshot gives the "
    "accessibility tree to pick selectors from), click, fill, evaluate JavaScript, take screenshots, manage tabs. "
    "The current tab carries over from one call to the next."
)


def tool_list(*sets: ToolSet) -> list[types.Tool]:
    return [
        types.Tool(name=t.name, description=t.description, input_schema=dict(t.input_schema))
        for tools in sets
        for t in tools
    ]


def _content(result: ToolResult) -> list[types.TextContent | types.ImageContent]:
    if isinstance(result.body, str):
        return [types.TextContent(type="text", text=result.body)]
    body = result.body
    images: list[types.TextContent | types.ImageContent] = []
    # Charts and screenshots go as images; the JSON keeps just their text, so the model is not handed base64.
    holders = [body] if isinstance(body, dict) else []
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        holders += [item for item in body["results"] if isinstance(item, dict)]
    for holder in holders:
        png = holder.pop("png", None)
        if png:
            images.append(types.ImageContent(type="image", data=png, mime_type="image/png"))
    return [types.TextContent(type="text", text=json.dumps(body, ensure_ascii=False)), *images]


def _failure(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=message)], is_error=True)


def server(*sets: ToolSet, name: str = "agentrun-sandbox") -> Server[Any]:
    """An MCP server whose tools run in the sandbox of each set (created by its first call; closing the sets is the
    caller's). Tool names are unique across the sets (run_code..., browser_...)."""
    by_name = {tool.name: tools for tools in sets for tool in tools}
    instructions = " ".join(BROWSER_INSTRUCTIONS if isinstance(t, BrowserTools) else INSTRUCTIONS for t in sets)

    async def list_tools(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=tool_list(*sets))

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        tools = by_name.get(params.name)
        if tools is None:
            return _failure(f"no tool {params.name!r} (there are {sorted(by_name)})")
        try:
            result = await tools.call(params.name, params.arguments or {})
        except errors.ExecutionTimeoutError as exc:
            return _failure(f"{exc}")
        except errors.AgentRunError as exc:
            return _failure(f"{params.name} failed: {exc}")
        return types.CallToolResult(content=_content(result), is_error=result.is_error)  # type: ignore[arg-type]

    return Server(
        name,
        version=__version__,
        instructions=instructions,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )
