"""AgentRun for LangChain (`pip install 'agentrun[langchain]'`): `model(...)` is a `langchain_openai.ChatOpenAI` on
the AgentRun model gateway (streaming and tool calling included); `toolset(...)` / `tool_resource(...)` and
`sandbox_toolset(...)` are lists of `langchain_core.tools.StructuredTool` (JSON-Schema arguments, sync and async),
which also close what they share (`close()`, `aclose()`, `with`). The same names as agentrun-sdk's
`agentrun.integration.langchain`. `AgentRunConverter` (imported on first use: it needs the `server` extra) serves
an agent's `astream_events` through `agentrun.server`."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from agentrun._config import Config
from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ToolList

if TYPE_CHECKING:
    from agentrun.integration.langgraph_converter import AgentRunConverter

_EXTRA = "langchain"


def model(
    name: str,
    *,
    model: str | None = None,
    config: Config | None = None,
    api_key: str | None = None,
    **options: Any,
) -> Any:
    """A `ChatOpenAI` for model proxy/service `name` (`model`: the request's model field, default `name`;
    `api_key`: a proxy credential's secret instead of signing). `options` go to `ChatOpenAI` (temperature, ...)."""
    chat_openai = _common.require_framework("langchain_openai", _EXTRA).ChatOpenAI
    target = _common.resolve_model(name, model=model, config=config, api_key=api_key)
    return chat_openai(
        model=target.model,
        base_url=target.base_url,
        api_key=target.key,
        http_client=target.http_client(),
        http_async_client=target.async_http_client(),
        max_retries=target.config.max_retries,
        **options,
    )


# The custom event (`adispatch_custom_event`) carrying a sandbox tool's output as it is produced (run_code and
# run_command, awaited: agents run tools with `ainvoke`): {"tool", "stream": "stdout"/"stderr", "text"}.
TOOL_OUTPUT_EVENT = "agentrun_tool_output"


def _graph_stream_writer() -> Callable[[Any], None] | None:
    """LangGraph's stream writer when the tool runs inside a graph (a ToolNode), else None."""
    try:
        config = importlib.import_module("langgraph.config")
    except ImportError:  # LangChain without LangGraph
        return None
    try:
        writer: Callable[[Any], None] = config.get_stream_writer()
    except (RuntimeError, KeyError):  # outside any run, or in a run that is not a graph's
        return None
    return writer


def to_langchain_tool(tool: CommonTool) -> Any:
    """One neutral tool as a `StructuredTool`; its arguments schema is the tool's JSON Schema."""
    structured_tool = _common.require_framework("langchain_core.tools", _EXTRA).StructuredTool

    def run(**arguments: Any) -> str:
        return tool.call(arguments)

    async def arun(**arguments: Any) -> str:
        if tool.stream is None:
            return await tool.acall(arguments)
        callbacks = _common.require_framework("langchain_core.callbacks", _EXTRA)
        writer = _graph_stream_writer()

        async def forward(stream: str, text: str) -> None:
            # a custom event of this tool's run: astream_events gives it as on_custom_event before on_tool_end
            data = {"tool": tool.name, "stream": stream, "text": text}
            await callbacks.adispatch_custom_event(TOOL_OUTPUT_EVENT, data)
            if writer is not None:  # and LangGraph's stream_mode="custom" gets {TOOL_OUTPUT_EVENT: data}
                writer({TOOL_OUTPUT_EVENT: data})

        return await tool.astream(arguments, forward)

    return structured_tool.from_function(
        func=run, coroutine=arun, name=tool.name, description=tool.description, args_schema=tool.input_schema
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
    `StructuredTool`s."""
    toolset = _common.tool_toolset(
        name, config=config, prefix=prefix, modify_tool_name=modify_tool_name, filter_tools_by_name=filter_tools_by_name
    )
    return _common.convert(toolset, to_langchain_tool)


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
    return _common.convert(toolset, to_langchain_tool)


def __getattr__(name: str) -> Any:
    if name == "AgentRunConverter":
        from agentrun.integration.langgraph_converter import AgentRunConverter

        return AgentRunConverter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "TOOL_OUTPUT_EVENT",
    "AgentRunConverter",
    "model",
    "sandbox_toolset",
    "to_langchain_tool",
    "tool_resource",
    "toolset",
]
