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
from typing import TYPE_CHECKING, Any

from agentrun_data_api.api.agent_runtimes import invoke_agent_runtime_ag_ui
from agentrun_data_api.types import OperationRequest
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun._config import Timeouts
from agentrun._core.aio import shielded
from agentrun._core.closing import Closeable
from agentrun._core.http import CallOptions, HttpCore
from agentrun._core.sse import AsyncEventStream
from agentrun.model.gateway import model_call_timeouts, with_timeouts
from agentrun.model.messages import Message, require_text, wire_messages, wire_tools

if TYPE_CHECKING:
    from ag_ui.core import BaseEvent

SESSION_HEADER = "x-agentrun-session-id"
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


def _request(
    name: str,
    endpoint: str,
    messages: Sequence[Message],
    *,
    thread_id: str | None,
    run_id: str | None,
    tools: Sequence[Mapping[str, Any]] | None,
    state: Any,
    context: Sequence[Mapping[str, Any]] | None,
    forwarded_props: Any,
) -> OperationRequest:
    runtime = require_text(name, "name", "the name of the agent runtime to invoke")
    endpoint = require_text(endpoint, "endpoint", "the endpoint's name ('Default' serves the latest code)")
    body: dict[str, Any] = {
        "threadId": thread_id or str(uuid.uuid4()),
        "runId": run_id or str(uuid.uuid4()),
        "messages": [_agui_message(message) for message in wire_messages(messages)],
        "tools": [_agui_tool(tool) for tool in wire_tools(tools)] if tools else [],
        "context": [dict(item) for item in context or ()],
        "state": state if state is not None else {},
        "forwardedProps": forwarded_props if forwarded_props is not None else {},
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


def invoke_agui(
    core: HttpCore,
    name: str,
    messages: Sequence[Message],
    *,
    endpoint: str,
    session_id: str | None,
    thread_id: str | None,
    run_id: str | None,
    tools: Sequence[Mapping[str, Any]] | None,
    state: Any,
    context: Sequence[Mapping[str, Any]] | None,
    forwarded_props: Any,
    options: CallOptions | None,
) -> AgUiStream:
    """The run's AG-UI events; the request goes out on first iteration."""
    adapter = _event_adapter()
    prepared = _request(
        name, endpoint, messages, thread_id=thread_id, run_id=run_id, tools=tools, state=state, context=context,
        forwarded_props=forwarded_props,
    )  # fmt: skip
    headers = {"accept": "text/event-stream"}
    if session_id is not None:
        headers[SESSION_HEADER] = require_text(session_id, "session_id", "any text naming the conversation")
    timeouts = model_call_timeouts(core.config.timeout)
    call_options = with_timeouts(options, timeouts)

    def decode(event: ServerSentEvent) -> BaseEvent:
        try:
            decoded: BaseEvent = adapter.validate_json(event.data)
        except ValueError as exc:
            raise errors.StreamError(
                f"the agent sent an event that is not AG-UI: {event.data[:200]!r} ({exc})"
            ) from exc
        return decoded

    events: AsyncEventStream[BaseEvent] = AsyncEventStream(
        lambda: core.stream_call(prepared, headers=headers, options=call_options),
        decode,
        timeouts=call_options.timeout if isinstance(call_options.timeout, Timeouts) else timeouts,
    )
    return AgUiStream(events)
