"""Tools on the data plane: the functions of OpenAPI (FUNCTIONCALL) tools, called with the bound credential
injected by the server (routes.py), and remote MCP tools relayed over streamable HTTP (mcp_remote.py)."""

from agentrun.local.tools.routes import routes

__all__ = ["routes"]
