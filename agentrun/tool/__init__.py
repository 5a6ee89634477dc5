"""Tools: MCP servers, OpenAPI-described HTTP tools and skill packages registered with AgentRun, and the functions
of OpenAPI tools as one framework-neutral `ToolFunction` interface."""

from typing import TYPE_CHECKING

from agentrun._core.lazy import lazy_exports

if TYPE_CHECKING:
    from agentrun.tool.functions import ToolFunction, ToolResult
    from agentrun.tool.sandbox_tools import SandboxTool, SandboxTools
    from agentrun.tool.tool import Tool, Tools
    from agentrun.tool.usage import ToolCallTally, ToolUsage

# Names are imported on first use: the tools manager does not need the sandbox tool set's modules.
_EXPORTS = {
    "SandboxTool": "sandbox_tools",
    "SandboxTools": "sandbox_tools",
    "Tool": "tool",
    "ToolCallTally": "usage",
    "ToolFunction": "functions",
    "ToolResult": "functions",
    "ToolUsage": "usage",
    "Tools": "tool",
}

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


__getattr__ = lazy_exports(__name__, _EXPORTS)
