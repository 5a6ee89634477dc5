"""Tools: MCP servers, OpenAPI-described HTTP tools and skill packages registered with AgentRun."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Unpack

from agentrun_control_api.api.tools import create_tool, delete_tool, get_tool, list_tools, update_tool
from agentrun_control_api.fields import CreateToolMore, UpdateToolMore
from agentrun_control_api.models import (
    CreateToolInputV2,
    McpConfig,
    ToolCreateMethod,
    ToolType,
    UpdateToolInputV2,
)
from agentrun_control_api.models import Tool as ToolModel
from attrs import define, field

from agentrun._core.bound import BoundResource, updater
from agentrun._core.http import CallOptions, HttpCore
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import (
    ControlAPI,
    WireObject,
    build_input,
    resource_repr,
    text_of,
    wire_body,
)


def _spec_text(spec: str | Mapping[str, Any] | None) -> str | None:
    """protocolSpec travels as a JSON document in a string; a dict is serialised."""
    return spec if spec is None or isinstance(spec, str) else json.dumps(spec, ensure_ascii=False)


class Tools(ControlAPI):
    """`client.tools`: create, get, update, delete and list tools."""

    def __init__(self, core: HttpCore) -> None:
        super().__init__(core)

    def _bind(self, tool: Tool) -> Tool:
        tool._api = self
        return tool

    async def create(
        self,
        name: str,
        *,
        tool_type: ToolType | str,
        create_method: ToolCreateMethod | str,
        protocol_spec: str | Mapping[str, Any] | None = None,
        mcp_config: McpConfig | WireObject | None = None,
        credential_name: str | None = None,
        description: str | None = None,
        options: CallOptions | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **more: Unpack[CreateToolMore],
    ) -> Tool:
        """Register a tool. `tool_type` is MCP, FUNCTIONCALL or SKILL; `create_method` MCP_REMOTE,
        MCP_LOCAL_STDIO, MCP_BUNDLE, CODE_PACKAGE or OPENAPI_IMPORT. `protocol_spec` (a JSON string or a dict) is
        the OpenAPI document of a FUNCTIONCALL tool, or {"mcpServers": {name: {url, transportType, headers}}} for
        MCP_REMOTE. Other CreateToolInputV2 fields (code_configuration, container_configuration, cpu, memory, port,
        timeout, environment_variables, ...) go in `more`."""
        body = build_input(
            CreateToolInputV2,
            "create tool",
            tool_name=name,
            tool_type=ToolType(tool_type),
            create_method=ToolCreateMethod(create_method),
            protocol_spec=_spec_text(protocol_spec),
            mcp_config=mcp_config,
            credential_name=credential_name,
            description=description,
            **more,
        )
        created = await self._send(
            create_tool.request(body=wire_body(body, extra_body)), Tool, what="tool", options=options
        )
        return self._bind(created)

    async def get(self, name: str, *, options: CallOptions | None = None) -> Tool:
        found = await self._send(get_tool.request(tool_name=name), Tool, what="tool", options=options)
        return self._bind(found)

    async def update(
        self,
        name: str,
        /,
        *,
        protocol_spec: str | Mapping[str, Any] | None = None,
        mcp_config: McpConfig | WireObject | None = None,
        credential_name: str | None = None,
        description: str | None = None,
        options: CallOptions | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **more: Unpack[UpdateToolMore],
    ) -> Tool:
        """Change the given fields; only they are sent and the others keep their values. Other UpdateToolInputV2
        fields go in `more`."""
        body = build_input(
            UpdateToolInputV2,
            "update tool",
            protocol_spec=_spec_text(protocol_spec),
            mcp_config=mcp_config,
            credential_name=credential_name,
            description=description,
            **more,
        )
        updated = await self._send(
            update_tool.request(tool_name=name, body=wire_body(body, extra_body)), Tool, what="tool", options=options
        )
        return self._bind(updated)

    async def delete(self, name: str, *, options: CallOptions | None = None) -> None:
        await self._send(delete_tool.request(tool_name=name), ToolModel, what="tool", options=options)

    def list(
        self,
        *,
        name: str | None = None,
        tool_type: ToolType | str | None = None,
        workspace_id: str | None = None,
        page_size: int = 50,
        limit: int | None = None,
        options: CallOptions | None = None,
    ) -> AsyncPager[Tool]:
        """Every tool matching the filters; pages under `async for`."""
        return self._paged(
            lambda number, size: list_tools.request(
                page_number=number, page_size=size, tool_name=name, tool_type=tool_type, workspace_id=workspace_id
            ),
            Tool,
            what="tool",
            options=options,
            bind=self._bind,
            page_size=page_size,
            limit=limit,
        )


@define(repr=False)
class Tool(ToolModel, BoundResource[Tools]):
    """A tool as the service returns it, with methods that act on it. Its status is a free string (Running,
    Stopped, Failed, ...)."""

    _api: Tools | None = field(default=None, repr=False, eq=False, alias="_api")
    __repr__ = resource_repr
    _what = "tool"
    _ready_statuses = frozenset({"READY", "RUNNING"})

    @property
    def name(self) -> str:
        return text_of(self.tool_name)

    def _key(self) -> str:
        return self.name

    update = updater(Tools.update)
