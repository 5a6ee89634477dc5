"""AgentRun for LangGraph (`pip install 'agentrun[langgraph]'`): LangGraph agents use LangChain's chat models and
tools, so `model`, `toolset`, `tool_resource` and `sandbox_toolset` are those of `agentrun.integration.langchain`
(`ChatOpenAI`, lists of `StructuredTool`), as in agentrun-sdk's `agentrun.integration.langgraph`."""

from agentrun.integration.langchain import model, sandbox_toolset, to_langchain_tool, tool_resource, toolset

__all__ = ["model", "sandbox_toolset", "to_langchain_tool", "tool_resource", "toolset"]
