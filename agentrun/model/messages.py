"""The request bodies of model calls, checked before anything is sent: messages (OpenAI-shaped dicts, or the
`AssistantMessage` of an earlier completion), tools in OpenAI's function shape, `tool_choice`, sampling numbers and
embedding input. A mistake is an InvalidArgumentError that names the item and says what to write instead."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from agentrun import errors
from agentrun.model.completions import AssistantMessage, ToolCall

Message = Mapping[str, Any] | AssistantMessage
"""A message of a conversation: `{"role": ..., "content": ...}` as OpenAI defines it, or a completion's message."""

ROLES = ("system", "developer", "user", "assistant", "tool", "function")
TOOL_CHOICES = ("auto", "none", "required")
_TOOL_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_EXAMPLE_MESSAGE = '{"role": "user", "content": "Hello"}'
_EXAMPLE_TOOL = '{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", ...}}}'
# Set by the SDK itself; passing them through **extra would contradict the call.
_RESERVED = {
    "messages": "pass messages as the second argument",
    "stream": "call client.models.stream(...) to stream, client.models.chat(...) not to",
    "stream_options": "use stream(..., include_usage=...)",
}


def _invalid(message: str) -> errors.InvalidArgumentError:
    return errors.InvalidArgumentError(message)


def require_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise _invalid(
            f"name must be the name of a model proxy, a model service or a built-in model "
            f"(e.g. 'agentrun-local-test-model'), got {name!r}"
        )
    return name


def _content_ok(content: object) -> bool:
    return isinstance(content, str) or (
        isinstance(content, list) and all(isinstance(part, Mapping) and "type" in part for part in content)
    )


def _tool_calls(calls: object, where: str) -> list[Any]:
    if not isinstance(calls, list | tuple):
        raise _invalid(f"{where}.tool_calls must be a list of tool calls (as the completion returned them)")
    wire: list[Any] = []
    for i, call in enumerate(calls):
        if isinstance(call, ToolCall):
            wire.append(call.to_dict())
            continue
        function = call.get("function") if isinstance(call, Mapping) else None
        if not isinstance(call, Mapping) or not isinstance(function, Mapping) or not isinstance(call.get("id"), str):
            raise _invalid(
                f'{where}.tool_calls[{i}] must be {{"id": ..., "type": "function", "function": {{"name": ..., '
                f'"arguments": "<JSON text>"}}}}, got {str(call)[:200]}'
            )
        if not isinstance(function.get("arguments"), str):
            raise _invalid(
                f"{where}.tool_calls[{i}].function.arguments must be JSON text, not "
                f"{type(function.get('arguments')).__name__}; wrap it with json.dumps(...)"
            )
        wire.append(call)
    return wire


def _message(message: object, i: int) -> Any:
    where = f"messages[{i}]"
    if isinstance(message, AssistantMessage):
        return message.to_dict()
    if not isinstance(message, Mapping):
        raise _invalid(
            f"{where} must be a dict such as {_EXAMPLE_MESSAGE} (or a completion's message), got {message!r:.200}"
        )
    role = message.get("role")
    if role not in ROLES:
        raise _invalid(f"{where} has role {role!r}; use one of {', '.join(ROLES[:5])}, e.g. {_EXAMPLE_MESSAGE}")
    content = message.get("content")
    calls = message.get("tool_calls")
    if role == "assistant" and (calls or message.get("function_call")):
        if content is not None and not _content_ok(content):
            raise _invalid(f"{where}.content must be text, a list of content parts or None")
    elif not _content_ok(content):
        raise _invalid(
            f"{where} ({role}) needs content: text, or a list of content parts such as "
            f'[{{"type": "text", "text": "..."}}], got {content!r}'
        )
    if role == "tool" and not (isinstance(message.get("tool_call_id"), str) and message["tool_call_id"]):
        raise _invalid(
            f"{where} is a tool result without tool_call_id; set it to the id of the call it answers "
            '(completion.tool_calls[k].id): {"role": "tool", "tool_call_id": call.id, "content": "..."}'
        )
    if calls is not None and any(isinstance(call, ToolCall) for call in calls):
        return {**message, "tool_calls": _tool_calls(calls, where)}
    if calls is not None:
        _tool_calls(calls, where)
    return message


def wire_messages(messages: object) -> list[Any]:
    if isinstance(messages, str | bytes | Mapping) or not isinstance(messages, Sequence):
        raise _invalid(f"messages must be a list of messages such as [{_EXAMPLE_MESSAGE}], got {messages!r:.200}")
    if not messages:
        raise _invalid(f"messages is empty; pass at least one, e.g. [{_EXAMPLE_MESSAGE}]")
    return [_message(message, i) for i, message in enumerate(messages)]


