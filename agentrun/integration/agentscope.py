"""AgentRun for AgentScope 2 (`pip install 'agentrun[agentscope]'`): `model(...)` is an
`agentscope.model.OpenAIChatModel` on the AgentRun model gateway (its OpenAI client given an HTTP client that signs
each request, or a proxy credential's key); `toolset(...)` / `tool_resource(...)` and `sandbox_toolset(...)` are lists
of `agentscope.tool.FunctionTool` (the tool's JSON Schema as `input_schema`), for `Toolkit(tools=...)`, which also
close what they share (`close()`, `aclose()`, `with`). The same names as agentrun-sdk's
`agentrun.integration.agentscope` (written for AgentScope 0.x/1.x, whose tools were functions returning
`ToolResponse`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from agentrun._config import Config
from agentrun.integration import _common
from agentrun.integration._common import CommonTool

if TYPE_CHECKING:
    from agentrun.integration.agentscope_converter import AgentRunConverter as AgentRunConverter

# AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
__getattr__ = _common.converter_getattr(__name__, "agentrun.integration.agentscope_converter")

_EXTRA = "agentscope"


def model(
    name: str,
    *,
    model: str | None = None,
    config: Config | None = None,
    api_key: str | None = None,
    stream: bool = True,
    **options: Any,
) -> Any:
    """An `OpenAIChatModel` for model proxy/service `name` (`model`: the request's model field, default `name`;
    `api_key`: a proxy credential's secret instead of signing; `stream`: stream answers, AgentScope's default).
    `options` go to `OpenAIChatModel` (parameters=, context_size=, ...)."""
    models = _common.require_framework("agentscope.model", _EXTRA)
    credentials = _common.require_framework("agentscope.credential", _EXTRA)
    target = _common.resolve_model(name, model=model, config=config, api_key=api_key)
    credential = credentials.OpenAICredential(api_key=target.key, base_url=target.base_url)
    client_kwargs = {"http_client": target.openai_async_http_client(), **options.pop("client_kwargs", {})}
    options.setdefault("max_retries", target.config.max_retries)
    return models.OpenAIChatModel(
        credential=credential, model=target.model, stream=stream, client_kwargs=client_kwargs, **options
    )


# The transient progress key of AgentScope's ToolChunk metadata (not kept in the result the model reads): a sandbox
# tool's output as it is produced, {"tool", "stream": "stdout"/"stderr", "text"}; the agent yields it as
# CustomEvent(name="mcp_progress") with the tool_call_id added.
TOOL_OUTPUT_PROGRESS = "mcp_progress"


def to_agentscope_tool(tool: CommonTool) -> Any:
    """One neutral tool as an `agentscope.tool.FunctionTool` (AgentScope checks the arguments against its
    `input_schema`; the text returned becomes the tool result). run_code and run_command of a sandbox are async
    generators: their output streams as progress chunks while they run, then the result."""
    tools = _common.require_framework("agentscope.tool", _EXTRA)

    async def run(**arguments: Any) -> str:
        return await tool.acall(arguments)

    async def run_streamed(**arguments: Any) -> AsyncIterator[Any]:
        message = _common.require_framework("agentscope.message", _EXTRA)
        pieces: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()  # AgentScope runs on asyncio

        async def forward(stream: str, text: str) -> None:
            pieces.put_nowait((stream, text))

        task = asyncio.ensure_future(tool.astream(arguments, forward))
        task.add_done_callback(lambda _: pieces.put_nowait(None))
        try:
            while (piece := await pieces.get()) is not None:
                progress = {"tool": tool.name, "stream": piece[0], "text": piece[1]}
                yield tools.ToolChunk(content=[], is_last=False, metadata={TOOL_OUTPUT_PROGRESS: progress})
            yield tools.ToolChunk(content=[message.TextBlock(text=await task)], is_last=True)
        finally:
            task.cancel()  # the consumer left early: stop waiting (the blocking call finishes on its thread)

    function = run if tool.stream is None else run_streamed
    return tools.FunctionTool(function, name=tool.name, description=tool.description, input_schema=tool.input_schema)


_toolsets = _common.Toolsets(to_agentscope_tool)
tool_resource = toolset = _toolsets.tool_resource
sandbox_toolset = _toolsets.sandbox_toolset


__all__ = [*_common.API, "TOOL_OUTPUT_PROGRESS", "to_agentscope_tool"]
