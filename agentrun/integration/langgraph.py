"""AgentRun for LangGraph (`pip install 'agentrun[langgraph]'`): LangGraph agents use LangChain's chat models and
tools, so `model`, `toolset`, `tool_resource` and `sandbox_toolset` are those of `agentrun.integration.langchain`
(`ChatOpenAI`, lists of `StructuredTool`), as in agentrun-sdk's `agentrun.integration.langgraph`. `AgentRunConverter`
turns `astream_events(..., version="v2")` into what an `agentrun.server` handler yields (it needs the `server`
extra, so it is imported on first use)."""

from typing import TYPE_CHECKING, Any

from agentrun.integration.langchain import (
    TOOL_OUTPUT_EVENT,
    model,
    sandbox_toolset,
    to_langchain_tool,
    tool_resource,
    toolset,
)

if TYPE_CHECKING:
    from agentrun.integration.langgraph_converter import AgentRunConverter


def __getattr__(name: str) -> Any:
    if name == "AgentRunConverter":
        from agentrun.integration.langgraph_converter import AgentRunConverter

        return AgentRunConverter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "TOOL_OUTPUT_EVENT",
    "AgentRunConverter",
    "model",
    "sandbox_toolset",
    "to_langchain_tool",
    "tool_resource",
    "toolset",
]
