"""`AgentRunConverter` for CrewAI: the chunks of a streaming crew (`Crew(..., stream=True)`) as what an
`agentrun.server` handler yields:

    converter = AgentRunConverter(crew)
    with converter.listen():  # tool results come from CrewAI's event bus, not from the stream
        async for chunk in await crew.kickoff_async():
            for item in converter.convert(chunk):
                yield item
        for item in converter.flush():
            yield item

Text chunks come out as `str`, tool-call chunks as TOOL_CALL_CHUNK under the model's call id (pieces that name only
their index mapped back; CrewAI's chunks hold the arguments so far, sent as what is new). CrewAI's stream carries no
tool results (`StreamChunkType` is TEXT or TOOL_CALL: https://docs.crewai.com/en/learn/streaming-crew-execution), so
`listen()` subscribes to the `ToolUsageFinishedEvent` / `ToolUsageErrorEvent` of this crew's agents on
`crewai_event_bus` and the next `convert()` (or `flush()`) yields them as TOOL_RESULT, paired with the oldest open
call of that tool's name, as those events carry no call id (the bus runs those handlers on a thread pool: a result
arriving after the next model chunk comes out after it).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from agentrun.integration import _common
from agentrun.server.model import AgentEvent, EventType


def _same_tool(a: str, b: str) -> bool:
    # the stream names tools as the model saw them (CrewAI sanitizes them to snake_case), the bus by the tool's name
    return re.sub(r"[^a-z0-9]", "", a.lower()) == re.sub(r"[^a-z0-9]", "", b.lower())


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


class AgentRunConverter:
    """Converts one kickoff's chunks; make one per request, for the crew it runs (its agents' tool events only)."""

    def __init__(self, crew: Any = None) -> None:
        self._agents = {str(agent.id) for agent in getattr(crew, "agents", None) or []}
        self._by_index: dict[int, str] = {}  # tool-call index -> call id, within the current model response
        self._arguments: dict[str, str] = {}  # call id -> the arguments seen so far
        self._open: list[tuple[str, str]] = []  # (call id, tool name) awaiting a result, oldest first
        self._results: list[tuple[str, str]] = []  # (tool name, output) from the event bus, not yet yielded
        self._lock = threading.Lock()  # the bus runs handlers on its own threads

    @contextmanager
    def listen(self) -> Iterator[AgentRunConverter]:
        events = _common.require_framework("crewai.events", "crewai")
        bus = events.crewai_event_bus

        def finished(_source: Any, event: Any) -> None:
            self._collect(event, _text(event.output))

        def failed(_source: Any, event: Any) -> None:
            self._collect(event, f"Error: {event.error}")

        bus.on(events.ToolUsageFinishedEvent)(finished)
        bus.on(events.ToolUsageErrorEvent)(failed)
        try:
            yield self
        finally:
            bus.off(events.ToolUsageFinishedEvent, finished)
            bus.off(events.ToolUsageErrorEvent, failed)

    def _collect(self, event: Any, output: str) -> None:
        if self._agents and str(getattr(event, "agent_id", "")) not in self._agents:
            return  # another crew's tool
        with self._lock:
            self._results.append((str(event.tool_name), output))

    def convert(self, chunk: Any) -> Iterator[str | AgentEvent]:
        yield from self.flush()
        kind = getattr(chunk, "chunk_type", None)
        call = getattr(chunk, "tool_call", None)
        if str(getattr(kind, "value", kind)) == "tool_call" and call is not None:
            call_id = str(call.tool_id) if call.tool_id else self._by_index.get(call.index)
            if call_id is None:
                return
            # CrewAI's chunks carry the arguments so far (its OpenAI provider accumulates them): send what is new
            arguments, before = call.arguments or "", self._arguments.get(call_id, "")
            self._arguments[call_id] = arguments if arguments.startswith(before) else before + arguments
            data = {"id": call_id, "args_delta": arguments.removeprefix(before)}
            if call_id not in {open_id for open_id, _ in self._open}:
                self._by_index[call.index] = call_id
                self._open.append((call_id, str(call.tool_name or "")))
                data["name"] = str(call.tool_name or "")
            yield AgentEvent(EventType.TOOL_CALL_CHUNK, data)
        elif getattr(chunk, "content", ""):
            self._by_index.clear()  # text: the next tool calls belong to a new model response
            yield str(chunk.content)

    def flush(self) -> Iterator[AgentEvent]:
        """The tool results the event bus has delivered since the last chunk."""
        with self._lock:
            results, self._results = self._results, []
        for name, output in results:
            match = next((entry for entry in self._open if _same_tool(entry[1], name)), None)
            if match is None:
                continue  # a tool this converter saw no call for
            self._open.remove(match)
            yield AgentEvent(EventType.TOOL_RESULT, {"id": match[0], "result": output})
