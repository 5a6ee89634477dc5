"""Agent runtimes: hosted agent code or containers, their endpoints and published versions."""

from agentrun.agent_runtime.agent_runtime import AgentRuntime, AgentRuntimeEndpoint, AgentRuntimes
from agentrun.agent_runtime.agui import AgUiStream

__all__ = ["AgUiStream", "AgentRuntime", "AgentRuntimeEndpoint", "AgentRuntimes"]
