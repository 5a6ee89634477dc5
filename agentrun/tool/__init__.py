"""Tools: MCP servers, OpenAPI-described HTTP tools and skill packages registered with AgentRun, and the functions
of OpenAPI tools as one framework-neutral `ToolFunction` interface."""

from agentrun.tool.functions import ToolFunction, ToolResult
from agentrun.tool.sandbox_tools import SandboxTool, SandboxTools
from agentrun.tool.tool import Tool, Tools
from agentrun.tool.usage import ToolCallTally, ToolUsage

__all__ = [
    "SandboxTool",
    "SandboxTools",
    "Tool",
    "ToolCallTally",
    "ToolFunction",
    "ToolResult",
    "ToolUsage",
    "Tools",
]
