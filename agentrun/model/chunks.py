"""Streamed chat completions: the typed `ChatCompletionChunk`s of a stream, the decoding of its server-sent events
(an error event becomes a `StreamFailure`), and `ChatCompletionAccumulator`, which adds chunks up into the
`ChatCompletion` they stand for (tool-call arguments merged by call index)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from httpx_sse import ServerSentEvent

from agentrun.model.completions import (
    Answer,
    AssistantMessage,
    ChatCompletion,
    Choice,
    FunctionCall,
    ToolCall,
    Usage,
    message_texts,
    parse_answer,
    parse_completion,
    wire_int,
    wire_list,
    wire_object,
    wire_text,
)


@dataclass(frozen=True, slots=True)
class ToolCallDelta:
    """A piece of a tool call. The first piece of call `index` carries `id` and `name`; later ones carry pieces of
    `arguments`, which add up to the JSON text."""

    index: int
    id: str | None = None
    name: str | None = None
    arguments: str | None = None
    type: str | None = None


@dataclass(frozen=True, slots=True)
class Delta:
    """What one chunk adds to a choice's message."""

    content: str | None = None
    tool_calls: tuple[ToolCallDelta, ...] = ()
    role: str | None = None
    reasoning_content: str | None = None
    refusal: str | None = None


@dataclass(frozen=True, slots=True)
class ChunkChoice:
    index: int
    delta: Delta
    finish_reason: str | None = None


@dataclass(frozen=True, slots=True)
class ChatCompletionChunk(Answer[ChunkChoice]):
    """One event of a streamed completion (see `Answer`). The last chunk of a stream that asked for usage has no
    `choices` and a `usage`. `text` is the text the first choice gains with this chunk ("" when none)."""

    @property
    def text(self) -> str:
        return (self.choices[0].delta.content or "") if self.choices else ""


@dataclass(frozen=True, slots=True)
class StreamFailure:
    """An error event in a stream (`data: {"error": {...}}`): the stream failed after it started."""

    message: str
    code: str | None = None
    type: str | None = None


# -- decoding ------------------------------------------------------------------------------------------------------


def _tool_call_delta(value: object, position: int) -> ToolCallDelta:
    call = wire_object(value, "a tool call delta")
    function = wire_object(call.get("function") or {}, "a tool call delta's function")
    index = call.get("index")
    return ToolCallDelta(
        index=position if index is None else wire_int(index, "a tool call index"),
        id=wire_text(call.get("id"), "a tool call id"),
        name=wire_text(function.get("name"), "a tool call's name"),
        arguments=wire_text(function.get("arguments"), "a tool call's arguments"),
        type=wire_text(call.get("type"), "a tool call type"),
    )


def _delta(value: object) -> Delta:
    delta = wire_object(value, "a delta")
    calls = wire_list(delta.get("tool_calls"), "delta tool_calls")
    return Delta(
        tool_calls=tuple(_tool_call_delta(call, i) for i, call in enumerate(calls)), **message_texts(delta, "a delta")
    )


def _chunk_choice(index: int, choice: Mapping[str, Any], finish_reason: str | None) -> ChunkChoice:
    return ChunkChoice(index, _delta(choice.get("delta") or {}), finish_reason)


def parse_chunk(value: object) -> ChatCompletionChunk:
    return parse_answer(value, ChatCompletionChunk, "a chunk", _chunk_choice)


def decode_event(event: ServerSentEvent) -> ChatCompletionChunk | StreamFailure:
    """One server-sent event of a chat stream: a chunk, or the failure an error event reports."""
    try:
        payload = json.loads(event.data)
    except ValueError:
        return StreamFailure(f"the stream sent an event that is not JSON: {event.data[:200]!r}", "invalid_event")
    error = payload.get("error") if isinstance(payload, dict) else None
    if error is not None or event.event == "error":
        details = error if isinstance(error, dict) else {"message": error or payload}
        code, kind = details.get("code"), details.get("type")
        return StreamFailure(
            str(details.get("message") or "the stream failed"),
            None if code is None else str(code),
            kind if isinstance(kind, str) else None,
        )
    return parse_chunk(payload)


