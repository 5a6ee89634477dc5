"""`AgentRunConverter` for the OpenAI Agents SDK: the events of `Runner.run_streamed(...).stream_events()` as what an
`agentrun.server` handler yields:

    converter = AgentRunConverter()
    async for event in Runner.run_streamed(agent, question).stream_events():
        for item in converter.convert(event):
            yield item

Raw response events give the text (`response.output_text.delta`, as `str`), reasoning, and the model's function calls
as TOOL_CALL_CHUNK events under their `call_id` (argument deltas name their output item, mapped back); the run's
`tool_output` items give TOOL_RESULT under the same id. Reads the documented event shapes
(https://openai.github.io/openai-agents-python/streaming/); the SDK itself is not imported here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from agentrun.integration._events import answer_delta
from agentrun.server.model import AgentEvent, EventType

_REASONING_DELTAS = ("response.reasoning_text.delta", "response.reasoning_summary_text.delta")


def _field(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)


class AgentRunConverter:
    """Converts one run's events; make one per request (it pairs argument deltas with their call)."""

    def __init__(self) -> None:
        self._calls: dict[str, str] = {}  # output item id -> call_id
        self._started: set[str] = set()

    def convert(self, event: Any) -> Iterator[str | AgentEvent]:
        kind = getattr(event, "type", None)
        if kind == "raw_response_event":
            yield from self._raw(event.data)
        elif kind == "run_item_stream_event":
            yield from self._item(event.name, event.item)

    def _raw(self, data: Any) -> Iterator[str | AgentEvent]:
        kind = getattr(data, "type", None)
        if (kind == "response.output_text.delta" or kind in _REASONING_DELTAS) and data.delta:
            yield answer_delta(data.delta, thinking=kind in _REASONING_DELTAS)
        elif kind == "response.output_item.added" and _field(data.item, "type") == "function_call":
            item = data.item
            call_id = str(_field(item, "call_id"))
            self._calls[str(_field(item, "id") or call_id)] = call_id
            self._started.add(call_id)
            data_out = {"id": call_id, "name": str(_field(item, "name")), "args_delta": _field(item, "arguments") or ""}
            yield AgentEvent(EventType.TOOL_CALL_CHUNK, data_out)
        elif kind == "response.function_call_arguments.delta" and data.delta:
            owner = self._calls.get(str(data.item_id))
            if owner is not None:
                yield AgentEvent(EventType.TOOL_CALL_CHUNK, {"id": owner, "args_delta": str(data.delta)})

    def _item(self, name: str, item: Any) -> Iterator[AgentEvent]:
        raw = getattr(item, "raw_item", None)
        call_id = str(_field(raw, "call_id") or "")
        if name == "tool_called" and call_id and call_id not in self._started:  # not streamed: send it whole
            self._started.add(call_id)
            arguments = _field(raw, "arguments") or ""
            yield AgentEvent(EventType.TOOL_CALL_CHUNK, {"id": call_id, "name": str(_field(raw, "name")),
                                                          "args_delta": arguments})  # fmt: skip
        elif name == "tool_output" and call_id:
            output = getattr(item, "output", None)
            if output is None:
                output = _field(raw, "output")
            yield AgentEvent(EventType.TOOL_RESULT, {"id": call_id, "result": output if isinstance(output, str)
                                                     else str(output)})  # fmt: skip
