"""Agent runtimes: hosted agent code or containers, their endpoints and published versions."""

from agentrun.agent_runtime.agent_runtime import AgentRuntime, AgentRuntimeEndpoint, AgentRuntimes

__all__ = ["AgentRuntime", "AgentRuntimeEndpoint", "AgentRuntimes"]
