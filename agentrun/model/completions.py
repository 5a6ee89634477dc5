"""Typed chat completions as the model gateway answers them (OpenAI's Chat Completions shape): `ChatCompletion`,
its `Choice`s, the `AssistantMessage` with its `ToolCall`s, and `Usage`. Parsing is tolerant of what
OpenAI-compatible providers leave out (a missing `usage`, `id` or `created`) and strict about what they get wrong
(a field of the wrong type is an `APIResponseError` naming it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from agentrun import errors


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens of one request: `prompt_tokens` read, `completion_tokens` written (0 for embeddings). `details` holds
    the provider's breakdowns as sent (`prompt_tokens_details`, `completion_tokens_details`)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    details: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """The function a tool call invokes: its `name` and its `arguments` as the JSON text the model wrote."""

    name: str
    arguments: str


@dataclass(frozen=True, slots=True)
class ToolCall:
    """One call of a tool the model asks for. Answer it with a message
    `{"role": "tool", "tool_call_id": call.id, "content": "<the result>"}`."""

    id: str
    function: FunctionCall
    type: str = "function"

    def arguments_json(self) -> Any:
        """The arguments parsed from JSON. Models do write invalid JSON now and then: that raises
        ModelOutputError carrying the text, so an agent loop can send the error back to the model."""
        try:
            return json.loads(self.function.arguments or "{}")
        except ValueError as exc:
            raise errors.ModelOutputError(
                f"the arguments the model wrote for tool {self.function.name} (call {self.id}) are not valid JSON "
                f"({exc}): {self.function.arguments[:200]!r}",
                text=self.function.arguments,
            ) from None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "function": {"name": self.function.name, "arguments": self.function.arguments},
        }


@dataclass(frozen=True, slots=True)
class AssistantMessage:
    """The model's message: text (`content`, None when it only calls tools), `tool_calls`, and the reasoning text
    some providers send (`reasoning_content`). Append it to `messages` as is to continue the conversation."""

    content: str | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    role: str = "assistant"
    reasoning_content: str | None = None
    refusal: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The message as the next request sends it. Reasoning text is left out: providers that send it reject it
        in input messages."""
        wire: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.tool_calls:
            wire["tool_calls"] = [call.to_dict() for call in self.tool_calls]
        return wire


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer of a completion (there is one unless the request asked for `n`)."""

    index: int
    message: AssistantMessage
    finish_reason: str | None = None


_NO_MESSAGE = AssistantMessage()


class _Finishing(Protocol):
    @property
    def finish_reason(self) -> str | None: ...


C = TypeVar("C", bound=_Finishing)


@dataclass(frozen=True, slots=True)
class Answer(Generic[C]):
    """What a completion and a streamed chunk share: `id`, the `model` that answered, `choices`, `usage` (None
    when the upstream reported none), `created` and the upstream's `system_fingerprint`. `finish_reason` is the first
    choice's."""

    id: str
    model: str
    choices: tuple[C, ...]
    usage: Usage | None = None
    created: int = 0
    system_fingerprint: str | None = None

    @property
    def finish_reason(self) -> str | None:
        return self.choices[0].finish_reason if self.choices else None


@dataclass(frozen=True, slots=True)
class ChatCompletion(Answer[Choice]):
    """A chat completion (see `Answer`), with the `service_tier` that served it when the upstream says. `text`,
    `message` and `tool_calls` are those of the first choice."""

    service_tier: str | None = None

    @property
    def message(self) -> AssistantMessage:
        return self.choices[0].message if self.choices else _NO_MESSAGE

    @property
    def text(self) -> str:
        """The first choice's text ("" when the model only called tools)."""
        return self.message.content or ""

    @property
    def tool_calls(self) -> tuple[ToolCall, ...]:
        return self.message.tool_calls


# -- parsing the wire --------------------------------------------------------------------------------------------


def wire_error(what: str, value: object) -> errors.APIResponseError:
    return errors.APIResponseError(
        f"the model gateway's answer has {what} of an unexpected kind: {str(value)[:200]!r}",
        status_code=200,
        body=value,
    )


