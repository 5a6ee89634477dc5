"""The functions of an MCP tool through its data-plane endpoint `/tools/{name}/mcp` (openapi/data.yaml
InvokeToolMcp, CloseToolMcpSession): a small MCP client of the streamable HTTP transport
(https://modelcontextprotocol.io/specification/2025-06-18/basic/transports), sent through the SDK's HTTP core, so
it is signed, retried and timed like every data-plane request. AgentRun adds the tool's credential on the way to the
MCP server (a remote one, or a local stdio server AgentRun Local runs in a sandbox).

Written on the core rather than on the `mcp` package: the frameworks pin clashing `mcp` majors (CrewAI `mcp<2`,
AgentScope `mcp>=2`), and the few requests needed (initialize, tools/list, tools/call, then DELETE) are small.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from typing import Any

from agentrun_data_api.api.tools import close_tool_mcp_session, invoke_tool_mcp

from agentrun import errors
from agentrun._core.aio import shielded
from agentrun._core.http import CallOptions, HttpCore
from agentrun._version import __version__
from agentrun.tool.functions import ToolFunction, ToolResult

PROTOCOL_VERSION = "2025-06-18"
_ACCEPT = {"accept": "application/json, text/event-stream"}
_EMPTY = {"type": "object", "properties": {}}
INVALID_PARAMS = -32602
CLOSE_TIMEOUT = 5.0  # seconds the DELETE ending a session may take
_CLOSE_OPTIONS = CallOptions(timeout=CLOSE_TIMEOUT, max_retries=0)  # JSON-RPC 2.0: the arguments do not fit the method


class McpSession:
    """One MCP session with tool `tool`'s endpoint: `async with` opens it (initialize) and ends it (DELETE)."""

    def __init__(self, core: HttpCore, tool: str, options: CallOptions | None = None) -> None:
        self._core = core
        self.tool = tool
        self._options = options
        self._ids = itertools.count(1)
        self._session: str | None = None
        self._version: str | None = None

    async def __aenter__(self) -> McpSession:
        result = await self.request(
            "initialize",
            {
                "protocolVersion": PROTOCOL_VERSION,
                "capabilities": {},
                "clientInfo": {"name": "agentrun-sdk", "version": __version__},
            },
        )
        version = result.get("protocolVersion") if isinstance(result, dict) else None
        self._version = version if isinstance(version, str) else PROTOCOL_VERSION
        await self._send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """End the session (DELETE, as the transport asks of a client that is done), also while the caller is
        being cancelled (bounded by CLOSE_TIMEOUT). A server that does not let clients end sessions (405) or forgot
        it already (404) needs nothing more."""
        session, self._session = self._session, None
        if session is None:
            return
        prepared = close_tool_mcp_session.request(self.tool, mcp_session_id=session)
        try:
            await shielded(lambda: self._core.call(prepared, options=_CLOSE_OPTIONS))
        except errors.APIStatusError as exc:
            if exc.status_code not in (404, 405):
                raise

    async def _send(self, message: Mapping[str, Any]) -> Any:
        prepared = invoke_tool_mcp.request(
            self.tool, body=message, mcp_session_id=self._session, mcp_protocol_version=self._version
        )
        return await self._core.call(prepared, headers=_ACCEPT, options=self._options)

    async def request(self, method: str, params: Mapping[str, Any]) -> Any:
        """Send one JSON-RPC request and return its result; a JSON-RPC error raises (see `_rpc_error`)."""
        request_id = next(self._ids)
        response = await self._send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": dict(params)})
        if self._session is None:
            self._session = response.headers.get("mcp-session-id") or None
        answer = _answer(response.headers.get("content-type", ""), response.text, request_id)
        if "error" in answer:
            raise _rpc_error(self.tool, method, answer["error"])
        return answer.get("result")

    async def functions(self) -> list[ToolFunction]:
        """Every tool the MCP server lists (all pages), as ToolFunctions."""
        functions: list[ToolFunction] = []
        cursor: str | None = None
        while True:
            result = _mapping(await self.request("tools/list", {"cursor": cursor} if cursor else {}), "tools/list")
            for item in result.get("tools") or []:
                entry = _mapping(item, "a tool of tools/list")
                schema = entry.get("inputSchema")
                functions.append(
                    ToolFunction(
                        name=str(entry.get("name") or ""),
                        description=str(entry.get("description") or ""),
                        input_schema=dict(_mapping(schema, "an inputSchema")) if schema is not None else dict(_EMPTY),
                        tool=self.tool,
                    )
                )
            cursor = result.get("nextCursor")
            if not cursor:
                return functions

    async def call(self, function: str, arguments: Mapping[str, Any]) -> ToolResult:
        """Call `function`; a function the server does not have raises NotFoundError listing those it has."""
        try:
            result = _mapping(
                await self.request("tools/call", {"name": function, "arguments": dict(arguments)}), "tools/call"
            )
        except errors.ToolUpstreamError:
            await self._check_exists(function)
            raise
        parsed = tool_result(result)
        if parsed.is_error:  # servers report an unknown tool as an error result, or as a JSON-RPC error
            await self._check_exists(function)
        return parsed

    async def _check_exists(self, function: str) -> None:
        names = sorted(f.name for f in await self.functions())
        if function not in names:
            message = f"tool {self.tool} has no function {function} (it has {names})"
            raise errors.NotFoundError(message, status_code=404, code="ERR_NOT_FOUND", body={"message": message})


