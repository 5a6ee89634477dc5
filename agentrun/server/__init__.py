"""The agent author's side of AgentRun: wrap an agent function in `AgentRunServer` and it speaks what AgentRun's
invocations send, OpenAI Chat Completions and AG-UI. Needs the `server` extra (`pip install 'agentrun[server]'`).

    from agentrun.server import AgentRequest, AgentRunServer

    async def invoke_agent(request: AgentRequest):
        yield "you said: " + str(request.messages[-1].content)

    AgentRunServer(invoke_agent).start()  # on $PORT, as AgentRun runs it

Names follow the official SDK's `agentrun.server`, so code written for it moves over with an import change.
"""

from __future__ import annotations

from agentrun.server import _extra  # noqa: F401  (first: says which extra is missing)
from agentrun.server.model import (
    AgentEvent,
    AgentEventItem,
    AgentRequest,
    AgentResult,
    AgentReturnType,
    EventType,
    InvokeAgentHandler,
    Message,
    MessageRole,
    Tool,
    ToolCall,
)
from agentrun.server.server import (
    AgentRunServer,
    AGUIProtocolConfig,
    OpenAIProtocolConfig,
    ServerConfig,
    port_from_environment,
)

__all__ = [
    "AGUIProtocolConfig",
    "AgentEvent",
    "AgentEventItem",
    "AgentRequest",
    "AgentResult",
    "AgentReturnType",
    "AgentRunServer",
    "EventType",
    "InvokeAgentHandler",
    "Message",
    "MessageRole",
    "OpenAIProtocolConfig",
    "ServerConfig",
    "Tool",
    "ToolCall",
    "port_from_environment",
]