def chunks_from_completion(answer: Any) -> Iterator[ChatCompletionChunk]:
    """A whole JSON completion (a server that ignored `stream`) replayed as the chunks that add up to it."""
    completion = parse_completion(answer)
    for choice in completion.choices:
        message = choice.message
        calls = tuple(
            ToolCallDelta(i, call.id, call.function.name, call.function.arguments, call.type)
            for i, call in enumerate(message.tool_calls)
        )
        delta = Delta(message.content, calls, message.role, message.reasoning_content, message.refusal)
        yield ChatCompletionChunk(
            completion.id, completion.model, (ChunkChoice(choice.index, delta, choice.finish_reason),),
            created=completion.created,
        )  # fmt: skip
    if completion.usage is not None:
        yield ChatCompletionChunk(completion.id, completion.model, (), completion.usage, completion.created)


# -- accumulating --------------------------------------------------------------------------------------------------


@dataclass
class _CallParts:
    id: str = ""
    type: str = "function"
    name: str = ""
    arguments: list[str] = field(default_factory=list)


@dataclass
class _ChoiceParts:
    role: str = "assistant"
    content: list[str] = field(default_factory=list)
    reasoning: list[str] = field(default_factory=list)
    refusal: list[str] = field(default_factory=list)
    calls: dict[int, _CallParts] = field(default_factory=dict)
    finish_reason: str | None = None


class ChatCompletionAccumulator:
    """Adds streamed chunks up into a `ChatCompletion`: text, reasoning and refusal concatenated per choice, tool
    calls merged by their index (id, type and name from their first piece, arguments joined), the last
    `finish_reason`, and the usage chunk. `completion()` may be called at any point: it is what arrived so far."""

    def __init__(self) -> None:
        self.chunks = 0
        self._id = ""
        self._model = ""
        self._created = 0
        self._fingerprint: str | None = None
        self._usage: Usage | None = None
        self._choices: dict[int, _ChoiceParts] = {}

    def add(self, chunk: ChatCompletionChunk) -> None:
        self.chunks += 1
        self._id = self._id or chunk.id
        self._model = self._model or chunk.model
        self._created = self._created or chunk.created
        self._fingerprint = self._fingerprint or chunk.system_fingerprint
        if chunk.usage is not None:
            self._usage = chunk.usage
        for choice in chunk.choices:
            parts = self._choices.get(choice.index)
            if parts is None:
                parts = self._choices[choice.index] = _ChoiceParts()
            delta = choice.delta
            if delta.role:
                parts.role = delta.role
            if delta.content:
                parts.content.append(delta.content)
            if delta.reasoning_content:
                parts.reasoning.append(delta.reasoning_content)
            if delta.refusal:
                parts.refusal.append(delta.refusal)
            for piece in delta.tool_calls:
                call = parts.calls.get(piece.index)
                if call is None:
                    call = parts.calls[piece.index] = _CallParts()
                # Some providers repeat id and name in every piece: keep the first, never concatenate them.
                call.id = call.id or piece.id or ""
                call.name = call.name or piece.name or ""
                call.type = piece.type or call.type
                if piece.arguments:
                    call.arguments.append(piece.arguments)
            if choice.finish_reason is not None:
                parts.finish_reason = choice.finish_reason

    def completion(self) -> ChatCompletion:
        choices = []
        for index in sorted(self._choices):
            parts = self._choices[index]
            calls = tuple(
                ToolCall(call.id, FunctionCall(call.name, "".join(call.arguments)), call.type)
                for _, call in sorted(parts.calls.items())
            )
            message = AssistantMessage(
                content="".join(parts.content) if parts.content or not calls else None,
                tool_calls=calls,
                role=parts.role,
                reasoning_content="".join(parts.reasoning) or None,
                refusal="".join(parts.refusal) or None,
            )
            choices.append(Choice(index, message, parts.finish_reason))
        return ChatCompletion(self._id, self._model, tuple(choices), self._usage, self._created, self._fingerprint)
