"""ListAgentRuntimes: GET /2025-09-10/agents/runtimes"""

from ...models.list_agent_runtimes_result import ListAgentRuntimesResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListAgentRuntimes",
    method="GET",
    path="/2025-09-10/agents/runtimes",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListAgentRuntimesResult,
)


def request(
    *,
    agent_runtime_name: str | None = None,
    discovery_resource_group_id: str | None = None,
    page_number: int | None = None,
    page_size: int | None = None,
    resource_group_id: str | None = None,
    search_mode: str | None = None,
    status: str | None = None,
    system_tags: str | None = None,
    workspace_id: str | None = None,
    workspace_ids: str | None = None,
) -> OperationRequest:
    """The request of ListAgentRuntimes."""
    params = {
        "agentRuntimeName": agent_runtime_name,
        "discoveryResourceGroupId": discovery_resource_group_id,
        "pageNumber": page_number,
        "pageSize": page_size,
        "resourceGroupId": resource_group_id,
        "searchMode": search_mode,
        "status": status,
        "systemTags": system_tags,
        "workspaceId": workspace_id,
        "workspaceIds": workspace_ids,
    }
    url = "/2025-09-10/agents/runtimes"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
