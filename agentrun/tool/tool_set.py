"""One function of a tool set (`SandboxTools`, `BrowserTools`): its `ToolFunction` description and a `call` that runs
it through the set, which owns the sandbox."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from agentrun.tool.functions import ToolFunction, ToolResult


class ToolSet(Protocol):
    async def call(self, name: str, arguments: Mapping[str, Any] | None = None) -> ToolResult: ...


class SetTool:
    """A function of a tool set; subclasses only name the kind (their repr)."""

    def __init__(self, tools: ToolSet, function: ToolFunction) -> None:
        self._tools = tools
        self.function = function

    @property
    def name(self) -> str:
        return self.function.name

    @property
    def description(self) -> str:
        return self.function.description

    @property
    def input_schema(self) -> Mapping[str, Any]:
        return self.function.input_schema

    def to_openai_function(self) -> dict[str, Any]:
        return self.function.to_openai_function()

    def to_anthropic_tool(self) -> dict[str, Any]:
        return self.function.to_anthropic_tool()

    async def call(self, arguments: Mapping[str, Any] | None = None) -> ToolResult:
        return await self._tools.call(self.function.name, arguments)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"