def wire_object(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise wire_error(what, value)
    return value


def wire_map(value: object, what: str, item: Callable[[object], T]) -> dict[str, T]:
    """A JSON object field (absent or null: empty) with each of its values parsed by `item`."""
    return {str(key): item(raw) for key, raw in wire_object({} if value is None else value, what).items()}


def wire_list(value: object, what: str) -> list[Any]:
    """A JSON array field (absent or null: empty)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise wire_error(what, value)
    return value


def wire_text(value: object, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise wire_error(what, value)


def wire_int(value: object, what: str) -> int:
    """An integer field (absent or null: 0; JSON booleans are not numbers)."""
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise wire_error(what, value)


def wire_number(value: object, what: str) -> float:
    """A number field (absent or null: 0.0; JSON booleans are not numbers)."""
    if value is None:
        return 0.0
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise wire_error(what, value)


def parse_usage(value: object) -> Usage | None:
    if value is None:
        return None
    usage = wire_object(value, "a usage")
    return Usage(
        prompt_tokens=wire_int(usage.get("prompt_tokens"), "usage.prompt_tokens"),
        completion_tokens=wire_int(usage.get("completion_tokens"), "usage.completion_tokens"),
        total_tokens=wire_int(usage.get("total_tokens"), "usage.total_tokens"),
        details={k: v for k, v in usage.items() if k.endswith("_details") and v is not None},
    )


def _tool_call(value: object) -> ToolCall:
    call = wire_object(value, "a tool call")
    function = wire_object(call.get("function"), "a tool call's function")
    return ToolCall(
        id=wire_text(call.get("id"), "a tool call id") or "",
        type=wire_text(call.get("type"), "a tool call type") or "function",
        function=FunctionCall(
            name=wire_text(function.get("name"), "a tool call's name") or "",
            arguments=wire_text(function.get("arguments"), "a tool call's arguments") or "",
        ),
    )


def message_texts(message: Mapping[str, Any], what: str) -> dict[str, str | None]:
    """The text fields a message and a delta share: content, role, reasoning_content and refusal."""
    fields = ("content", "role", "reasoning_content", "refusal")
    return {name: wire_text(message.get(name), f"{what}'s {name}") for name in fields}


def _message(value: object) -> AssistantMessage:
    message = wire_object(value, "a message")
    texts = message_texts(message, "a message")
    calls = tuple(_tool_call(call) for call in wire_list(message.get("tool_calls"), "tool_calls"))
    content, role, reasoning, refusal = texts.values()
    return AssistantMessage(content, calls, role or "assistant", reasoning, refusal)


def _choice(index: int, choice: Mapping[str, Any], finish_reason: str | None) -> Choice:
    return Choice(index, _message(choice.get("message") or {}), finish_reason)


A = TypeVar("A", bound=Answer[Any])
T = TypeVar("T")


def parse_answer(
    value: object, kind: type[A], what: str, choice: Callable[[int, Mapping[str, Any], str | None], Any], *texts: str
) -> A:
    """A completion or chunk (`kind`) from its JSON, each choice made by `choice(index, object, finish_reason)` (a
    missing index is the choice's position), and the text fields only that kind has (`texts`); APIResponseError
    says which field did not fit."""
    answer = wire_object(value, what)
    choices = []
    for position, item in enumerate(wire_list(answer.get("choices"), f"{what}'s choices")):
        raw = wire_object(item, "a choice")
        index = position if raw.get("index") is None else wire_int(raw.get("index"), "a choice index")
        choices.append(choice(index, raw, wire_text(raw.get("finish_reason"), "a finish_reason")))
    return kind(
        id=wire_text(answer.get("id"), f"{what}'s id") or "",
        model=wire_text(answer.get("model"), f"{what}'s model") or "",
        choices=tuple(choices),
        usage=parse_usage(answer.get("usage")),
        created=wire_int(answer.get("created"), "created"),
        system_fingerprint=wire_text(answer.get("system_fingerprint"), f"{what}'s system_fingerprint"),
        **{name: wire_text(answer.get(name), f"{what}'s {name}") for name in texts},
    )


def parse_completion(value: object) -> ChatCompletion:
    """A `ChatCompletion` from the JSON answer, or APIResponseError saying which field did not fit."""
    return parse_answer(value, ChatCompletion, "a completion", _choice, "service_tier")
