"""The OpenAI Chat Completions side: `POST {prefix}/chat/completions` (a `chat.completion`, or with `stream` an SSE
stream of `chat.completion.chunk`s ending in `data: [DONE]`) and `GET {prefix}/models`, the routes AgentRun's
invocations send OpenAI calls to (openapi/data.yaml, InvokeAgentRuntimeChatCompletion).

Events map as in the official SDK: TEXT and REASONING become `content` / `reasoning_content` deltas (the first
carrying `role`), TOOL_CALL(_CHUNK) `tool_calls` deltas; TOOL_RESULT, STATE and CUSTOM have no OpenAI form and are
left out; RAW is written as is. ERROR, which the official SDK drops, ends the stream with an error event
(`data: {"error": {...}}`, what OpenAI clients raise on; no `[DONE]`) and a whole answer with a 500 (`internal_error`,
as the official's, plus the exception's class as `code`): never a silent truncation."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from agentrun.server.invoker import agent_events
from agentrun.server.model import AgentEvent, AgentRequest, EventType, InvokeAgentHandler, message_of, tools_of

_SSE_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


def _bad_request(message: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "invalid_request_error"}}, status_code=400)


def _merged(payload: dict[str, Any], event: AgentEvent) -> dict[str, Any]:
    return {**payload, **event.addition} if event.addition else payload


class _Chunks:
    """The chunks of one streamed answer: ids, the role on the first delta, tool-call indexes by call id."""

    def __init__(self, model: str) -> None:
        self.id = f"chatcmpl-{uuid.uuid4().hex[:12]}"
        self.model = model
        self.created = int(time.time())
        self.role_sent = False
        self.calls: dict[str, int] = {}

    def chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        if "content" in delta and not self.role_sent:  # the first text delta carries the role, as the official's
            delta = {"role": "assistant", **delta}
            self.role_sent = True
        return {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
        }

    def tool_deltas(self, event: AgentEvent) -> list[dict[str, Any]]:
        """A call's first delta names it (id, type, name, empty arguments); its arguments follow in their own
        deltas, as the official server sends them."""
        call_id = str(event.data.get("id") or "")
        whole = event.event is EventType.TOOL_CALL
        arguments = event.data.get("args" if whole else "args_delta") or ""
        if not isinstance(arguments, str):
            arguments = json.dumps(arguments)
        deltas = []
        if call_id not in self.calls:
            self.calls[call_id] = len(self.calls)
            function = {"name": str(event.data.get("name") or ""), "arguments": ""}
            deltas.append({"tool_calls": [{"index": self.calls[call_id], "id": call_id, "type": "function",
                                           "function": function}]})  # fmt: skip
        if arguments:
            deltas.append({"tool_calls": [{"index": self.calls[call_id], "function": {"arguments": arguments}}]})
        return deltas

    def deltas_of(self, event: AgentEvent) -> list[dict[str, Any]]:
        if event.event is EventType.TEXT:
            return [{"content": str(event.data.get("delta") or "")}]
        if event.event is EventType.REASONING:
            return [{"reasoning_content": str(event.data.get("delta") or "")}]
        if event.event in (EventType.TOOL_CALL, EventType.TOOL_CALL_CHUNK):
            return self.tool_deltas(event)
        return []


def _error(event: AgentEvent) -> dict[str, Any]:
    code = event.data.get("code")
    return {"message": str(event.data.get("message") or "the agent failed"), "type": "internal_error", "code": code}


def _sse(value: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n\n"


async def _stream(events: AsyncGenerator[AgentEvent, None], chunks: _Chunks) -> AsyncIterator[bytes]:
    async with aclosing(events):
        async for event in events:
            if event.event is EventType.ERROR:
                yield _sse({"error": _error(event)})
                return
            if event.event is EventType.RAW:
                raw = event.data.get("raw", "")
                yield raw.encode() if isinstance(raw, str) else _sse(raw)
                continue
            for delta in chunks.deltas_of(event):
                yield _sse(_merged(chunks.chunk(delta), event))
    yield _sse(chunks.chunk({}, "tool_calls" if chunks.calls else "stop"))
    yield b"data: [DONE]\n\n"


async def _whole(events: AsyncGenerator[AgentEvent, None], chunks: _Chunks) -> Response:
    content: list[str] = []
    reasoning: list[str] = []
    calls: list[dict[str, Any]] = []
    extra: dict[str, Any] = {}
    async with aclosing(events):
        async for event in events:
            if event.event is EventType.ERROR:
                return JSONResponse({"error": _error(event)}, status_code=500)
            for delta in chunks.deltas_of(event):
                content.append(delta.get("content") or "")
                reasoning.append(delta.get("reasoning_content") or "")
                for call in delta.get("tool_calls") or ():
                    if "id" in call:
                        calls.append({"id": call["id"], "type": "function", "function": dict(call["function"])})
                    else:
                        calls[call["index"]]["function"]["arguments"] += call["function"]["arguments"]
            if event.addition:
                extra.update(event.addition)
    message: dict[str, Any] = {"role": "assistant", "content": "".join(content) or None}
    if any(reasoning):
        message["reasoning_content"] = "".join(reasoning)
    if calls:
        message["tool_calls"] = calls
    answer = {
        "id": chunks.id,
        "object": "chat.completion",
        "created": chunks.created,
        "model": chunks.model,
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}],
        **extra,
    }
    return JSONResponse(answer)


def routes(handler: InvokeAgentHandler, prefix: str, model_name: str) -> list[Route]:
    async def chat_completions(request: Request) -> Response:
        try:
            body = json.loads(await request.body())
        except ValueError:
            return _bad_request("the body must be a JSON object (an OpenAI chat completion request)")
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return _bad_request("'messages' is required: a list of {role, content} objects")
        try:
            messages = [message_of(message, camel=False) for message in body["messages"]]
        except ValueError as exc:
            return _bad_request(f"messages: {exc}")
        stream = bool(body.get("stream"))
        agent_request = AgentRequest(
            protocol="openai", messages=messages, stream=stream, tools=tools_of(body.get("tools")), body=body,
            raw_request=request,
        )  # fmt: skip
        chunks = _Chunks(str(body.get("model") or model_name))
        events = agent_events(handler, agent_request)
        if not stream:
            return await _whole(events, chunks)
        return StreamingResponse(_stream(events, chunks), media_type="text/event-stream", headers=_SSE_HEADERS)

    async def models(request: Request) -> Response:
        model = {"id": model_name, "object": "model", "created": 0, "owned_by": "agentrun"}
        return JSONResponse({"object": "list", "data": [model]})

    return [
        Route(f"{prefix}/chat/completions", chat_completions, methods=["POST"]),
        Route(f"{prefix}/models", models, methods=["GET"]),
    ]
