"""ListWorkspaces: GET /2025-09-10/workspaces"""

from ...models.list_workspaces_result import ListWorkspacesResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListWorkspaces",
    method="GET",
    path="/2025-09-10/workspaces",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListWorkspacesResult,
)


def request(
    *,
    name: str | None = None,
    page_number: int | None = None,
    page_size: int | None = None,
    resource_group_id: str | None = None,
) -> OperationRequest:
    """The request of ListWorkspaces."""
    params = {
        "name": name,
        "pageNumber": page_number,
        "pageSize": page_size,
        "resourceGroupId": resource_group_id,
    }
    url = "/2025-09-10/workspaces"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
