"""AgentRun for the OpenAI Agents SDK (`pip install 'agentrun[openai-agents]'`; agentrun-sdk has no module for it):
`model(...)` is an `agents.OpenAIChatCompletionsModel` on the AgentRun model gateway (over a signing
`openai.AsyncOpenAI`); `toolset(...)` / `tool_resource(...)` and `sandbox_toolset(...)` are lists of
`agents.FunctionTool` (the JSON Schema as `params_json_schema`, not strict), which also close what they share
(`close()`, `aclose()`, `with`). The names are those of the other `agentrun.integration` modules."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from agentrun import errors
from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ModelTarget

if TYPE_CHECKING:
    from agentrun.integration.openai_agents_converter import AgentRunConverter as AgentRunConverter

# AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
__getattr__ = _common.converter_getattr(__name__, "agentrun.integration.openai_agents_converter")

_EXTRA = "openai-agents"


def _chat_completions_model(target: ModelTarget, **options: Any) -> Any:
    """An `OpenAIChatCompletionsModel` for model proxy/service `name` (`model`: the request's model field, default
    `name`; `api_key`: a proxy credential's secret instead of signing). `options` go to the model class."""
    agents = _common.require_framework("agents", _EXTRA)
    return agents.OpenAIChatCompletionsModel(model=target.model, openai_client=target.async_openai(), **options)


model = _common.ModelFunction(_chat_completions_model)


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


_toolsets = _common.Toolsets(to_openai_agents_tool)
tool_resource = toolset = _toolsets.tool_resource
sandbox_toolset = _toolsets.sandbox_toolset


__all__ = [*_common.API, "to_openai_agents_tool"]
