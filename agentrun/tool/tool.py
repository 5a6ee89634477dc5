"""Tools: MCP servers, OpenAPI-described HTTP tools and skill packages registered with AgentRun, and calls of their
functions on the data plane (`list_functions`, `call`; the tool's credential injected by the server): an OpenAPI
tool's through `/tools/{name}/functions` (an AgentRun Local extension), an MCP tool's through its MCP endpoint
`/tools/{name}/mcp` (mcp_client.py)."""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, Unpack

import agentrun_control_api.models as control_models
from agentrun_control_api.api.tools import create_tool, delete_tool, get_tool, list_tools, update_tool
from agentrun_control_api.models import Tool as ToolModel
from agentrun_data_api.api.tools import (
    get_all_tool_usage,
    get_tool_usage,
    invoke_tool_function,
    list_tool_functions,
)

from agentrun import errors
from agentrun._core.bound import BoundResource, WireText, updater
from agentrun._core.envelope import json_of
from agentrun._core.http import CallOptions, HttpCore
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI, ListOptions, WriteOptions

if TYPE_CHECKING:
    # Imported where used: a client that only manages tools needs none of them.
    from agentrun_control_api.fields import CreateToolMore, ListToolsFilters, UpdateToolMore
    from agentrun_control_api.models import ToolCreateMethod, ToolType

    class ToolQuery(ListToolsFilters, ListOptions):
        """The filters and paging of `tools.list`."""

    class CreateToolParams(CreateToolMore, WriteOptions):
        """The keyword arguments of `tools.create` besides tool_type, create_method and protocol_spec."""

    class UpdateToolParams(UpdateToolMore, WriteOptions):
        """The keyword arguments of `tools.update` besides protocol_spec."""

    from agentrun.tool.functions import ToolFunction, ToolResult
    from agentrun.tool.mcp_client import McpSession
    from agentrun.tool.sandbox_tools import SandboxTools
    from agentrun.tool.usage import ToolUsage


def _spec_text(spec: str | Mapping[str, Any] | None) -> str | None:
    """protocolSpec travels as a JSON document in a string; a dict is serialised."""
    return spec if spec is None or isinstance(spec, str) else json.dumps(spec, ensure_ascii=False)


