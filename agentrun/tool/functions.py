"""One framework-neutral description of a callable tool function, and the result of calling one.

`ToolFunction` is what `client.tools.list_functions(name)` returns (openapi/data.yaml `ToolFunction`): a name, a
description and a JSON-Schema object of the input, which `to_openai_function()` and `to_anthropic_tool()` turn into
the tool definitions of those APIs. `ToolResult` is the upstream's answer to `client.tools.call(...)`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from agentrun import errors


def _wire_error(what: str, value: object) -> errors.APIResponseError:
    return errors.APIResponseError(
        f"the tool answer has {what} of an unexpected kind: {str(value)[:200]!r}", status_code=200, body=value
    )


def _object(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _wire_error(what, value)
    return value


def _text(value: object, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _wire_error(what, value)
    return value


@dataclass(frozen=True, slots=True)
class ToolFunction:
    """A function a model can call: `input_schema` is a JSON-Schema object of its arguments. `tool` is the
    AgentRun tool it belongs to; `method` and `path` the HTTP operation behind it (OpenAPI tools)."""

    name: str
    description: str
    input_schema: Mapping[str, Any] = field(default_factory=lambda: {"type": "object", "properties": {}})
    tool: str | None = None
    method: str | None = None
    path: str | None = None

    def to_openai_function(self) -> dict[str, Any]:
        """The entry of `tools=` for OpenAI Chat Completions (`{"type": "function", "function": {...}}`)."""
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": dict(self.input_schema)},
        }

    def to_anthropic_tool(self) -> dict[str, Any]:
        """The entry of `tools=` for Anthropic's Messages API."""
        return {"name": self.name, "description": self.description, "input_schema": dict(self.input_schema)}


@dataclass(frozen=True, slots=True)
class ToolResult:
    """The upstream's answer: its HTTP `status`, `content_type`, and `body` (parsed JSON, or text). `is_error` says
    the call ran but failed in a way to show the model (code that raised, a command that exited non-zero)."""

    status: int
    content_type: str
    body: Any
    is_error: bool = False

    def text(self) -> str:
        """The body as text, JSON encoded when it is not text already (what a model is given as the result)."""
        return self.body if isinstance(self.body, str) else json.dumps(self.body, ensure_ascii=False)


def parse_functions(answer: object, tool: str) -> list[ToolFunction]:
    listed = _object(answer, "a function list")
    items = listed.get("functions")
    if not isinstance(items, list):
        raise _wire_error("functions", items)
    functions = []
    for item in items:
        entry = _object(item, "a function")
        schema = entry.get("inputSchema")
        functions.append(
            ToolFunction(
                name=_text(entry.get("name"), "a function name"),
                description=_text(entry.get("description"), "a function description"),
                input_schema=dict(_object(schema, "an inputSchema")) if schema is not None else {"type": "object"},
                tool=tool,
                method=_text(entry.get("method"), "a method") or None,
                path=_text(entry.get("path"), "a path") or None,
            )
        )
    return functions


def parse_result(answer: object) -> ToolResult:
    result = _object(answer, "a call result")
    status = result.get("status")
    if not isinstance(status, int) or isinstance(status, bool):
        raise _wire_error("a status", status)
    return ToolResult(status, _text(result.get("contentType"), "a contentType"), result.get("body"))
