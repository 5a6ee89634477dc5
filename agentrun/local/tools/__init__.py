"""Tools on the data plane: the functions of OpenAPI (FUNCTIONCALL) tools, called with the bound credential
injected by the server (routes.py), remote MCP tools relayed over streamable HTTP and SSE (mcp_remote.py,
mcp_sse.py), and local stdio MCP servers run in sandboxes (mcp_stdio.py)."""

import sys

from agentrun.local.store import Store
from agentrun.local.tools.routes import routes

__all__ = ["close_local_servers", "routes"]


async def close_local_servers(store: Store) -> None:
    """Stop the local MCP servers of the AgentRun Local using `store` (none if mcp_stdio, which loads the mcp
    package, was never used)."""
    stdio = sys.modules.get("agentrun.local.tools.mcp_stdio")
    if stdio is not None:
        await stdio.close(store)
