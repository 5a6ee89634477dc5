"""Agent runtimes: hosted agent code or containers, their endpoints and published versions."""

from typing import TYPE_CHECKING, Any

from agentrun.agent_runtime.agent_runtime import AgentRuntime, AgentRuntimeEndpoint, AgentRuntimes

if TYPE_CHECKING:
    from agentrun.agent_runtime.agui import AgUiStream

__all__ = ["AgUiStream", "AgentRuntime", "AgentRuntimeEndpoint", "AgentRuntimes"]


def __getattr__(name: str) -> Any:
    if name == "AgUiStream":  # on first use: the AG-UI stream's module pulls in the model gateway's
        from agentrun.agent_runtime.agui import AgUiStream

        return AgUiStream
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
