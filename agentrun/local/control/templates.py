"""Sandbox templates and their MCP switch (openapi/control.yaml)."""

from __future__ import annotations

from agentrun_control_api.models import ActivateTemplateMCPInput, CreateTemplateInput, Template, UpdateTemplateInput
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from agentrun.local import schema
from agentrun.local.control.crud import (
    Change,
    Spec,
    by_name,
    crud_routes,
    equals,
    modify,
    name_like,
    workspace_filters,
)
from agentrun.local.requests import read_body
from agentrun.local.resources import TEMPLATE


def _created(c: Change) -> None:
    name = c.doc["templateName"]
    c.doc["templateArn"] = c.state.arn(f"templates/{name}")
    c.doc["resourceName"] = name


TEMPLATES = Spec(
    kind=TEMPLATE,
    keys=by_name("template", "tpl-"),
    output=Template,
    create_input=CreateTemplateInput,
    update_input=UpdateTemplateInput,
    filters={
        "templateName": name_like("templateName"),
        "templateType": equals("templateType"),
        "status": equals("status", ignore_case=True),
        **workspace_filters(),
    },
    # Template.create in the official SDK polls GetTemplate every 5 s until READY: settle before the first poll.
    settle=0.0,
    secrets=("containerConfiguration.registryConfig.authConfig.password",),
    on_create=_created,
)


async def activate_mcp(request: Request) -> Response:
    """ActivateTemplateMCP: record the tools and transport; the MCP server itself comes with sandboxes."""
    options = schema.project(ActivateTemplateMCPInput, await read_body(request, ActivateTemplateMCPInput))

    def change(c: Change) -> None:
        c.doc["mcpOptions"] = options
        c.doc["mcpState"] = {"status": "READY"}

    return await modify(request, TEMPLATES, change)


async def stop_mcp(request: Request) -> Response:
    def change(c: Change) -> None:
        c.doc["mcpState"] = {"status": "STOPPED"}

    return await modify(request, TEMPLATES, change)


def routes() -> list[BaseRoute]:
    item = "/templates/{templateName}"
    return [
        *crud_routes(TEMPLATES, "/templates", item),
        Route(f"{item}/mcp/activate", activate_mcp, methods=["PATCH"]),
        Route(f"{item}/mcp/stop", stop_mcp, methods=["PATCH"]),
    ]
