"""The tools of an AgentRun MCP tool, for `agentrun.integration`: a small MCP client (JSON-RPC over the streamable HTTP
transport, https://modelcontextprotocol.io/specification/2025-06-18/basic/transports) speaking to the tool's
`/tools/{name}/mcp` endpoint (openapi/data.yaml, InvokeToolMcp), signed like every data-plane request. AgentRun adds
the tool's credential on its way to the MCP server.

It is written here, on httpx, rather than on the `mcp` package: the frameworks pin clashing `mcp` majors (CrewAI
`mcp<2`, AgentScope `mcp>=2`), and the three requests needed (initialize, tools/list, tools/call) are small. Blocking:
framework tools call it from worker threads (`CommonTool.acall`), one request at a time per session.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from agentrun import errors
from agentrun._config import Config
from agentrun._core.openai_compat import DataPlaneSignature
from agentrun._version import __version__
from agentrun.tool.functions import ToolFunction

PROTOCOL_VERSION = "2025-06-18"
_ACCEPT = "application/json, text/event-stream"


class McpSession:
    """One MCP session with the tool's endpoint, opened on first use and reopened once if the server forgot it."""

    def __init__(self, config: Config, tool: str) -> None:
        self.tool = tool
        self.url = f"{config.data_base_url()}/tools/{quote(tool, safe='')}/mcp"
        t = config.timeout
        socket = config.unix_socket
        self._http = httpx.Client(
            verify=config.verify,
            timeout=httpx.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool),
            auth=DataPlaneSignature(config),
            transport=httpx.HTTPTransport(uds=socket, verify=config.verify) if socket else None,
        )
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._session: str | None = None
        self._opened = False

    def _headers(self) -> dict[str, str]:
        headers = {"accept": _ACCEPT, "mcp-protocol-version": PROTOCOL_VERSION}
        if self._session is not None:
            headers["mcp-session-id"] = self._session
        return headers

    def _post(self, method: str, params: Mapping[str, Any] | None, *, notify: bool = False) -> Any:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = dict(params)
        if not notify:
            message["id"] = next(self._ids)
        response = self._http.post(self.url, json=message, headers=self._headers())
        if response.status_code == 404 and self._session is not None:
            raise _SessionGone
        if response.status_code >= 400:
            raise errors.AgentRunError(
                f"MCP tool {self.tool!r}: {method} answered HTTP {response.status_code}: {response.text[:500]}"
            )
        if notify:
            return None
        session = response.headers.get("mcp-session-id")
        if session:
            self._session = session
        answer = _answer(response, message["id"])
        if "error" in answer:
            error = answer["error"] or {}
            raise errors.AgentRunError(f"MCP tool {self.tool!r}: {method} failed: {error.get('message', error)}")
        return answer.get("result")

    def _open(self) -> None:
        if self._opened:
            return
        self._session = None
        self._post(
            "initialize",
            {
                "protocolVersion": PROTOCOL_VERSION,
                "capabilities": {},
                "clientInfo": {"name": "agentrun-integration", "version": __version__},
            },
        )
        self._post("notifications/initialized", None, notify=True)
        self._opened = True

    def request(self, method: str, params: Mapping[str, Any] | None = None) -> Any:
        with self._lock:
            self._open()
            try:
                return self._post(method, params)
            except _SessionGone:  # the server ended the session (restart, idle): one new session, once
                self._opened = False
                self._open()
                return self._post(method, params)

    def functions(self) -> list[ToolFunction]:
        """The tools the MCP server lists (every page), as ToolFunctions."""
        functions: list[ToolFunction] = []
        cursor: str | None = None
        while True:
            result = self.request("tools/list", {"cursor": cursor} if cursor else {}) or {}
            for tool in result.get("tools") or []:
                schema = tool.get("inputSchema") or {"type": "object", "properties": {}}
                functions.append(ToolFunction(str(tool["name"]), str(tool.get("description") or ""), schema))
            cursor = result.get("nextCursor")
            if not cursor:
                return functions

    def call(self, name: str, arguments: Mapping[str, Any]) -> str:
        """The tool's result as the text a model is given: its text content, else its structured content as JSON;
        a result flagged `isError` comes back as text too (the model reads what went wrong)."""
        result = self.request("tools/call", {"name": name, "arguments": dict(arguments)}) or {}
        texts = [str(part.get("text", "")) for part in result.get("content") or [] if part.get("type") == "text"]
        text = "\n".join(texts)
        if not text and result.get("structuredContent") is not None:
            text = json.dumps(result["structuredContent"], ensure_ascii=False)
        return f"error: {text}" if result.get("isError") else text

    def close(self) -> None:
        """End the session (DELETE, as the transport asks of a client that is done) and close the connection."""
        with self._lock:
            try:
                if self._session is not None:
                    self._http.delete(self.url, headers=self._headers())
            except httpx.HTTPError:
                pass  # the server may be gone already; the session expires there anyway
            finally:
                self._session = None
                self._opened = False
                self._http.close()


class _SessionGone(Exception):
    pass


def _answer(response: httpx.Response, request_id: int) -> dict[str, Any]:
    """The JSON-RPC answer to `request_id`: the JSON body, or the matching `data:` event of an SSE body."""
    kind = response.headers.get("content-type", "")
    if kind.startswith("text/event-stream"):
        for line in response.text.splitlines():
            if line.startswith("data:"):
                message = json.loads(line[5:].strip() or "null")
                if isinstance(message, dict) and message.get("id") == request_id:
                    return message
        raise errors.AgentRunError("the MCP server's event stream ended without an answer")
    message = response.json()
    if not isinstance(message, dict):
        raise errors.AgentRunError(f"the MCP server answered {message!r}, not a JSON-RPC message")
    return message
