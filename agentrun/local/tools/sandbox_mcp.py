"""`/sandboxes/{sandboxId}/mcp` (openapi/data.yaml `InvokeSandboxMcp`, an AgentRun Local extension): a sandbox's
code-interpreter tools (run_code, read_file, write_file, list_files, run_command) as an MCP server over streamable
HTTP, for any MCP client that signs its requests as the data plane requires.

The tools are the SDK's (agentrun/tool/sandbox_tools.py, served by agentrun/mcp_server/sandbox.py), called through
an SDK client that reaches this very app in-process (httpx's ASGI transport), so they behave exactly as the SDK and
`agentrun mcp sandbox` do. The transport is stateless (every POST stands alone, answered with JSON); what persists
between calls lives with the sandbox: its files, and one code context per language kept here per sandbox, so
`run_code` variables carry over from one MCP session to the next. The sandbox's lifetime is its owner's.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

import httpx

from agentrun._config import Config
from agentrun.client import AsyncAgentRun
from agentrun.local.state import ServerState
from agentrun.local.store import Store
from agentrun.sandbox.sandbox import Sandboxes
from agentrun.tool.sandbox_tools import SandboxTools

if TYPE_CHECKING:
    from mcp.server.lowlevel import Server

_MAX_SERVED = 256  # sandboxes whose tool sets (code contexts) are kept


class _Served:
    """Per AgentRun Local: the in-process SDK client and, per sandbox, its tool set and MCP server."""

    def __init__(self, state: ServerState, app: Any) -> None:
        identity = state.identity
        config = Config(
            access_key_id=identity.access_key_id,
            access_key_secret=identity.access_key_secret,
            account_id=identity.account_id,
            region=identity.region,
            control_endpoint=state.control_endpoint,
            data_endpoint=state.data_endpoint,
        )
        self.client = AsyncAgentRun(config, transport=httpx.ASGITransport(app=app))
        self.servers: dict[str, tuple[SandboxTools, Server[Any]]] = {}

    def server_for(self, sandbox_id: str) -> Server[Any]:
        from agentrun.mcp_server.sandbox import server  # the mcp package loads on first use, not with the app

        entry = self.servers.get(sandbox_id)
        if entry is None:
            if len(self.servers) >= _MAX_SERVED:
                self.servers.pop(next(iter(self.servers)))
            tools = SandboxTools(Sandboxes(self.client._core), sandbox_id=sandbox_id)
            entry = self.servers[sandbox_id] = (tools, server(tools, name=f"agentrun-sandbox-{sandbox_id}"))
        return entry[1]


_served: weakref.WeakKeyDictionary[Store, _Served] = weakref.WeakKeyDictionary()


class SandboxMcp:
    """The ASGI endpoint: 404 for a sandbox that does not exist (the sandbox API's answer), else one stateless
    MCP exchange."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        state: ServerState = scope["app"].state.local
        sandbox_id = str(scope["path_params"]["sandboxId"])
        await state.sandboxes.get(sandbox_id, activity=True)  # raises the API's 404 for an unknown sandbox
        from mcp.server.streamable_http_manager import StreamableHTTPSessionManager

        served = _served.get(state.store)
        if served is None:
            served = _served[state.store] = _Served(state, scope["app"])
        mcp = served.server_for(sandbox_id)
        manager = StreamableHTTPSessionManager(mcp, json_response=True, stateless=True, security_settings=None)
        async with manager.run():
            await manager.handle_request(scope, receive, send)
