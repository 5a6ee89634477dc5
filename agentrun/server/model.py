"""What an agent handler receives and yields: `AgentRequest` in, `AgentEvent`s (or text) out. The names and the event
data keys are those of the official SDK's `agentrun.server` (agentrun-sdk 0.0.54), so a handler written for it runs
here with an import change."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from starlette.requests import Request


class EventType(StrEnum):
    """Protocol-neutral events; the server turns each into OpenAI chunks and AG-UI events (and adds the boundary
    events itself: message start/end, run start/finish)."""

    TEXT = "TEXT"  # {delta}
    REASONING = "REASONING"  # {delta}
    TOOL_CALL = "TOOL_CALL"  # {id, name, args}: a whole call
    TOOL_CALL_CHUNK = "TOOL_CALL_CHUNK"  # {id, name?, args_delta}: a call streamed in pieces
    TOOL_RESULT = "TOOL_RESULT"  # {id, result}
    TOOL_RESULT_CHUNK = "TOOL_RESULT_CHUNK"  # {id, delta}: kept until the matching TOOL_RESULT, sent before it
    ERROR = "ERROR"  # {message, code?}: ends the answer
    STATE = "STATE"  # {snapshot} or {delta} (a JSON Patch)
    CUSTOM = "CUSTOM"  # {name, value}
    RAW = "RAW"  # {raw}: written to the response stream as is


class MessageRole(StrEnum):
    SYSTEM = "system"
    USER = "user"
    ASSISTANT = "assistant"
    TOOL = "tool"
    DEVELOPER = "developer"


@dataclass
class ToolCall:
    id: str
    function: dict[str, Any]
    type: str = "function"


@dataclass
class Message:
    """One message of the conversation, whichever protocol brought it."""

    role: str
    content: str | list[dict[str, Any]] | None = None
    id: str | None = None
    reasoning_content: str | None = None
    name: str | None = None
    tool_calls: list[ToolCall] | None = None
    tool_call_id: str | None = None


@dataclass
class Tool:
    function: dict[str, Any]
    type: str = "function"


@dataclass
class AgentEvent:
    """One event of an answer, e.g. `AgentEvent(event=EventType.TEXT, data={"delta": "Hello"})`. `addition` is merged
    over the protocol's own payload (the OpenAI chunk or the AG-UI event) when it is sent."""

    event: EventType
    data: dict[str, Any] = field(default_factory=dict)
    addition: dict[str, Any] | None = None


AgentResult = AgentEvent  # the official SDK's older name


@dataclass
class AgentRequest:
    """What the handler is asked: the messages (and tools) of an OpenAI or AG-UI request. `body` is the request's JSON
    as sent; `raw_request` the Starlette request (headers such as `x-agentrun-session-id`)."""

    protocol: str = "unknown"  # "openai" or "agui"
    messages: list[Message] = field(default_factory=list)
    stream: bool = False
    tools: list[Tool] | None = None
    body: dict[str, Any] = field(default_factory=dict)
    raw_request: Request | None = None

    @property
    def session_id(self) -> str | None:
        """The `x-agentrun-session-id` the caller sent (AgentRun keeps such requests on one instance)."""
        return None if self.raw_request is None else self.raw_request.headers.get("x-agentrun-session-id")


AgentEventItem: TypeAlias = "str | AgentEvent"
AgentReturnType: TypeAlias = (
    "str | AgentEvent | list[AgentEvent] | Mapping[str, Any] | Iterator[Any] | AsyncIterator[Any] | None"
)
InvokeAgentHandler: TypeAlias = Callable[[AgentRequest], "AgentReturnType | Awaitable[AgentReturnType]"]


def _tool_call(value: Any) -> ToolCall:
    function = value.get("function") if isinstance(value, Mapping) else None
    if not isinstance(value, Mapping) or not isinstance(function, Mapping):
        raise ValueError("a tool call needs an object 'function' with 'name' and 'arguments'")
    return ToolCall(id=str(value.get("id") or ""), function=dict(function), type=str(value.get("type") or "function"))


def message_of(value: Any, *, camel: bool) -> Message:
    """A wire message (OpenAI snake_case, or AG-UI camelCase when `camel`) as a Message (ValueError: what is wrong)."""
    if not isinstance(value, Mapping) or not isinstance(value.get("role"), str):
        raise ValueError("each message must be an object with a 'role'")
    content = value.get("content")
    if content is not None and not isinstance(content, str | list):
        raise ValueError("a message's 'content' must be text or a list of parts")
    calls = value.get("toolCalls" if camel else "tool_calls")
    call_id = value.get("toolCallId" if camel else "tool_call_id")
    return Message(
        role=value["role"],
        content=content,
        id=None if value.get("id") is None else str(value["id"]),
        reasoning_content=value.get("reasoning_content"),
        name=value.get("name"),
        tool_calls=[_tool_call(call) for call in calls] if isinstance(calls, list) else None,
        tool_call_id=None if call_id is None else str(call_id),
    )


def tools_of(value: Any) -> list[Tool] | None:
    """OpenAI tools ({type, function}) or AG-UI tools ({name, description, parameters}) as Tools."""
    if not isinstance(value, list):
        return None
    tools = []
    for tool in value:
        if isinstance(tool, Mapping) and isinstance(tool.get("function"), Mapping):
            tools.append(Tool(function=dict(tool["function"]), type=str(tool.get("type") or "function")))
        elif isinstance(tool, Mapping) and "name" in tool:
            tools.append(Tool(function={k: tool[k] for k in ("name", "description", "parameters") if k in tool}))
    return tools
