"""`AgentRunConverter` for PydanticAI: the events of `agent.run_stream_events(...)` (or of `agent.iter()` nodes'
streams) as what an `agentrun.server` handler yields:

    converter = AgentRunConverter()
    async with agent.run_stream_events(question) as events:
        async for event in events:
            for item in converter.convert(event):
                yield item

Text deltas come out as `str`, thinking as REASONING, a tool call as TOOL_CALL_CHUNK events under its
`tool_call_id` (pieces name their part by index only), its return (or the retry prompt a failed call gives the
model) as TOOL_RESULT under the same id, custom events (`RunContext.emit`: a sandbox tool's output while it
runs) as CUSTOM. Reads the events' documented fields (`event_kind`, `part_kind`,
`part_delta_kind`: https://ai.pydantic.dev/api/messages/); PydanticAI itself is not imported here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from agentrun.integration._events import answer_delta
from agentrun.server.model import AgentEvent, EventType


def _arguments(args: Any) -> str:
    if args is None:
        return ""
    return args if isinstance(args, str) else json.dumps(args, ensure_ascii=False, default=str)


def _result_text(part: Any) -> str:
    text = getattr(part, "model_response_str", None) or getattr(part, "model_response", None)
    if callable(text):
        return str(text())
    content = getattr(part, "content", "")
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False, default=str)


class AgentRunConverter:
    """Converts one run's events; make one per request (it remembers which part index is which tool call)."""

    def __init__(self) -> None:
        self._calls: dict[int, str] = {}  # part index -> tool_call_id, within the current model response
        self._started: set[str] = set()

    def convert(self, event: Any) -> Iterator[str | AgentEvent]:
        kind = getattr(event, "event_kind", None)
        if kind == "part_start":
            yield from self._part(event.index, event.part)
        elif kind == "part_delta":
            yield from self._delta(event.index, event.delta)
        elif kind == "function_tool_call":
            part = event.part
            if part.tool_call_id not in self._started:  # not streamed by the model: send it whole
                yield from self._part(None, part)
        elif kind == "custom":  # a tool's emitted event (a sandbox tool's output while it runs): AG-UI CUSTOM
            value = {key: item for key, item in vars(event).items() if key not in ("event_kind", "name")}
            yield AgentEvent(EventType.CUSTOM, {"name": str(event.name), "value": value})
        elif kind == "function_tool_result":
            part = getattr(event, "part", None) or getattr(event, "result", None)
            call_id = str(getattr(part, "tool_call_id", "") or "")
            yield AgentEvent(EventType.TOOL_RESULT, {"id": call_id, "result": _result_text(part)})

    def _part(self, index: int | None, part: Any) -> Iterator[str | AgentEvent]:
        kind = getattr(part, "part_kind", None)
        if kind in ("text", "thinking") and part.content:
            yield answer_delta(part.content, thinking=kind == "thinking")
        elif kind == "tool-call":
            call_id = str(part.tool_call_id)
            if index is not None:
                self._calls[index] = call_id
            self._started.add(call_id)
            data = {"id": call_id, "name": str(part.tool_name), "args_delta": _arguments(part.args)}
            yield AgentEvent(EventType.TOOL_CALL_CHUNK, data)

    def _delta(self, index: int, delta: Any) -> Iterator[str | AgentEvent]:
        kind = getattr(delta, "part_delta_kind", None)
        if kind in ("text", "thinking") and getattr(delta, "content_delta", None):
            yield answer_delta(delta.content_delta, thinking=kind == "thinking")
        elif kind == "tool_call":
            call_id = self._calls.get(index) or delta.tool_call_id
            arguments = _arguments(delta.args_delta)
            if call_id and arguments:
                yield AgentEvent(EventType.TOOL_CALL_CHUNK, {"id": str(call_id), "args_delta": arguments})
