"""Workspaces: the folders that group AgentRun resources within an account."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from agentrun_control_api.api.workspaces import get_workspace, list_workspaces
from agentrun_control_api.models import Workspace

from agentrun._core.http import CallOptions
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI, ListOptions

if TYPE_CHECKING:
    from agentrun_control_api.fields import ListWorkspacesFilters

    class WorkspaceQuery(ListWorkspacesFilters, ListOptions):
        """The filters and paging of `workspaces.list`."""


__all__ = ["Workspace", "Workspaces"]


class Workspaces(ControlAPI):
    """`client.workspaces`: look workspaces up (their ids are the `workspace_id` other resources take)."""

    async def get(self, workspace_id: str, *, options: CallOptions | None = None) -> Workspace:
        return await self._send(
            get_workspace.request(workspace_id=workspace_id), Workspace, what="workspace", options=options
        )

    def list(self, **query: Unpack[WorkspaceQuery]) -> AsyncPager[Workspace]:
        """Every workspace, or those named `name`; pages under `async for`."""
        return self._paged(list_workspaces.request, Workspace, "workspace", items_key="workspaces", **query)
