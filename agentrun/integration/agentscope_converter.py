"""`AgentRunConverter` for AgentScope 2: the events of `agent.reply_stream(...)` as what an `agentrun.server` handler
yields:

    converter = AgentRunConverter()
    async for event in agent.reply_stream(msg):
        for item in converter.convert(event):
            yield item

Text deltas come out as `str`, thinking as REASONING, a tool call's start and argument deltas as TOOL_CALL_CHUNK
under AgentScope's `tool_call_id`, the tool's streamed text as TOOL_RESULT_CHUNK and its end as TOOL_RESULT under the
same id, custom events (a sandbox tool's output while it runs) as CUSTOM, a reply that ends in error as ERROR. Reads
the events' documented `type` and fields (https://doc.agentscope.io/, `agentscope.event`); AgentScope itself is not
imported here, and the final `Msg` a `yield_final_msg=True` stream ends with is ignored (its text was streamed).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agentrun.integration._events import answer_delta
from agentrun.server.model import AgentEvent, EventType


def _kind(event: Any) -> str:
    kind = getattr(event, "type", None)
    return str(getattr(kind, "value", kind) or "")


class AgentRunConverter:
    """Converts one reply's events; make one per request (it knows which calls ended without a result yet)."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}  # tool_call_id -> tool name, for calls whose result has not ended yet

    def convert(self, event: Any) -> Iterator[str | AgentEvent]:
        kind = _kind(event)
        if kind in ("TEXT_BLOCK_DELTA", "THINKING_BLOCK_DELTA") and event.delta:
            yield answer_delta(event.delta, thinking=kind == "THINKING_BLOCK_DELTA")
        elif kind == "TOOL_CALL_START":
            call_id = str(event.tool_call_id)
            self._names[call_id] = str(event.tool_call_name)
            yield AgentEvent(EventType.TOOL_CALL_CHUNK, {"id": call_id, "name": str(event.tool_call_name),
                                                          "args_delta": ""})  # fmt: skip
        elif kind == "TOOL_CALL_DELTA" and event.delta:
            yield AgentEvent(EventType.TOOL_CALL_CHUNK, {"id": str(event.tool_call_id), "args_delta": str(event.delta)})
        elif kind == "TOOL_RESULT_TEXT_DELTA" and event.delta:
            yield AgentEvent(EventType.TOOL_RESULT_CHUNK, {"id": str(event.tool_call_id), "delta": str(event.delta)})
        elif kind == "TOOL_RESULT_END":
            # the text came as TOOL_RESULT_CHUNKs, which the server sends joined, ahead of this (empty) result
            self._names.pop(str(event.tool_call_id), None)
            yield AgentEvent(EventType.TOOL_RESULT, {"id": str(event.tool_call_id), "result": ""})
        elif kind == "CUSTOM":  # e.g. a sandbox tool's output while it runs (mcp_progress, with its tool_call_id)
            yield AgentEvent(EventType.CUSTOM, {"name": str(event.name), "value": getattr(event, "value", None)})
        elif kind == "REPLY_END" and str(getattr(event, "finished_reason", "")) == "error":
            error = getattr(event, "error", None)
            message = str(getattr(error, "message", None) or "the AgentScope reply failed")
            code = getattr(error, "type", None)
            yield AgentEvent(EventType.ERROR, {"message": message, "code": str(getattr(code, "value", code) or "")})
