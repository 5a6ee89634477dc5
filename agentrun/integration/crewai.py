"""AgentRun for CrewAI (`pip install 'agentrun[crewai]'`): `model(...)` is a `crewai.LLM` (CrewAI's native OpenAI
provider, `custom_openai=True`) on the AgentRun model gateway, each request signed by a CrewAI interceptor (or
carrying a proxy credential's key); `toolset(...)` / `tool_resource(...)` and `sandbox_toolset(...)` are lists of
`crewai.tools.BaseTool` (arguments: a pydantic model built from the JSON Schema, sync and async), which also close
what they share (`close()`, `aclose()`, `with`). The same names as agentrun-sdk's `agentrun.integration.crewai`
(which returns `crewai.tools.tool` functions and does not export `toolset`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from agentrun.integration import _common
from agentrun.integration._common import CommonTool, ModelTarget

if TYPE_CHECKING:
    from agentrun.integration.crewai_converter import AgentRunConverter as AgentRunConverter

# AgentRunConverter serves a streamed run through agentrun.server (the `server` extra): imported on first use.
__getattr__ = _common.converter_getattr(__name__, "agentrun.integration.crewai_converter")

_EXTRA = "crewai"


def _interceptor(target: ModelTarget) -> Any:
    """A `crewai.llms.hooks.BaseInterceptor` signing each outgoing request: CrewAI builds its own sync and async
    OpenAI clients, and an interceptor is how it lets one change their requests."""
    base = _common.require_framework("crewai.llms.hooks", _EXTRA).BaseInterceptor

    class AgentRunSigner(base):  # type: ignore[misc,valid-type]
        def on_outbound(self, message: Any) -> Any:
            return target.sign(message)

        def on_inbound(self, message: Any) -> Any:
            return message

        async def aon_outbound(self, message: Any) -> Any:
            return target.sign(message)

        async def aon_inbound(self, message: Any) -> Any:
            return message

    return AgentRunSigner()


def _llm(target: ModelTarget, **options: Any) -> Any:
    """A `crewai.LLM` for model proxy/service `name` (`model`: the request's model field, default `name`;
    `api_key`: a proxy credential's secret instead of signing). `options` go to `crewai.LLM` (temperature, ...).
    CrewAI's interceptor transport verifies TLS as httpx does by default (SSL_CERT_FILE is honoured, which
    `agentrun local env` sets); `config.verify` is not passed on."""
    crewai = _common.require_framework("crewai", _EXTRA)
    options.setdefault("max_retries", target.config.max_retries)
    return crewai.LLM(
        model=target.model,
        custom_openai=True,  # CrewAI's native OpenAI client on our base URL, whatever the model's name
        base_url=target.base_url,
        api_key=target.key,
        interceptor=None if target.api_key is not None else _interceptor(target),
        **options,
    )


model = _common.ModelFunction(_llm)


def _given(arguments: Mapping[str, Any]) -> dict[str, Any]:
    # CrewAI validates with the args model and passes every field, unset optional ones as None: leave those out
    return {key: value for key, value in arguments.items() if value is not None}


def to_crewai_tool(tool: CommonTool) -> Any:
    """One neutral tool as a `crewai.tools.BaseTool` whose `args_schema` is built from the tool's JSON Schema."""
    base_tool = _common.require_framework("crewai.tools", _EXTRA).BaseTool
    schemas = _common.require_framework("crewai.utilities.pydantic_schema_utils", _EXTRA)
    model_name = re.sub(r"\W", "_", tool.name) + "Arguments"
    args_schema = schemas.create_model_from_schema(tool.input_schema, model_name=model_name)

    class AgentRunTool(base_tool):  # type: ignore[misc,valid-type]
        def _run(self, **arguments: Any) -> str:
            return tool.call(_given(arguments))

        async def _arun(self, **arguments: Any) -> str:
            return await tool.acall(_given(arguments))

    return AgentRunTool(name=tool.name, description=tool.description, args_schema=args_schema)


_toolsets = _common.Toolsets(to_crewai_tool)
tool_resource = toolset = _toolsets.tool_resource
sandbox_toolset = _toolsets.sandbox_toolset


__all__ = [*_common.API, "to_crewai_tool"]
