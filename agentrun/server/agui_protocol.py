"""The AG-UI side: `POST {prefix}` takes a `RunAgentInput` (camelCase JSON) and answers with AG-UI events over SSE,
encoded by the `ag-ui-protocol` package (https://docs.ag-ui.com/concepts/events).

The run is framed as the official SDK frames it: RUN_STARTED first, then the handler's events with their boundary
events added (TEXT_MESSAGE_START before the first TEXT, ..._END when something else comes; the same for reasoning
and tool calls), then RUN_FINISHED. An ERROR (or a bad request, code REQUEST_ERROR) is a RUN_ERROR, after which
nothing is sent."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from contextlib import aclosing
from typing import Any

from ag_ui.core import (
    BaseEvent,
    CustomEvent,
    RawEvent,
    ReasoningEndEvent,
    ReasoningMessageContentEvent,
    ReasoningMessageEndEvent,
    ReasoningMessageStartEvent,
    ReasoningStartEvent,
    RunAgentInput,
    RunErrorEvent,
    RunFinishedEvent,
    RunStartedEvent,
    StateDeltaEvent,
    StateSnapshotEvent,
    TextMessageContentEvent,
    TextMessageEndEvent,
    TextMessageStartEvent,
    ToolCallArgsEvent,
    ToolCallEndEvent,
    ToolCallResultEvent,
    ToolCallStartEvent,
)
from ag_ui.encoder import EventEncoder
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from agentrun.server.invoker import agent_events
from agentrun.server.model import AgentEvent, AgentRequest, EventType, InvokeAgentHandler, message_of, tools_of

_SSE_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


def _new_id() -> str:
    return str(uuid.uuid4())


class _Run:
    """The open text message, reasoning message and tool calls of one run, so boundary events come in order."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.reasoning: tuple[str, str] | None = (
            None  # the reasoning's id, and its message's (two ids, as the official)
        )
        self.open_calls: list[str] = []
        self.result_chunks: dict[str, list[str]] = {}

    def close_text(self) -> Iterator[BaseEvent]:
        if self.text is not None:
            yield TextMessageEndEvent(message_id=self.text)
            self.text = None

    def close_reasoning(self) -> Iterator[BaseEvent]:
        if self.reasoning is not None:
            reasoning, message = self.reasoning
            yield ReasoningMessageEndEvent(message_id=message)
            yield ReasoningEndEvent(message_id=reasoning)
            self.reasoning = None

    def close_calls(self, only: str | None = None) -> Iterator[BaseEvent]:
        for call_id in [c for c in self.open_calls if only is None or c == only]:
            self.open_calls.remove(call_id)
            yield ToolCallEndEvent(tool_call_id=call_id)

    def close_all(self) -> Iterator[BaseEvent]:
        yield from self.close_text()
        yield from self.close_reasoning()
        yield from self.close_calls()

    def events(self, event: AgentEvent) -> Iterator[BaseEvent]:
        data = event.data
        kind = event.event
        if kind is EventType.TEXT:
            yield from self.close_reasoning()
            yield from self.close_calls()
            if self.text is None:
                self.text = _new_id()
                yield TextMessageStartEvent(message_id=self.text, role="assistant")
            yield TextMessageContentEvent(message_id=self.text, delta=str(data.get("delta") or ""))
        elif kind is EventType.REASONING:
            yield from self.close_text()
            yield from self.close_calls()
            if self.reasoning is None:
                self.reasoning = (_new_id(), _new_id())
                yield ReasoningStartEvent(message_id=self.reasoning[0])
                yield ReasoningMessageStartEvent(message_id=self.reasoning[1], role="reasoning")
            yield ReasoningMessageContentEvent(message_id=self.reasoning[1], delta=str(data.get("delta") or ""))
        elif kind in (EventType.TOOL_CALL, EventType.TOOL_CALL_CHUNK):
            yield from self.close_text()
            yield from self.close_reasoning()
            call_id = str(data.get("id") or _new_id())
            if call_id not in self.open_calls:
                self.open_calls.append(call_id)
                yield ToolCallStartEvent(tool_call_id=call_id, tool_call_name=str(data.get("name") or ""))
            arguments = data.get("args" if kind is EventType.TOOL_CALL else "args_delta") or ""
            if not isinstance(arguments, str):
                arguments = json.dumps(arguments)
            if arguments:
                yield ToolCallArgsEvent(tool_call_id=call_id, delta=arguments)
            if kind is EventType.TOOL_CALL:
                yield from self.close_calls(call_id)
        elif kind is EventType.TOOL_RESULT_CHUNK:
            self.result_chunks.setdefault(str(data.get("id") or ""), []).append(str(data.get("delta") or ""))
        elif kind is EventType.TOOL_RESULT:
            call_id = str(data.get("id") or "")
            yield from self.close_text()
            yield from self.close_calls(call_id)
            result = data.get("result", "")
            content = "".join(self.result_chunks.pop(call_id, [])) + (
                result if isinstance(result, str) else json.dumps(result)
            )
            yield ToolCallResultEvent(
                message_id=f"tool-result-{call_id}", tool_call_id=call_id, content=content, role="tool"
            )
        elif kind is EventType.STATE:
            if "snapshot" in data:
                yield StateSnapshotEvent(snapshot=data["snapshot"])
            elif "delta" in data:
                yield StateDeltaEvent(delta=data["delta"])
        elif kind is EventType.CUSTOM:
            yield CustomEvent(name=str(data.get("name") or ""), value=data.get("value"))


