"""AgentRun for PydanticAI (`pip install 'agentrun[pydantic-ai]'`): `model(...)` is a
`pydantic_ai.models.openai.OpenAIChatModel` on the AgentRun model gateway (an `OpenAIProvider` over a signing
`openai.AsyncOpenAI`); `toolset(...)` / `tool_resource(...)` and `sandbox_toolset(...)` are lists of
`pydantic_ai.Tool` (built from the JSON Schema), which also close what they share (`close()`, `aclose()`, `with`).
The same names as agentrun-sdk's `agentrun.integration.pydantic_ai`."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from agentrun._config import Config
from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ToolList

if TYPE_CHECKING:
    from agentrun.integration.pydantic_ai_converter import AgentRunConverter

_EXTRA = "pydantic-ai"


def model(
    name: str,
    *,
    model: str | None = None,
    config: Config | None = None,
    api_key: str | None = None,
    **options: Any,
) -> Any:
    """An `OpenAIChatModel` for model proxy/service `name` (`model`: the request's model field, default `name`;
    `api_key`: a proxy credential's secret instead of signing). `options` go to `OpenAIChatModel` (settings=, ...)."""
    models = _common.require_framework("pydantic_ai.models.openai", _EXTRA)
    providers = _common.require_framework("pydantic_ai.providers.openai", _EXTRA)
    target = _common.resolve_model(name, model=model, config=config, api_key=api_key)
    provider = providers.OpenAIProvider(openai_client=target.async_openai())
    return models.OpenAIChatModel(target.model, provider=provider, **options)


TOOL_OUTPUT_EVENT = "agentrun_tool_output"


@functools.cache
def tool_output_event() -> type[Any]:
    """The `pydantic_ai.CustomEvent` (name "agentrun_tool_output", fields `stream` and `text`; PydanticAI stamps
    `tool_call_id` and `tool_name`) a sandbox's run_code and run_command emit for each piece of output as it is
    produced; `run_stream_events` gives them while the tool runs. Defined once, on first use."""
    custom_event = _common.require_framework("pydantic_ai", _EXTRA).CustomEvent

    @dataclasses.dataclass(kw_only=True)
    class AgentRunToolOutput(custom_event, name=TOOL_OUTPUT_EVENT):  # type: ignore[misc,valid-type,call-arg]
        stream: str
        text: str

    return AgentRunToolOutput


def to_pydantic_ai_tool(tool: CommonTool) -> Any:
    """One neutral tool as a `pydantic_ai.Tool` whose arguments are validated against the tool's JSON Schema."""
    tool_class = _common.require_framework("pydantic_ai", _EXTRA).Tool

    async def run(**arguments: Any) -> str:
        return await tool.acall(arguments)

    async def run_streamed(ctx: Any, **arguments: Any) -> str:
        event = tool_output_event()

        async def forward(stream: str, text: str) -> None:
            await ctx.emit(event(stream=stream, text=text))

        return await tool.astream(arguments, forward)

    if tool.stream is not None:
        return tool_class.from_schema(
            run_streamed, name=tool.name, description=tool.description, json_schema=tool.input_schema, takes_ctx=True
        )
    return tool_class.from_schema(run, name=tool.name, description=tool.description, json_schema=tool.input_schema)


def tool_resource(
    name: str,
    *,
    config: Config | None = None,
    prefix: str | None = None,
    modify_tool_name: Callable[[str], str] | None = None,
    filter_tools_by_name: Callable[[str], bool] | Iterable[str] | None = None,
) -> ToolList[Any]:
    """The functions of AgentRun tool `name` (an MCP tool's tools, or an OpenAPI tool's operations) as
    `pydantic_ai.Tool`s."""
    toolset = _common.tool_toolset(
        name, config=config, prefix=prefix, modify_tool_name=modify_tool_name, filter_tools_by_name=filter_tools_by_name
    )
    return _common.convert(toolset, to_pydantic_ai_tool)


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
    return _common.convert(toolset, to_pydantic_ai_tool)


def __getattr__(name: str) -> Any:
    # AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
    if name == "AgentRunConverter":
        from agentrun.integration.pydantic_ai_converter import AgentRunConverter

        return AgentRunConverter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "TOOL_OUTPUT_EVENT",
    "AgentRunConverter",
    "tool_output_event",
    "model",
    "sandbox_toolset",
    "to_pydantic_ai_tool",
    "tool_resource",
    "toolset",
]
