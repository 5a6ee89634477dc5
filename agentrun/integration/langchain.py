"""AgentRun for LangChain (`pip install 'agentrun[langchain]'`): `model(...)` is a `langchain_openai.ChatOpenAI` on
the AgentRun model gateway (streaming and tool calling included); `toolset(...)` / `tool_resource(...)` and
`sandbox_toolset(...)` are lists of `langchain_core.tools.StructuredTool` (JSON-Schema arguments, sync and async),
which also close what they share (`close()`, `aclose()`, `with`). The same names as agentrun-sdk's
`agentrun.integration.langchain`. `AgentRunConverter` (imported on first use: it needs the `server` extra) serves
an agent's `astream_events` through `agentrun.server`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ModelTarget

if TYPE_CHECKING:
    from agentrun.integration.langgraph_converter import AgentRunConverter as AgentRunConverter

# AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
__getattr__ = _common.converter_getattr(__name__, "agentrun.integration.langgraph_converter")

_EXTRA = "langchain"


def _chat_openai(target: ModelTarget, **options: Any) -> Any:
    """A `ChatOpenAI` for model proxy/service `name` (`model`: the request's model field, default `name`;
    `api_key`: a proxy credential's secret instead of signing). `options` go to `ChatOpenAI` (temperature, ...)."""
    chat_openai = _common.require_framework("langchain_openai", _EXTRA).ChatOpenAI
    return chat_openai(
        model=target.model,
        base_url=target.base_url,
        api_key=target.key,
        http_client=target.http_client(),
        http_async_client=target.async_http_client(),
        max_retries=target.config.max_retries,
        **options,
    )


model = _common.ModelFunction(_chat_openai)


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


_toolsets = _common.Toolsets(to_langchain_tool)
tool_resource = toolset = _toolsets.tool_resource
sandbox_toolset = _toolsets.sandbox_toolset


__all__ = [*_common.API, "TOOL_OUTPUT_EVENT", "to_langchain_tool"]
