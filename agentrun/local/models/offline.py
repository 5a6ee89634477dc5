"""`agentrun-local-test-model`: a deterministic stand-in for a chat and embedding model, so agent code runs offline.
It is NOT a language model: it follows fixed rules, and says so.

Chat, given the request's `messages`, `tools` and `tool_choice` (the same input always gives the same answer):

1. The last message is a `tool` result: it answers in text, quoting each trailing tool result as
   `The tool <name> returned: <content>` (one line per result).
2. Tools are offered (and `tool_choice` is not `none`) and the last user message asks for them. Each directive, in
   the order written, becomes one `tool_calls` entry (`finish_reason` `tool_calls`):
   - a fenced code block opened with ```` ```python ```` (or ```` ```py ````): a call of the first offered tool whose
     parameters have a `code` property (else the first offered tool) with arguments `{"code": "<the block>"}`
     (plus `"language": "python"` when the tool has a `language` property);
   - a line `call <tool> <json object>` (the JSON may be left out: `{}`): a call of that tool with those arguments.
   A `call` of a tool the request does not offer, or with JSON that is not an object, gets a text answer saying so.
   `tool_choice` `required` or a named function without a directive calls that (or the first) tool with `{}`.
3. Otherwise it answers `[agentrun-local-test-model: a deterministic test model, not a language model] You said:
   <the last user message>`.

`max_tokens` / `max_completion_tokens` cut a text answer (`finish_reason` `length`). Tokens are the pieces of
tokens.py, so `usage` is exact for this model. Streams send one chunk per piece (tool call arguments too).

Embeddings are hashed bags of words: each lower-cased word adds ±1 to one of `dimensions` (default 384) components,
then the vector is L2-normalised. Texts sharing words have a positive cosine; nothing else about meaning is captured.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from agentrun.local.models import tokens
from agentrun.local.models.errors import invalid_request

TEST_MODEL = "agentrun-local-test-model"
DISCLAIMER = f"[{TEST_MODEL}: a deterministic test model, not a language model]"
EMBEDDING_DIMENSIONS = 384
MAX_EMBEDDING_DIMENSIONS = 8192

_FENCED_PYTHON = re.compile(r"```(?:python|py)[ \t]*\r?\n(.*?)```", re.DOTALL)
_CALL = re.compile(r"^[ \t]*call[ \t]+([A-Za-z0-9_.\-]+)[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: str  # JSON text, as OpenAI sends it

    def wire(self) -> dict[str, Any]:
        return {"id": self.id, "type": "function", "function": {"name": self.name, "arguments": self.arguments}}


@dataclass(frozen=True)
class Reply:
    text: str | None
    tool_calls: tuple[ToolCall, ...]
    finish_reason: str
    prompt_tokens: int

    @property
    def completion_tokens(self) -> int:
        if self.text is not None:
            return tokens.count(self.text)
        return sum(tokens.count(call.name) + tokens.count(call.arguments) for call in self.tool_calls)

    def usage(self) -> dict[str, int]:
        completion = self.completion_tokens
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": self.prompt_tokens + completion,
        }


# -- chat -------------------------------------------------------------------------------------------------------


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _offered_tools(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The functions the model may call, after `tool_choice`."""
    functions = [
        tool["function"]
        for tool in body.get("tools") or []
        if isinstance(tool, dict) and isinstance(tool.get("function"), dict) and tool["function"].get("name")
    ]
    choice = body.get("tool_choice")
    if choice == "none":
        return []
    if isinstance(choice, dict):
        wanted = (choice.get("function") or {}).get("name")
        return [f for f in functions if f["name"] == wanted]
    return functions


def _properties(function: dict[str, Any]) -> dict[str, Any]:
    parameters = function.get("parameters")
    properties = parameters.get("properties") if isinstance(parameters, dict) else None
    return properties if isinstance(properties, dict) else {}


