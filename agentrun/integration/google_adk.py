"""AgentRun for Google ADK (`pip install 'agentrun[google-adk]'`): `model(...)` is ADK's
`google.adk.models.lite_llm.LiteLlm` (as in agentrun-sdk) on the AgentRun model gateway, LiteLLM's OpenAI provider
given an `openai.AsyncOpenAI` whose HTTP client signs each request (or carries a proxy credential's key);
`toolset(...)` / `tool_resource(...)` and `sandbox_toolset(...)` are lists of `google.adk.tools.BaseTool` (declared
with the tool's JSON Schema as `parameters_json_schema`), which also close what they share (`close()`, `aclose()`,
`with`). The same names as agentrun-sdk's `agentrun.integration.google_adk`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ModelTarget

if TYPE_CHECKING:
    from agentrun.integration.google_adk_converter import AgentRunConverter as AgentRunConverter

# AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
__getattr__ = _common.converter_getattr(__name__, "agentrun.integration.google_adk_converter")

_EXTRA = "google-adk"


def _lite_llm(target: ModelTarget, **options: Any) -> Any:
    """A `LiteLlm` for model proxy/service `name` (`model`: the request's model field, default `name`; `api_key`:
    a proxy credential's secret instead of signing). `options` go to `LiteLlm` (and on to `litellm.acompletion`)."""
    lite_llm = _common.require_framework("google.adk.models.lite_llm", _EXTRA).LiteLlm
    openai = _common.require_framework("openai", _EXTRA)
    client = openai.AsyncOpenAI(
        api_key=target.key,
        base_url=target.base_url,
        http_client=target.openai_async_http_client(),
        max_retries=target.config.max_retries,
    )
    # "openai/<model>": LiteLLM's OpenAI provider, which sends its requests through `client`
    return lite_llm(
        model=f"openai/{target.model}", api_base=target.base_url, api_key=target.key, client=client, **options
    )


model = _common.ModelFunction(_lite_llm)


def to_google_adk_tool(tool: CommonTool) -> Any:
    """One neutral tool as a `google.adk.tools.BaseTool`, declared with the tool's JSON Schema."""
    base_tool = _common.require_framework("google.adk.tools", _EXTRA).BaseTool
    types = _common.require_framework("google.genai.types", _EXTRA)

    class AgentRunTool(base_tool):  # type: ignore[misc,valid-type]
        def _get_declaration(self) -> Any:
            return types.FunctionDeclaration(
                name=tool.name, description=tool.description, parameters_json_schema=tool.input_schema
            )

        async def run_async(self, *, args: dict[str, Any], tool_context: Any) -> Any:
            return await tool.acall(args)

    return AgentRunTool(name=tool.name, description=tool.description)


_toolsets = _common.Toolsets(to_google_adk_tool)
tool_resource = toolset = _toolsets.tool_resource
sandbox_toolset = _toolsets.sandbox_toolset


__all__ = [*_common.API, "to_google_adk_tool"]
