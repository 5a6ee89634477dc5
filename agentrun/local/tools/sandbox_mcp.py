"""`/sandboxes/{sandboxId}/mcp` (openapi/data.yaml `InvokeSandboxMcp`, an AgentRun Local extension): a sandbox's
tools as an MCP server over streamable HTTP, for any MCP client that signs its requests as the data plane requires:
the code-interpreter tools (run_code, read_file, write_file, list_files, run_command), the browser tools
(browser_navigate, browser_snapshot, ...) for a Browser sandbox, both for an AllInOne one.

The tools are the SDK's (agentrun/tool/sandbox_tools.py and browser_tools.py, served by
agentrun/mcp_server/sandbox.py), called through
an SDK client that reaches this very app in-process (httpx's ASGI transport), so they behave exactly as the SDK and
`agentrun mcp sandbox` do. The transport is stateless (every POST stands alone, answered with JSON); what persists
between calls lives with the sandbox: its files, and one code context per language kept here per sandbox, so
`run_code` variables carry over from one MCP session to the next, as the browser's current tab does. The sandbox's
lifetime is its owner's.
"""

from __future__ import annotations

import weakref
from typing import Any

import httpx

from agentrun.client import AsyncAgentRun
from agentrun.local.state import ServerState
from agentrun.local.store import Store
from agentrun.sandbox.sandbox import Sandboxes
from agentrun.tool.browser_tools import BrowserTools
from agentrun.tool.sandbox_tools import SandboxTools

_MAX_SERVED = 256  # sandboxes whose tool sets (code contexts) are kept


class _Served:
    """Per AgentRun Local: the in-process SDK client and, per sandbox, its code-interpreter tool set."""

    def __init__(self, state: ServerState, app: Any) -> None:
        config = state.identity.sdk_config(
            control_endpoint=state.control_endpoint,
            data_endpoint=state.data_endpoint,
            verify=str(state.paths.ca_cert),  # the browser tools' Playwright reaches the data plane over the network
        )
        self.client = AsyncAgentRun(config, transport=httpx.ASGITransport(app=app))
        self.code_tools: dict[str, SandboxTools] = {}

    def code_tools_for(self, sandbox_id: str) -> SandboxTools:
        """The sandbox's code-interpreter tool set, kept (with its code contexts) across requests."""
        tools = self.code_tools.get(sandbox_id)
        if tools is None:
            if len(self.code_tools) >= _MAX_SERVED:
                self.code_tools.pop(next(iter(self.code_tools)))
            tools = self.code_tools[sandbox_id] = SandboxTools(Sandboxes(self.client._core), sandbox_id=sandbox_id)
        return tools


_served: weakref.WeakKeyDictionary[Store, _Served] = weakref.WeakKeyDictionary()


class SandboxMcp:
    """The ASGI endpoint: 404 for a sandbox that does not exist (the sandbox API's answer), else one stateless
    MCP exchange."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        state: ServerState = scope["app"].state.local
        sandbox_id = str(scope["path_params"]["sandboxId"])
        doc = await state.sandboxes.get(sandbox_id, activity=True)  # raises the API's 404 for an unknown sandbox
        from mcp.server.streamable_http_manager import StreamableHTTPSessionManager

        from agentrun.mcp_server.sandbox import server  # the mcp package loads on first use, not with the app

        served = _served.get(state.store)
        if served is None:
            served = _served[state.store] = _Served(state, scope["app"])
        kind = str(doc.get("templateType") or "CodeInterpreter")
        sets: list[SandboxTools | BrowserTools] = [] if kind == "Browser" else [served.code_tools_for(sandbox_id)]
        # The browser's tools connect Playwright (a driver process) on their first call: one connection per request,
        # closed with it, so nothing stays open; the tabs live in the sandbox's browser, the current one carries over.
        browser = BrowserTools(Sandboxes(served.client._core), sandbox_id=sandbox_id)
        if kind in ("Browser", "AllInOne"):
            sets.append(browser)
        mcp = server(*sets, name=f"agentrun-sandbox-{sandbox_id}")
        manager = StreamableHTTPSessionManager(mcp, json_response=True, stateless=True, security_settings=None)
        async with browser, manager.run():
            await manager.handle_request(scope, receive, send)