def _with_addition(event: BaseEvent, agent_event: AgentEvent) -> BaseEvent:
    if not agent_event.addition:
        return event
    return type(event).model_validate({**event.model_dump(by_alias=True), **agent_event.addition})


def _request_of(body: Any, request: Request) -> tuple[RunAgentInput, AgentRequest]:
    run_input = RunAgentInput.model_validate(body)
    raw_messages = body.get("messages") or []
    agent_request = AgentRequest(
        protocol="agui", messages=[message_of(message, camel=True) for message in raw_messages], stream=True,
        tools=tools_of(body.get("tools")), body=body, raw_request=request,
    )  # fmt: skip
    return run_input, agent_request


async def _run(handler: InvokeAgentHandler, body: Any, request: Request, encoder: EventEncoder) -> AsyncIterator[str]:
    thread_id = str(body.get("threadId") or _new_id()) if isinstance(body, dict) else _new_id()
    run_id = str(body.get("runId") or _new_id()) if isinstance(body, dict) else _new_id()
    yield encoder.encode(RunStartedEvent(thread_id=thread_id, run_id=run_id))
    try:
        if not isinstance(body, dict):
            raise ValueError("the body must be a JSON object (an AG-UI RunAgentInput)")
        _, agent_request = _request_of(body, request)
    except (ValueError, ValidationError) as exc:
        yield encoder.encode(RunErrorEvent(message=f"bad RunAgentInput: {exc}", code="REQUEST_ERROR"))
        return
    run = _Run()
    events: AsyncGenerator[AgentEvent, None] = agent_events(handler, agent_request)
    async with aclosing(events):
        async for agent_event in events:
            if agent_event.event is EventType.ERROR:
                code = agent_event.data.get("code")
                message = str(agent_event.data.get("message") or "the agent failed")
                yield encoder.encode(RunErrorEvent(message=message, code=None if code is None else str(code)))
                return
            if agent_event.event is EventType.RAW:
                raw = agent_event.data.get("raw", "")
                yield raw if isinstance(raw, str) else encoder.encode(RawEvent(event=raw))
                continue
            for event in run.events(agent_event):
                yield encoder.encode(_with_addition(event, agent_event))
    for event in run.close_all():
        yield encoder.encode(event)
    yield encoder.encode(RunFinishedEvent(thread_id=thread_id, run_id=run_id))


async def run_agent(handler: InvokeAgentHandler, request: Request) -> Response:
    """Answer one `POST {prefix}` (a RunAgentInput) with the run's events."""
    try:
        body: Any = json.loads(await request.body())
    except ValueError:
        body = None
    encoder = EventEncoder(accept=request.headers.get("accept") or "text/event-stream")
    stream = _run(handler, body, request, encoder)
    return StreamingResponse(stream, media_type=encoder.get_content_type(), headers=_SSE_HEADERS)
