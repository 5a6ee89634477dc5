"""ListTools: GET /2025-09-10/agents/tools"""

from ...models.list_tools_result import ListToolsResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListTools",
    method="GET",
    path="/2025-09-10/agents/tools",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListToolsResult,
)


def request(
    *,
    page_number: int | None = None,
    page_size: int | None = None,
    tool_name: str | None = None,
    tool_type: str | None = None,
    workspace_id: str | None = None,
    workspace_ids: str | None = None,
) -> OperationRequest:
    """The request of ListTools."""
    params = {
        "pageNumber": page_number,
        "pageSize": page_size,
        "toolName": tool_name,
        "toolType": tool_type,
        "workspaceId": workspace_id,
        "workspaceIds": workspace_ids,
    }
    url = "/2025-09-10/agents/tools"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