def wire_tools(tools: object) -> list[Any]:
    if isinstance(tools, str | bytes | Mapping) or not isinstance(tools, Sequence):
        raise _invalid(f"tools must be a list of tools such as [{_EXAMPLE_TOOL}], got {tools!r:.200}")
    for i, tool in enumerate(tools):
        where = f"tools[{i}]"
        if callable(tool) and not isinstance(tool, Mapping):
            raise _invalid(f"{where} is a Python function; describe it instead: {_EXAMPLE_TOOL}")
        if not isinstance(tool, Mapping):
            raise _invalid(f"{where} must be a dict such as {_EXAMPLE_TOOL}, got {tool!r:.200}")
        function = tool.get("function")
        if "function" not in tool and "name" in tool:
            raise _invalid(
                f'{where} is a bare function definition; wrap it: {{"type": "function", "function": {dict(tool)}}}'
            )
        if tool.get("type") != "function" or not isinstance(function, Mapping):
            raise _invalid(f'{where} must have "type": "function" and a "function" object, e.g. {_EXAMPLE_TOOL}')
        name = function.get("name")
        if not isinstance(name, str) or not _TOOL_NAME.match(name):
            raise _invalid(f"{where}.function.name must be 1 to 64 letters, digits, _ or -, got {name!r}")
        parameters = function.get("parameters")
        if parameters is not None and not isinstance(parameters, Mapping):
            raise _invalid(
                f"{where}.function.parameters must be a JSON Schema object such as "
                f'{{"type": "object", "properties": {{...}}}}, got {parameters!r:.200}'
            )
    return list(tools)


def _tool_names(tools: list[Any] | None) -> list[str]:
    return [str(tool["function"]["name"]) for tool in tools or []]


def _tool_choice(choice: object, tools: list[Any] | None) -> object:
    if choice in TOOL_CHOICES:
        if choice != "none" and not tools:
            raise _invalid(f"tool_choice={choice!r} needs tools; offer some with tools=[...]")
        return choice
    function = choice.get("function") if isinstance(choice, Mapping) else None
    name = function.get("name") if isinstance(function, Mapping) else None
    if not isinstance(name, str):
        raise _invalid(
            f'tool_choice must be "auto", "none", "required" or {{"type": "function", "function": {{"name": '
            f'"<tool>"}}}}, got {choice!r:.200}'
        )
    offered = _tool_names(tools)
    if name not in offered:
        listed = ", ".join(offered) or "none"
        raise _invalid(f"tool_choice names {name!r}, which tools does not offer (offered: {listed})")
    return choice


def _number(value: object, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value) or not low <= value <= high:
        raise _invalid(f"{name} must be a number from {low:g} to {high:g}, got {value!r}")
    return value


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _invalid(f"{name} must be a whole number of at least 1, got {value!r}")
    return value


def _extra(extra: Mapping[str, Any]) -> Mapping[str, Any]:
    for key, hint in _RESERVED.items():
        if key in extra:
            raise _invalid(f"{key}= is set by the SDK; {hint}")
    return extra


def wire_params(params: Mapping[str, Any], extra_body: Mapping[str, Any] | None) -> dict[str, Any]:
    """Request parameters as JSON values (a model given for a parameter becomes its dict), then `extra_body`."""
    if extra_body is not None and not isinstance(extra_body, Mapping):
        raise _invalid(f"extra_body must be a mapping of request fields, got {type(extra_body).__name__}")
    wire = {key: value.to_dict() if hasattr(value, "to_dict") else value for key, value in params.items()}
    return {**wire, **(extra_body or {})}


_CHECKED = ("model", "tools", "tool_choice", "temperature", "max_tokens")
"""The Chat Completions parameters checked here (the spec's others pass as given, see ChatCompletionMore)."""


def chat_body(messages: object, given: Mapping[str, Any]) -> dict[str, Any]:
    """The Chat Completions request body (without `stream`) from a chat call's keyword arguments (`ChatParams`):
    each parameter as JSON, then `extra_body`; `options` are the call's, not the body's."""
    body: dict[str, Any] = {"messages": wire_messages(messages)}
    model, tools, tool_choice, temperature, max_tokens = (given.get(key) for key in _CHECKED)
    if model is not None:
        body["model"] = require_text(model, "model", "the model of the proxy to use, or leave it out")
    wire_tool_list = None if tools is None else wire_tools(tools)
    if wire_tool_list is not None:
        body["tools"] = wire_tool_list
    if tool_choice is not None:
        body["tool_choice"] = _tool_choice(tool_choice, wire_tool_list)
    if temperature is not None:
        body["temperature"] = _number(temperature, "temperature", 0, 2)
    if max_tokens is not None:
        body["max_tokens"] = _count(max_tokens, "max_tokens")
    params = {key: value for key, value in given.items() if key not in (*_CHECKED, "options", "extra_body")}
    body.update(_extra(wire_params(params, given.get("extra_body"))))
    return body


def require_text(value: object, name: str, hint: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _invalid(f"{name} must be a non-empty string, got {value!r}; {hint}")
    return value


def embedding_body(
    input: object, *, model: str | None, dimensions: int | None, extra: Mapping[str, Any]
) -> dict[str, Any]:
    """The embeddings request body: `input` is a text, a list of texts, or token ids."""
    texts = isinstance(input, str) or (isinstance(input, list | tuple) and all(isinstance(item, str) for item in input))
    tokens = isinstance(input, list | tuple) and all(
        (isinstance(item, int) and not isinstance(item, bool))
        or (isinstance(item, list | tuple) and all(isinstance(t, int) and not isinstance(t, bool) for t in item))
        for item in input
    )
    if not (texts or tokens) or not input:
        raise _invalid(f"input must be a non-empty text or list of texts (or token ids), got {input!r:.200}")
    body: dict[str, Any] = {"input": list(input) if isinstance(input, tuple) else input}
    if model is not None:
        body["model"] = require_text(model, "model", "the model of the proxy to use, or leave it out")
    if dimensions is not None:
        body["dimensions"] = _count(dimensions, "dimensions")
    body.update(_extra(extra))
    return body
