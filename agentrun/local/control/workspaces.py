"""Workspaces (openapi/control.yaml): read-only here, with one default workspace every resource belongs to unless
it names another. The list answer keeps its array under `workspaces`, not `items`."""

from __future__ import annotations

import contextlib

from agentrun_control_api.models import Workspace
from starlette.routing import BaseRoute, Route

from agentrun.local.control.crud import Keys, Spec, equals, get_handler, list_handler, name_like
from agentrun.local.resources import WORKSPACE
from agentrun.local.state import ServerState, timestamp
from agentrun.local.store import Conflict, Tx

WORKSPACES = Spec(
    kind=WORKSPACE,
    keys=Keys("workspaceId", "name"),
    output=Workspace,
    list_key="workspaces",
    filters={"name": name_like("name"), "resourceGroupId": equals("resourceGroupId")},
    has_status=False,
    updated_field="updatedAt",
    workspace=False,
)


async def seed(state: ServerState) -> None:
    """Create the default workspace on first start."""
    workspace_id = state.default_workspace_id

    def write(tx: Tx) -> None:
        if tx.get(WORKSPACE, workspace_id) is not None:
            return
        now = timestamp()
        doc = {
            "workspaceId": workspace_id,
            "name": "default",
            "description": "The default workspace of AgentRun Local",
            "isDefault": True,
            "workspaceArn": state.arn(f"workspaces/{workspace_id}"),
            "createdAt": now,
            "updatedAt": now,
        }
        with contextlib.suppress(Conflict):  # another server process on this data dir won the race
            tx.insert(WORKSPACE, workspace_id, doc, name="default")

    await state.store.transact(write)


def routes() -> list[BaseRoute]:
    return [
        Route("/workspaces", list_handler(WORKSPACES), methods=["GET"]),
        Route("/workspaces/{workspaceId}", get_handler(WORKSPACES), methods=["GET"]),
    ]
