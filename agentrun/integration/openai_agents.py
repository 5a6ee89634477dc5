"""AgentRun for the OpenAI Agents SDK (`pip install 'agentrun[openai-agents]'`; agentrun-sdk has no module for it):
`model(...)` is an `agents.OpenAIChatCompletionsModel` on the AgentRun model gateway (over a signing
`openai.AsyncOpenAI`); `toolset(...)` / `tool_resource(...)` and `sandbox_toolset(...)` are lists of
`agents.FunctionTool` (the JSON Schema as `params_json_schema`, not strict), which also close what they share
(`close()`, `aclose()`, `with`). The names are those of the other `agentrun.integration` modules."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from agentrun import errors
from agentrun._config import Config
from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ToolList

if TYPE_CHECKING:
    from agentrun.integration.openai_agents_converter import AgentRunConverter

_EXTRA = "openai-agents"


def model(
    name: str,
    *,
    model: str | None = None,
    config: Config | None = None,
    api_key: str | None = None,
    **options: Any,
) -> Any:
    """An `OpenAIChatCompletionsModel` for model proxy/service `name` (`model`: the request's model field, default
    `name`; `api_key`: a proxy credential's secret instead of signing). `options` go to the model class."""
    agents = _common.require_framework("agents", _EXTRA)
    target = _common.resolve_model(name, model=model, config=config, api_key=api_key)
    return agents.OpenAIChatCompletionsModel(model=target.model, openai_client=target.async_openai(), **options)


def to_openai_agents_tool(tool: CommonTool) -> Any:
    """One neutral tool as an `agents.FunctionTool`: the model's JSON arguments are parsed and passed on."""
    agents = _common.require_framework("agents", _EXTRA)

    async def invoke(_context: Any, arguments: str) -> str:
        parsed = json.loads(arguments) if arguments else {}
        if not isinstance(parsed, dict):
            raise errors.InvalidArgumentError(f"the arguments of {tool.name} must be a JSON object, got {arguments}")
        return await tool.acall(parsed)

    return agents.FunctionTool(
        name=tool.name,
        description=tool.description,
        params_json_schema=tool.input_schema,
        on_invoke_tool=invoke,
        strict_json_schema=False,  # the schemas come from OpenAPI documents, not written for strict mode
    )


def tool_resource(
    name: str,
    *,
    config: Config | None = None,
    prefix: str | None = None,
    modify_tool_name: Callable[[str], str] | None = None,
    filter_tools_by_name: Callable[[str], bool] | Iterable[str] | None = None,
) -> ToolList[Any]:
    """The functions of AgentRun tool `name` (an MCP tool's tools, or an OpenAPI tool's operations) as
    `agents.FunctionTool`s."""
    toolset = _common.tool_toolset(
        name, config=config, prefix=prefix, modify_tool_name=modify_tool_name, filter_tools_by_name=filter_tools_by_name
    )
    return _common.convert(toolset, to_openai_agents_tool)


toolset = tool_resource


def sandbox_toolset(
    template_name: str,
    *,
    template_type: str = _common.CODE_INTERPRETER,
    config: Config | None = None,
    sandbox_idle_timeout_seconds: int = 600,
    prefix: str | None = None,
    modify_tool_name: Callable[[str], str] | None = None,
    filter_tools_by_name: Callable[[str], bool] | Iterable[str] | None = None,
) -> ToolList[Any]:
    """Code-interpreter tools (run_code, read_file, write_file, list_files, run_command: the SDK's
    `client.tools.sandbox_tools`) on one sandbox
    of `template_name`, created on the first call and deleted when the list is closed or the process exits."""
    toolset = _common.sandbox_toolset(
        template_name,
        template_type=template_type,
        config=config,
        sandbox_idle_timeout_seconds=sandbox_idle_timeout_seconds,
        prefix=prefix,
        modify_tool_name=modify_tool_name,
        filter_tools_by_name=filter_tools_by_name,
    )
    return _common.convert(toolset, to_openai_agents_tool)


def __getattr__(name: str) -> Any:
    # AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
    if name == "AgentRunConverter":
        from agentrun.integration.openai_agents_converter import AgentRunConverter

        return AgentRunConverter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["AgentRunConverter", "model", "sandbox_toolset", "to_openai_agents_tool", "tool_resource", "toolset"]
