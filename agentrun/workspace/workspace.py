"""Workspaces: the folders that group AgentRun resources within an account."""

from __future__ import annotations

from agentrun_control_api.api.workspaces import get_workspace, list_workspaces
from agentrun_control_api.models import Workspace

from agentrun._core.http import CallOptions
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import ControlAPI

__all__ = ["Workspace", "Workspaces"]


class Workspaces(ControlAPI):
    """`client.workspaces`: look workspaces up (their ids are the `workspace_id` other resources take)."""

    async def get(self, workspace_id: str, *, options: CallOptions | None = None) -> Workspace:
        return await self._send(
            get_workspace.request(workspace_id=workspace_id), Workspace, what="workspace", options=options
        )

    def list(
        self,
        *,
        name: str | None = None,
        resource_group_id: str | None = None,
        page_size: int = 50,
        limit: int | None = None,
        options: CallOptions | None = None,
    ) -> AsyncPager[Workspace]:
        """Every workspace, or those named `name`; pages under `async for`."""
        return self._paged(
            lambda number, size: list_workspaces.request(
                page_number=number, page_size=size, name=name, resource_group_id=resource_group_id
            ),
            Workspace,
            what="workspace",
            options=options,
            items_key="workspaces",
            page_size=page_size,
            limit=limit,
        )
