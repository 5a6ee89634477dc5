"""AgentRun for Google ADK (`pip install 'agentrun[google-adk]'`): `model(...)` is ADK's
`google.adk.models.lite_llm.LiteLlm` (as in agentrun-sdk) on the AgentRun model gateway, LiteLLM's OpenAI provider
given an `openai.AsyncOpenAI` whose HTTP client signs each request (or carries a proxy credential's key);
`toolset(...)` / `tool_resource(...)` and `sandbox_toolset(...)` are lists of `google.adk.tools.BaseTool` (declared
with the tool's JSON Schema as `parameters_json_schema`), which also close what they share (`close()`, `aclose()`,
`with`). The same names as agentrun-sdk's `agentrun.integration.google_adk`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from agentrun._config import Config
from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ToolList

if TYPE_CHECKING:
    from agentrun.integration.google_adk_converter import AgentRunConverter

_EXTRA = "google-adk"


def model(
    name: str,
    *,
    model: str | None = None,
    config: Config | None = None,
    api_key: str | None = None,
    **options: Any,
) -> Any:
    """A `LiteLlm` for model proxy/service `name` (`model`: the request's model field, default `name`; `api_key`:
    a proxy credential's secret instead of signing). `options` go to `LiteLlm` (and on to `litellm.acompletion`)."""
    lite_llm = _common.require_framework("google.adk.models.lite_llm", _EXTRA).LiteLlm
    openai = _common.require_framework("openai", _EXTRA)
    target = _common.resolve_model(name, model=model, config=config, api_key=api_key)
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


def tool_resource(
    name: str,
    *,
    config: Config | None = None,
    prefix: str | None = None,
    modify_tool_name: Callable[[str], str] | None = None,
    filter_tools_by_name: Callable[[str], bool] | Iterable[str] | None = None,
) -> ToolList[Any]:
    """The functions of AgentRun tool `name` (an MCP tool's tools, or an OpenAPI tool's operations) as
    ADK tools."""
    toolset = _common.tool_toolset(
        name, config=config, prefix=prefix, modify_tool_name=modify_tool_name, filter_tools_by_name=filter_tools_by_name
    )
    return _common.convert(toolset, to_google_adk_tool)


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
    """Code-interpreter tools on one sandbox of `template_name`, created on the first call and deleted when the
    list is closed or the process exits."""
    toolset = _common.sandbox_toolset(
        template_name,
        template_type=template_type,
        config=config,
        sandbox_idle_timeout_seconds=sandbox_idle_timeout_seconds,
        prefix=prefix,
        modify_tool_name=modify_tool_name,
        filter_tools_by_name=filter_tools_by_name,
    )
    return _common.convert(toolset, to_google_adk_tool)


def __getattr__(name: str) -> Any:
    # AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
    if name == "AgentRunConverter":
        from agentrun.integration.google_adk_converter import AgentRunConverter

        return AgentRunConverter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["AgentRunConverter", "model", "sandbox_toolset", "to_google_adk_tool", "tool_resource", "toolset"]