class Tools(ControlAPI):
    """`client.tools`: create, get, update, delete and list tools."""

    def __init__(self, core: HttpCore) -> None:
        super().__init__(core)
        self._mcp: dict[str, bool] = {}  # tool name -> whether it is an MCP tool (a tool's type never changes)

    async def create(
        self,
        name: str,
        *,
        tool_type: ToolType | str,
        create_method: ToolCreateMethod | str,
        protocol_spec: str | Mapping[str, Any] | None = None,
        **given: Unpack[CreateToolParams],
    ) -> Tool:
        """Register a tool. `tool_type` is MCP, FUNCTIONCALL or SKILL; `create_method` MCP_REMOTE,
        MCP_LOCAL_STDIO, MCP_BUNDLE, CODE_PACKAGE or OPENAPI_IMPORT. `protocol_spec` (a JSON string or a dict) is
        the OpenAPI document of a FUNCTIONCALL tool, or {"mcpServers": {name: {url, transportType, headers}}} for
        MCP_REMOTE. The other CreateToolInputV2 fields (mcp_config, credential_name, description,
        code_configuration, container_configuration, cpu, memory, port, timeout, environment_variables, ...) are
        keyword arguments too."""
        return await self._write(
            create_tool.request, Tool, control_models.CreateToolInputV2, given, tool_name=name,
            tool_type=control_models.ToolType(tool_type), create_method=control_models.ToolCreateMethod(create_method),
            protocol_spec=_spec_text(protocol_spec),
        )  # fmt: skip

    async def get(self, name: str, *, options: CallOptions | None = None) -> Tool:
        return await self._load(get_tool.request(tool_name=name), Tool, what="tool", options=options)

    async def update(
        self, name: str, /, *, protocol_spec: str | Mapping[str, Any] | None = None, **given: Unpack[UpdateToolParams]
    ) -> Tool:
        """Change the given fields (protocol_spec, mcp_config, credential_name, description and the other
        UpdateToolInputV2 fields); only they are sent and the others keep their values."""
        return await self._write(
            partial(update_tool.request, tool_name=name), Tool, control_models.UpdateToolInputV2, given,
            protocol_spec=_spec_text(protocol_spec),
        )  # fmt: skip

    async def delete(self, name: str, *, options: CallOptions | None = None) -> None:
        await self._send(delete_tool.request(tool_name=name), ToolModel, what="tool", options=options)

    def list(self, *, name: str | None = None, **query: Unpack[ToolQuery]) -> AsyncPager[Tool]:
        """Every tool matching the filters (name, tool_type, workspace_id, ...); pages under `async for`."""
        return self._paged(list_tools.request, Tool, "tool", tool_name=name, **query)

    async def _is_mcp(self, name: str, options: CallOptions | None) -> bool:
        known = self._mcp.get(name)
        if known is None:
            tool = await self.get(name, options=options)
            known = self._mcp[name] = str(tool.tool_type) == "MCP"
        return known

    def _mcp_session(self, name: str, options: CallOptions | None) -> McpSession:
        from agentrun.tool.mcp_client import McpSession

        return McpSession(self._core, name, options)

    async def list_functions(self, name: str, *, options: CallOptions | None = None) -> builtins.list[ToolFunction]:
        """The functions of tool `name`, each with the JSON Schema of its arguments (`to_openai_function()`,
        `to_anthropic_tool()` for model APIs): one per operation of an OpenAPI (FUNCTIONCALL) tool's protocolSpec,
        or the tools its MCP server lists for an MCP tool (remote or local stdio)."""
        from agentrun.tool.functions import parse_functions

        name = _name(name)
        try:
            if await self._is_mcp(name, options):
                async with self._mcp_session(name, options) as session:
                    return await session.functions()
            response = await self._core.call(list_tool_functions.request(name), options=options)
            return parse_functions(json_of(response), name)
        except errors.APIStatusError:
            self._mcp.pop(name, None)  # perhaps deleted and made again as another kind: read it again next time
            raise

    async def call(
        self,
        name: str,
        function: str | ToolFunction,
        arguments: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        options: CallOptions | None = None,
    ) -> ToolResult:
        """Call `function` of tool `name` with `arguments` (checked against its input schema by the server). The
        server adds the tool's credential; the upstream's trouble raises ToolUpstreamError (`upstream_status`),
        an unusable credential PermissionDeniedError naming it, bad arguments BadRequestError, a function the tool
        does not have NotFoundError. `timeout` is the seconds the server waits for an OpenAPI tool's upstream
        (default: the tool's `timeout`, else 30), the seconds the call may take for an MCP tool. An MCP tool's
        result is its text content (else its structured content), `is_error` its `isError`."""
        from agentrun.tool.functions import ToolFunction, parse_result

        name = _name(name)
        function_name = _name(function.name if isinstance(function, ToolFunction) else function, "function")
        if arguments is not None and not isinstance(arguments, Mapping):
            raise errors.InvalidArgumentError(f"arguments must be a mapping of argument names, got {arguments!r}")
        try:
            if await self._is_mcp(name, options):
                if timeout is not None and options is None:
                    options = CallOptions(timeout=timeout)
                async with self._mcp_session(name, options) as session:
                    return await session.call(function_name, arguments or {})
            body: dict[str, Any] = {"arguments": dict(arguments or {})}
            if timeout is not None:
                body["timeout"] = timeout
            prepared = invoke_tool_function.request(name, function_name, body=body)
            if timeout is not None and options is None:
                options = CallOptions(timeout=timeout + 5)  # the server gives up first, with a typed answer
            response = await self._core.call(prepared, options=options)
            return parse_result(json_of(response))
        except errors.APIStatusError as exc:
            if exc.response is not None:  # an HTTP error (not the MCP server's own): read the tool again next time
                self._mcp.pop(name, None)
            raise

    async def usage(self, name: str | None = None, *, options: CallOptions | None = None) -> ToolUsage:
        """Calls and failures of tool `name` (by the credential bound when they ran), or of every tool by tool and
        by credential when `name` is left out. An AgentRun Local extension."""
        from agentrun.tool.usage import parse_tool_usage

        prepared = get_all_tool_usage.request() if name is None else get_tool_usage.request(_name(name))
        response = await self._core.call(prepared, options=options)
        return parse_tool_usage(json_of(response))

    def sandbox_tools(
        self, template: str, *, idle_timeout: int | None = None, ready_timeout: float = 60.0
    ) -> SandboxTools:
        """The code-interpreter tools (run_code, read_file, write_file, list_files, run_command) of a sandbox
        from `template`, as `ToolFunction`s with a `call`. The sandbox is created on the first call (waiting up to
        `ready_timeout` seconds) and deleted by `aclose()` or on leaving `async with tools:`."""
        from agentrun.sandbox.sandbox import Sandboxes
        from agentrun.tool.sandbox_tools import SandboxTools

        return SandboxTools(Sandboxes(self._core), template, idle_timeout=idle_timeout, ready_timeout=ready_timeout)


def _name(value: str, what: str = "tool name") -> str:
    if not isinstance(value, str) or not value:
        raise errors.InvalidArgumentError(f"{what} must be a non-empty string, got {value!r}")
    return value


class Tool(BoundResource[Tools], ToolModel):
    """A tool as the service returns it, with methods that act on it. Its status is a free string (Running,
    Stopped, Failed, ...)."""

    _what = "tool"
    _ready_statuses = frozenset({"READY", "RUNNING"})

    name = WireText("tool_name")

    update = updater(Tools.update)
