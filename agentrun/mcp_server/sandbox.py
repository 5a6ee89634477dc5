"""A code-interpreter sandbox as an MCP server: the tools of `SandboxTools` (agentrun/tool/sandbox_tools.py, whose
JSON Schemas are the MCP input schemas), served with the `mcp` package's low-level `Server`.

A tool's failure is an MCP tool result with `isError` (its message tells the model what went wrong), as the MCP
spec asks for errors a model can act on; protocol errors stay JSON-RPC errors (the `mcp` package's)."""

from __future__ import annotations

import json
from typing import Any

import mcp_types as types
from mcp.server.lowlevel import Server

from agentrun import errors
from agentrun._version import __version__
from agentrun.tool.functions import ToolResult
from agentrun.tool.sandbox_tools import FUNCTIONS, SandboxTools

INSTRUCTIONS = (
    "An AgentRun code-interpreter sandbox: run Python or JavaScript (state persists between run_code calls), read, "
    "write and list its files, run shell commands. Relative paths are under /home/user."
)


def tool_list() -> list[types.Tool]:
    return [types.Tool(name=f.name, description=f.description, input_schema=dict(f.input_schema)) for f in FUNCTIONS]


def _content(result: ToolResult) -> list[types.TextContent | types.ImageContent]:
    if isinstance(result.body, str):
        return [types.TextContent(type="text", text=result.body)]
    body = result.body
    images: list[types.TextContent | types.ImageContent] = []
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        # Charts go as images; the JSON keeps just their text, so the model is not handed base64.
        for item in body["results"]:
            png = item.pop("png", None)
            if png:
                images.append(types.ImageContent(type="image", data=png, mime_type="image/png"))
    return [types.TextContent(type="text", text=json.dumps(body, ensure_ascii=False)), *images]


def _failure(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=message)], is_error=True)


def server(tools: SandboxTools, name: str = "agentrun-sandbox") -> Server[Any]:
    """An MCP server whose tools run in `tools`' sandbox (created by the first call; closing `tools` is the
    caller's)."""

    async def list_tools(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=tool_list())

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
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
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )
