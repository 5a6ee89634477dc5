"""Tools: MCP servers, OpenAPI-described HTTP tools and skill packages registered with AgentRun, and the functions
of OpenAPI tools as one framework-neutral `ToolFunction` interface."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
