"""`AgentRunConverter` for Google ADK: the events of `runner.run_async(...)` as what an `agentrun.server` handler
yields:

    converter = AgentRunConverter()
    async for event in runner.run_async(user_id=..., session_id=..., new_message=...,
                                        run_config=RunConfig(streaming_mode=StreamingMode.SSE)):
        for item in converter.convert(event):
            yield item

Text comes out as `str` (with SSE streaming, the `partial` events' pieces; the whole-text event ADK sends after
them is not repeated), thought parts as REASONING, `function_call` parts as a whole TOOL_CALL under the call's `id`,
`function_response` parts as TOOL_RESULT under the same id (a non-dict tool result, which ADK wraps as
`{"result": value}`, unwrapped), an event's `error_code`/`error_message` as ERROR. ADK does not stream a call's
arguments. Reads the documented `Event` fields (https://google.github.io/adk-docs/events/); ADK is not imported here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from agentrun.integration._events import answer_delta
from agentrun.server.model import AgentEvent, EventType


def _result(response: Any) -> str:
    if isinstance(response, dict) and list(response) == ["result"]:
        response = response["result"]  # ADK's wrapping of a tool's non-dict return value
    return response if isinstance(response, str) else json.dumps(response, ensure_ascii=False, default=str)


class AgentRunConverter:
    """Converts one run's events; make one per request (it remembers whether the text was streamed in pieces)."""

    def __init__(self) -> None:
        self._streamed = False  # partial text seen since the last whole event
        self._calls: set[str] = set()

    def convert(self, event: Any) -> Iterator[str | AgentEvent]:
        if getattr(event, "error_code", None) or getattr(event, "error_message", None):
            message = str(event.error_message or event.error_code)
            yield AgentEvent(EventType.ERROR, {"message": message, "code": str(event.error_code or "")})
            return
        content = getattr(event, "content", None)
        parts = list(getattr(content, "parts", None) or [])
        partial = bool(getattr(event, "partial", False))
        for part in parts:
            text = getattr(part, "text", None)
            if text and (partial or not self._streamed):
                yield answer_delta(text, thinking=bool(getattr(part, "thought", False)))
            call = getattr(part, "function_call", None)
            if call is not None and not partial:
                call_id = str(call.id or call.name)
                if call_id not in self._calls:
                    self._calls.add(call_id)
                    arguments = json.dumps(call.args or {}, ensure_ascii=False)
                    yield AgentEvent(EventType.TOOL_CALL, {"id": call_id, "name": str(call.name), "args": arguments})
            response = getattr(part, "function_response", None)
            if response is not None:
                call_id = str(response.id or response.name)
                yield AgentEvent(EventType.TOOL_RESULT, {"id": call_id, "result": _result(response.response)})
        if partial:
            self._streamed = self._streamed or any(getattr(part, "text", None) for part in parts)
        else:
            self._streamed = False
