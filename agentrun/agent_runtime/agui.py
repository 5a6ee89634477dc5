"""Invoking a deployed agent over AG-UI: `<data>/agent-runtimes/{name}/endpoints/{endpoint}/invocations/ag-ui/agent`
(openapi/data.yaml, InvokeAgentRuntimeAgUi), which the runtime's instance serves (`agentrun.server`, or the official
SDK's). The answer is a stream of typed AG-UI events, the models of the `ag-ui-protocol` package (`ag_ui.core`:
`RunStartedEvent`, `TextMessageContentEvent`, ...; https://docs.ag-ui.com/concepts/events).

Messages are given as for `invoke` (OpenAI style: role, content, tool_calls, tool_call_id) and sent as AG-UI
messages (camelCase, each with an id). A run ends with RUN_FINISHED or RUN_ERROR (yielded as an event: it is the
agent's answer, not a transport failure; AgentRun Local also sends one, code INSTANCE_EXITED, when the instance dies
mid-run), and the stream is closed there; a stream that stops before either (or breaks) raises StreamError."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from agentrun_data_api.api.agent_runtimes import invoke_agent_runtime_ag_ui
from agentrun_data_api.types import OperationRequest
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun._core.aio import shielded
from agentrun._core.closing import Closeable
from agentrun._core.http import HttpCore
from agentrun._core.sse import AsyncEventStream
from agentrun.agent_runtime.invocation import Invocation, headers, target
from agentrun.model.gateway import model_events
from agentrun.model.messages import Message, wire_messages, wire_tools

if TYPE_CHECKING:
    from ag_ui.core import BaseEvent

_TERMINAL = frozenset({"RUN_FINISHED", "RUN_ERROR"})


def _event_adapter() -> Any:
    try:
        from ag_ui.core import Event
        from pydantic import TypeAdapter
    except ImportError as exc:
        raise errors.MissingDependencyError(
            f"AG-UI invocation needs the ag-ui-protocol package ({exc.name} is missing): pip install 'agentrun[agui]'"
        ) from exc
    return TypeAdapter(Event)


def _agui_message(message: Any) -> dict[str, Any]:
    """An OpenAI-style message (already checked by wire_messages) as an AG-UI message."""
    wire: dict[str, Any] = {"id": str(message.get("id") or uuid.uuid4()), "role": message["role"]}
    if message.get("content") is not None:
        wire["content"] = message["content"]
    if message.get("tool_calls"):
        wire["toolCalls"] = [dict(call) for call in message["tool_calls"]]
    if message.get("tool_call_id"):
        wire["toolCallId"] = message["tool_call_id"]
    return wire


def _agui_tool(tool: Any) -> dict[str, Any]:
    function = tool.get("function") if isinstance(tool.get("function"), Mapping) else tool
    # AG-UI's Tool requires all three (ag_ui.core.Tool); OpenAI's makes description and parameters optional.
    return {
        "name": function.get("name"),
        "description": function.get("description") or "",
        "parameters": function.get("parameters") or {"type": "object", "properties": {}},
    }


class AgUiParams(Invocation, total=False):
    """The keyword arguments of `invoke_agui`: those of every invocation, and the AG-UI run's own (`thread_id` and
    `run_id` are made up when left out)."""

    thread_id: str | None
    run_id: str | None
    state: Any
    context: Sequence[Mapping[str, Any]] | None
    forwarded_props: Any


def _request(name: str, messages: Sequence[Message], given: AgUiParams) -> OperationRequest:
    runtime, endpoint = target(name, given)
    tools, state, props = given.get("tools"), given.get("state"), given.get("forwarded_props")
    body: dict[str, Any] = {
        "threadId": given.get("thread_id") or str(uuid.uuid4()),
        "runId": given.get("run_id") or str(uuid.uuid4()),
        "messages": [_agui_message(message) for message in wire_messages(messages)],
        "tools": [_agui_tool(tool) for tool in wire_tools(tools)] if tools else [],
        "context": [dict(item) for item in given.get("context") or ()],
        "state": state if state is not None else {},
        "forwardedProps": props if props is not None else {},
    }
    return invoke_agent_runtime_ag_ui.request(runtime, endpoint, body=body)


class AgUiStream(Closeable):
    """The AG-UI events of one run, typed (`ag_ui.core` models), as the agent sends them. Iterate it once; the
    connection opens on first use and closes when the run ends or the loop is left, which also cancels the run on
    the agent's side. `async with` closes it on every path."""

    def __init__(self, events: AsyncEventStream[BaseEvent]) -> None:
        self._events = events
        self.finished = False
        """True once RUN_FINISHED or RUN_ERROR arrived."""

    async def __aiter__(self) -> AsyncIterator[BaseEvent]:
        count = 0
        try:
            while True:
                try:
                    event = await self._events.__anext__()
                except StopAsyncIteration:
                    break
                except errors.APIConnectionError as exc:
                    if not count:
                        raise  # nothing arrived yet: the timeout or connection error as such
                    raise errors.StreamError(f"the connection broke after {count} AG-UI event(s): {exc}") from exc
                count += 1
                yield event
                if event.type.value in _TERMINAL:  # nothing follows it (a cut-off after it is not a failure)
                    self.finished = True
                    break
            if not self.finished:
                raise errors.StreamError(
                    f"the AG-UI stream ended after {count} event(s) without RUN_FINISHED or RUN_ERROR: the agent's "
                    "instance stopped mid-run, the answer is incomplete"
                )
        finally:
            await shielded(self._events.aclose)

    async def aclose(self) -> None:
        await shielded(self._events.aclose)


def invoke_agui(core: HttpCore, name: str, messages: Sequence[Message], **given: Unpack[AgUiParams]) -> AgUiStream:
    """The run's AG-UI events; the request goes out on first iteration."""
    adapter = _event_adapter()
    prepared = _request(name, messages, given)

    def decode(event: ServerSentEvent) -> BaseEvent:
        try:
            decoded: BaseEvent = adapter.validate_json(event.data)
        except ValueError as exc:
            raise errors.StreamError(
                f"the agent sent an event that is not AG-UI: {event.data[:200]!r} ({exc})"
            ) from exc
        return decoded

    events = model_events(core, prepared, given.get("options"), headers(given, stream=True), decode)
    return AgUiStream(events)
