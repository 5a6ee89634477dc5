"""ListTemplates: GET /2025-09-10/templates"""

from ...models.list_templates_result import ListTemplatesResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListTemplates",
    method="GET",
    path="/2025-09-10/templates",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListTemplatesResult,
)


def request(
    *,
    page_number: int | None = None,
    page_size: int | None = None,
    status: str | None = None,
    template_name: str | None = None,
    template_type: str | None = None,
    workspace_id: str | None = None,
    workspace_ids: str | None = None,
) -> OperationRequest:
    """The request of ListTemplates."""
    params = {
        "pageNumber": page_number,
        "pageSize": page_size,
        "status": status,
        "templateName": template_name,
        "templateType": template_type,
        "workspaceId": workspace_id,
        "workspaceIds": workspace_ids,
    }
    url = "/2025-09-10/templates"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