def _tool_results(messages: list[dict[str, Any]]) -> str:
    """`The tool <name> returned: <content>` for each tool message at the end of the conversation."""
    trailing: list[dict[str, Any]] = []
    for message in reversed(messages):
        if message.get("role") != "tool":
            break
        trailing.insert(0, message)
    names: dict[str, str] = {}
    for message in messages:
        for call in message.get("tool_calls") or []:
            if isinstance(call, dict) and isinstance(call.get("function"), dict):
                names[str(call.get("id"))] = str(call["function"].get("name") or "tool")
    lines = [
        f"The tool {names.get(str(m.get('tool_call_id')), m.get('name') or 'tool')} returned: "
        f"{tokens.content_text(m.get('content'))}"
        for m in trailing
    ]
    return "\n".join(lines)


class _NotCallable(Exception):
    """A directive the model cannot follow; the message becomes its text answer."""


def _directives(text: str, offered: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(tool name, arguments) for each directive in `text`, in the order written."""
    found: list[tuple[int, str, dict[str, Any]]] = []
    code_tool = next((f for f in offered if "code" in _properties(f)), offered[0] if offered else None)
    for match in _FENCED_PYTHON.finditer(text):
        if code_tool is None:
            continue
        arguments: dict[str, Any] = {"code": match.group(1)}
        if "language" in _properties(code_tool):
            arguments["language"] = "python"
        found.append((match.start(), str(code_tool["name"]), arguments))
    names = {str(f["name"]) for f in offered}
    for match in _CALL.finditer(text):
        name, raw = match.group(1), match.group(2).strip()
        if name not in names:
            offered_names = ", ".join(sorted(names)) or "none"
            raise _NotCallable(
                f"{DISCLAIMER} I was asked to call {name}, but this request offers no tool of that name "
                f"(offered: {offered_names})."
            )
        try:
            arguments = json.loads(raw) if raw else {}
        except ValueError as exc:
            raise _NotCallable(f"{DISCLAIMER} The arguments for {name} are not valid JSON ({exc}): {raw}") from None
        if not isinstance(arguments, dict):
            raise _NotCallable(f"{DISCLAIMER} The arguments for {name} must be a JSON object, got: {raw}")
        found.append((match.start(), name, arguments))
    return [(name, arguments) for _, name, arguments in sorted(found, key=lambda item: item[0])]


def _last_user_text(messages: list[dict[str, Any]]) -> str:
    for message in reversed(messages):
        if message.get("role") == "user":
            return tokens.content_text(message.get("content"))
    return ""


def reply(body: dict[str, Any]) -> Reply:
    """The test model's answer to a (validated) chat completion request."""
    messages: list[dict[str, Any]] = body["messages"]
    prompt = tokens.prompt_tokens(body)
    if messages[-1].get("role") == "tool":
        return _text_reply(body, _tool_results(messages), prompt)
    offered = _offered_tools(body)
    user_text = _last_user_text(messages)
    try:
        calls = _directives(user_text, offered) if offered else []
    except _NotCallable as refusal:
        return _text_reply(body, str(refusal), prompt)
    if not calls and offered and (body.get("tool_choice") == "required" or isinstance(body.get("tool_choice"), dict)):
        calls = [(str(offered[0]["name"]), {})]
    if calls:
        seed = _digest(json.dumps(messages, sort_keys=True, default=str))
        tool_calls = tuple(
            ToolCall(f"call_{_digest(seed, str(i))[:24]}", name, json.dumps(arguments, ensure_ascii=False))
            for i, (name, arguments) in enumerate(calls)
        )
        return Reply(None, tool_calls, "tool_calls", prompt)
    return _text_reply(body, f"{DISCLAIMER} You said: {user_text}", prompt)


def _text_reply(body: dict[str, Any], text: str, prompt: int) -> Reply:
    limit = body.get("max_completion_tokens") or body.get("max_tokens")
    if isinstance(limit, int) and limit > 0:
        parts = tokens.pieces(text)
        if len(parts) > limit:
            return Reply("".join(parts[:limit]), (), "length", prompt)
    return Reply(text, (), "stop", prompt)


def completion(body: dict[str, Any], answer: Reply) -> dict[str, Any]:
    """A `chat.completion` object."""
    message: dict[str, Any] = {"role": "assistant", "content": answer.text, "refusal": None}
    if answer.tool_calls:
        message["tool_calls"] = [call.wire() for call in answer.tool_calls]
    return {
        "id": _completion_id(body),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": TEST_MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": answer.finish_reason, "logprobs": None}],
        "usage": answer.usage(),
        "system_fingerprint": TEST_MODEL,
    }


