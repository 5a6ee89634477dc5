"""`AgentRunConverter`: a LangGraph (or LangChain) agent's `astream_events(..., version="v2")` as what an
`agentrun.server` handler yields, so the agent is served by `AgentRunServer` (and deploys as an AgentRun runtime)
unchanged:

    converter = AgentRunConverter()
    async for event in graph.astream_events(inputs, version="v2"):
        for item in converter.convert(event):
            yield item

Text deltas come out as `str`; a streamed tool call as TOOL_CALL_CHUNK events under one id (the model's call id, kept
for the pieces that carry only their index), its result as TOOL_RESULT with the same id, so the server sends AG-UI's
TOOL_CALL_START -> ARGS -> END -> RESULT in order. Failures of the model or of the graph become ERROR events; a tool's
failure is its result (the model sees it), as in agentrun-sdk's converter of the same name. A sandbox tool's streamed
output (the `agentrun_tool_output` custom event) becomes a CUSTOM event of that name whose value adds the call's
`tool_call_id`, sent while the tool runs (AG-UI's CUSTOM). Works on the events' plain data: LangChain itself is not
imported here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from agentrun.server.model import AgentEvent, EventType

_TOOL_OUTPUT_EVENT = "agentrun_tool_output"  # agentrun.integration.langchain.TOOL_OUTPUT_EVENT


def _json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def _text(content: Any) -> str:
    """A message's content as text: a string, or the text parts of a list of content blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text") or "")
            for part in content
            if isinstance(part, str) or (isinstance(part, Mapping) and part.get("type") in ("text", None))
        )
    return ""


def _tool_output(output: Any) -> str:
    """A tool's result as the text the model saw (a ToolMessage's content), else JSON."""
    if output is None:
        return ""
    content = getattr(output, "content", None)
    if content is not None:
        return content if isinstance(content, str) else _text(content) or _json(content)
    if isinstance(output, str):
        return output
    if isinstance(output, Mapping):
        for key in ("content", "result", "output"):
            if key in output:
                value = output[key]
                return value if isinstance(value, str) else _json(value)
    return _json(output)


def _error_text(error: Any) -> str:
    if isinstance(error, BaseException):
        return f"{type(error).__name__}: {error}"
    return "" if error is None else str(error)


class AgentRunConverter:
    """Converts one run's events; make one per request (it remembers the tool calls it has seen)."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, int], str] = {}  # (model run, chunk index) -> call id
        self._started: set[str] = set()  # call ids whose TOOL_CALL_CHUNK with the name was sent
        self._by_name: dict[str, list[str]] = {}  # tool name -> call ids the model made, not yet run (FIFO)
        self._by_run: dict[str, str] = {}  # a tool run's run_id -> its call id

    def reset(self) -> None:
        self._ids.clear()
        self._started.clear()
        self._by_name.clear()
        self._by_run.clear()

    def convert(self, event: Mapping[str, Any] | Any) -> Iterator[str | AgentEvent]:
        """The text deltas (str) and AgentEvents of one `astream_events` v2 event (nothing for the others)."""
        if not isinstance(event, Mapping):
            event = dict(event) if hasattr(event, "keys") else {}
        kind = event.get("event")
        data = event.get("data") or {}
        run_id = str(event.get("run_id") or "")
        name = str(event.get("name") or "")
        if kind == "on_chat_model_stream":
            yield from self._model_chunk(run_id, data.get("chunk"))
        elif kind == "on_tool_start":
            yield from self._tool_start(run_id, name, data.get("input"))
        elif kind == "on_tool_end":
            call_id = self._call_of(run_id, data.get("output"))
            yield AgentEvent(EventType.TOOL_RESULT, {"id": call_id, "result": _tool_output(data.get("output"))})
        elif kind == "on_tool_error":
            call_id = self._call_of(run_id, None)
            result = f"Tool '{name}' error: {_error_text(data.get('error'))}"
            yield AgentEvent(EventType.TOOL_RESULT, {"id": call_id, "result": result})
        elif kind == "on_custom_event" and name == _TOOL_OUTPUT_EVENT and isinstance(data, Mapping):
            call_id = self._by_run.get(run_id, run_id)  # dispatched from inside the tool's run
            yield AgentEvent(EventType.CUSTOM, {"name": name, "value": {**data, "tool_call_id": call_id}})
        elif kind in ("on_chat_model_error", "on_llm_error"):
            message = f"LLM error: {_error_text(data.get('error'))}"
            yield AgentEvent(EventType.ERROR, {"message": message, "code": "LLM_ERROR"})
        elif kind == "on_chain_error" and not event.get("parent_ids"):  # the graph's own failure, reported once
            message = f"Chain '{name}' error: {_error_text(data.get('error'))}"
            yield AgentEvent(EventType.ERROR, {"message": message, "code": "CHAIN_ERROR"})

    def _model_chunk(self, run_id: str, chunk: Any) -> Iterator[str | AgentEvent]:
        if chunk is None:
            return
        text = _text(getattr(chunk, "content", None))
        if text:
            yield text
        for piece in getattr(chunk, "tool_call_chunks", None) or []:
            index, raw_id = piece.get("index"), piece.get("id")
            key = (run_id, int(index) if isinstance(index, int) else -1)
            if raw_id:
                self._ids[key] = str(raw_id)
            call_id = self._ids.get(key)
            if call_id is None:
                continue  # a piece before its call's id: nothing to attach it to
            args = piece.get("args")
            delta = args if isinstance(args, str) else "" if args is None else _json(args)
            data: dict[str, Any] = {"id": call_id, "args_delta": delta}
            if call_id not in self._started and piece.get("name"):
                self._started.add(call_id)
                self._by_name.setdefault(str(piece["name"]), []).append(call_id)
                data["name"] = str(piece["name"])
            elif not delta:
                continue
            yield AgentEvent(EventType.TOOL_CALL_CHUNK, data)

    def _tool_start(self, run_id: str, name: str, tool_input: Any) -> Iterator[AgentEvent]:
        queued = self._by_name.get(name) or []
        call_id = queued.pop(0) if queued else run_id
        self._by_run[run_id] = call_id
        if call_id not in self._started:  # a call the model did not stream (or no model at all): send it whole
            self._started.add(call_id)
            args = tool_input if isinstance(tool_input, str) else _json(tool_input or {})
            yield AgentEvent(EventType.TOOL_CALL_CHUNK, {"id": call_id, "name": name, "args_delta": args})

    def _call_of(self, run_id: str, output: Any) -> str:
        """The call id of a tool run: the one its start was sent under, else the ToolMessage's `tool_call_id`."""
        remembered = self._by_run.pop(run_id, None)
        return str(remembered or getattr(output, "tool_call_id", None) or run_id)

    @staticmethod
    def to_agui_events(event: Mapping[str, Any] | Any) -> Iterator[str | AgentEvent]:
        """`convert` without memory across events (tool-call pieces after the first keep the index-less id only
        when the model repeats it): prefer an `AgentRunConverter()` per request."""
        return AgentRunConverter().convert(event)
