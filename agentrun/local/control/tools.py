"""AgentRun Tool resources (openapi/control.yaml). Invoking them is the data plane's job."""

from __future__ import annotations

from agentrun_control_api.models import CreateToolInputV2, Tool, UpdateToolInputV2
from starlette.routing import BaseRoute

from agentrun.local.control.crud import Spec, by_name, crud_routes, equals, name_like, workspace_filters
from agentrun.local.resources import TOOL

TOOLS = Spec(
    kind=TOOL,
    keys=by_name("tool", "tool-"),
    output=Tool,
    create_input=CreateToolInputV2,
    update_input=UpdateToolInputV2,
    filters={"toolName": name_like("toolName"), "toolType": equals("toolType"), **workspace_filters()},
    updated_field="updatedAt",
    secrets=("containerConfiguration.registryConfig.authConfig.password",),
)


def routes() -> list[BaseRoute]:
    return crud_routes(TOOLS, "/agents/tools", "/agents/tools/{toolName}")