def _completion_id(body: dict[str, Any]) -> str:
    return "chatcmpl-" + _digest(json.dumps(body, sort_keys=True, default=str))[:24]


def chunks(body: dict[str, Any], answer: Reply) -> Iterator[dict[str, Any]]:
    """The `chat.completion.chunk` objects of the streamed answer, one per piece, then the usage chunk (always:
    the gateway drops it unless the caller asked for `stream_options.include_usage`)."""
    base = {
        "id": _completion_id(body),
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": TEST_MODEL,
        "system_fingerprint": TEST_MODEL,
    }

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}]}

    yield chunk({"role": "assistant", "content": "" if answer.text is not None else None})
    for piece in tokens.pieces(answer.text or ""):
        yield chunk({"content": piece})
    for index, call in enumerate(answer.tool_calls):
        start = {"index": index, "id": call.id, "type": "function", "function": {"name": call.name, "arguments": ""}}
        yield chunk({"tool_calls": [start]})
        for piece in tokens.pieces(call.arguments):
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    yield chunk({}, answer.finish_reason)
    yield {**base, "choices": [], "usage": answer.usage()}


# -- embeddings -------------------------------------------------------------------------------------------------


def _vector(words: list[str], dimensions: int) -> list[float]:
    vector = [0.0] * dimensions
    for word in words:
        digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
        index = int.from_bytes(digest[:4], "little") % dimensions
        vector[index] += 1.0 if digest[4] & 1 else -1.0
    norm = math.sqrt(sum(v * v for v in vector))
    return [v / norm for v in vector] if norm else vector


def _inputs(source: Any) -> list[list[str]]:
    """The words of each input: strings are split into lower-cased words, token ids become `#<id>`."""
    if isinstance(source, str):
        return [_WORD.findall(source.lower())]
    if isinstance(source, list) and source and all(isinstance(item, int) for item in source):
        return [[f"#{item}" for item in source]]
    if isinstance(source, list) and source:
        result: list[list[str]] = []
        for item in source:
            if isinstance(item, str):
                result.append(_WORD.findall(item.lower()))
            elif isinstance(item, list) and all(isinstance(token, int) for token in item):
                result.append([f"#{token}" for token in item])
            else:
                raise invalid_request("each item of input must be a string or a list of token ids", param="input")
        return result
    raise invalid_request("input must be a non-empty string, list of strings or list of token ids", param="input")


def embeddings(body: dict[str, Any]) -> dict[str, Any]:
    """An embeddings `list` object for the request."""
    dimensions = body.get("dimensions", EMBEDDING_DIMENSIONS)
    if (
        isinstance(dimensions, bool)
        or not isinstance(dimensions, int)
        or not 0 < dimensions <= MAX_EMBEDDING_DIMENSIONS
    ):
        raise invalid_request(f"dimensions must be an integer from 1 to {MAX_EMBEDDING_DIMENSIONS}", param="dimensions")
    encoding = body.get("encoding_format", "float")
    if encoding not in ("float", "base64"):
        raise invalid_request("encoding_format must be float or base64", param="encoding_format")
    data = []
    for index, words in enumerate(_inputs(body.get("input"))):
        vector = _vector(words, dimensions)
        value: Any = vector
        if encoding == "base64":
            value = base64.b64encode(struct.pack(f"<{dimensions}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": value})
    prompt = tokens.prompt_tokens(body)
    usage = {"prompt_tokens": prompt, "total_tokens": prompt}
    return {"object": "list", "data": data, "model": TEST_MODEL, "usage": usage}
