"""Tools: MCP servers, OpenAPI-described HTTP tools and skill packages registered with AgentRun."""

from agentrun.tool.tool import Tool, Tools

__all__ = ["Tool", "Tools"]