def tool_result(result: Mapping[str, Any]) -> ToolResult:
    """An MCP CallToolResult as a ToolResult: its text content (else its structured content, as JSON), with
    `is_error` from `isError`."""
    texts = [str(part.get("text", "")) for part in result.get("content") or [] if _is_text(part)]
    if texts:
        return ToolResult(200, "text/plain", "\n".join(texts), bool(result.get("isError")))
    structured = result.get("structuredContent")
    body: Any = structured if structured is not None else ""
    kind = "application/json" if structured is not None else "text/plain"
    return ToolResult(200, kind, body, bool(result.get("isError")))


def _is_text(part: object) -> bool:
    return isinstance(part, Mapping) and part.get("type") == "text"


def _mapping(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise errors.APIResponseError(
            f"the MCP server's answer has {what} of an unexpected kind: {str(value)[:200]!r}", status_code=200
        )
    return value


def _rpc_error(tool: str, method: str, error: object) -> errors.APIStatusError:
    """A JSON-RPC error: invalid params is the caller's (BadRequestError); anything else the MCP server's
    (ToolUpstreamError, 502 as AgentRun reports an upstream failing)."""
    body = dict(error) if isinstance(error, Mapping) else {"message": str(error)}
    message = f"MCP tool {tool}: {method} failed: {body.get('message', body)}"
    if body.get("code") == INVALID_PARAMS:
        return errors.BadRequestError(message, status_code=400, code="ERR_VALIDATION_FAILED", body=body)
    return errors.ToolUpstreamError(message, status_code=502, code="ERR_TOOL_MCP_ERROR", body=body)


def _answer(content_type: str, text: str, request_id: int) -> dict[str, Any]:
    """The JSON-RPC answer to `request_id`: the JSON body, or the matching message of an SSE body (whose other
    messages, notifications and requests the server sends meanwhile, are not needed here)."""
    if content_type.startswith("text/event-stream"):
        for data in _sse_data(text):
            message = json.loads(data)
            if isinstance(message, dict) and message.get("id") == request_id:
                return message
        raise errors.APIResponseError("the MCP server's event stream ended without an answer", status_code=200)
    try:
        message = json.loads(text)
    except ValueError:
        message = text[:200]
    if not isinstance(message, dict):
        raise errors.APIResponseError(f"the MCP server answered {message!r}, not a JSON-RPC message", status_code=200)
    return message


def _sse_data(text: str) -> list[str]:
    """The data of each event of an SSE body (multi-line data joined by newlines, as the SSE spec says)."""
    events: list[str] = []
    lines: list[str] = []
    for line in text.splitlines():
        if not line:
            if lines:
                events.append("\n".join(lines))
            lines = []
        elif line.startswith("data:"):
            lines.append(line[5:].removeprefix(" "))
    if lines:
        events.append("\n".join(lines))
    return events
