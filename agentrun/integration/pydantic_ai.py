"""AgentRun for PydanticAI (`pip install 'agentrun[pydantic-ai]'`): `model(...)` is a
`pydantic_ai.models.openai.OpenAIChatModel` on the AgentRun model gateway (an `OpenAIProvider` over a signing
`openai.AsyncOpenAI`); `toolset(...)` / `tool_resource(...)` and `sandbox_toolset(...)` are lists of
`pydantic_ai.Tool` (built from the JSON Schema), which also close what they share (`close()`, `aclose()`, `with`).
The same names as agentrun-sdk's `agentrun.integration.pydantic_ai`."""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any

from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ModelTarget

if TYPE_CHECKING:
    from agentrun.integration.pydantic_ai_converter import AgentRunConverter as AgentRunConverter

# AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
__getattr__ = _common.converter_getattr(__name__, "agentrun.integration.pydantic_ai_converter")

_EXTRA = "pydantic-ai"


def _openai_chat_model(target: ModelTarget, **options: Any) -> Any:
    """An `OpenAIChatModel` for model proxy/service `name` (`model`: the request's model field, default `name`;
    `api_key`: a proxy credential's secret instead of signing). `options` go to `OpenAIChatModel` (settings=, ...)."""
    models = _common.require_framework("pydantic_ai.models.openai", _EXTRA)
    providers = _common.require_framework("pydantic_ai.providers.openai", _EXTRA)
    provider = providers.OpenAIProvider(openai_client=target.async_openai())
    return models.OpenAIChatModel(target.model, provider=provider, **options)


model = _common.ModelFunction(_openai_chat_model)


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


_toolsets = _common.Toolsets(to_pydantic_ai_tool)
tool_resource = toolset = _toolsets.tool_resource
sandbox_toolset = _toolsets.sandbox_toolset


__all__ = [*_common.API, "TOOL_OUTPUT_EVENT", "tool_output_event", "to_pydantic_ai_tool"]
