"""ListModelServices: GET /2025-09-10/agents/model-services"""

from ...models.list_model_services_result import ListModelServicesResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListModelServices",
    method="GET",
    path="/2025-09-10/agents/model-services",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListModelServicesResult,
)


def request(
    *,
    model_type: str | None = None,
    page_number: int | None = None,
    page_size: int | None = None,
    provider: str | None = None,
    provider_type: str | None = None,
    workspace_id: str | None = None,
    workspace_ids: str | None = None,
) -> OperationRequest:
    """The request of ListModelServices."""
    params = {
        "modelType": model_type,
        "pageNumber": page_number,
        "pageSize": page_size,
        "provider": provider,
        "providerType": provider_type,
        "workspaceId": workspace_id,
        "workspaceIds": workspace_ids,
    }
    url = "/2025-09-10/agents/model-services"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
