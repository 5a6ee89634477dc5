"""GetWorkspace: GET /2025-09-10/workspaces/{workspaceId}"""

from urllib.parse import quote

from ...models.workspace_result import WorkspaceResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetWorkspace",
    method="GET",
    path="/2025-09-10/workspaces/{workspaceId}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=WorkspaceResult,
)


def request(
    workspace_id: str,
) -> OperationRequest:
    """The request of GetWorkspace."""
    url = "/2025-09-10/workspaces/{workspace_id}".format(
        workspace_id=quote(str(workspace_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
