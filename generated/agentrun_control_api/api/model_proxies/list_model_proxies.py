"""ListModelProxies: GET /2025-09-10/agents/model-proxies"""

from ...models.list_model_proxies_result import ListModelProxiesResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListModelProxies",
    method="GET",
    path="/2025-09-10/agents/model-proxies",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListModelProxiesResult,
)


def request(
    *,
    page_number: int | None = None,
    page_size: int | None = None,
    proxy_mode: str | None = None,
    status: str | None = None,
    workspace_id: str | None = None,
    workspace_ids: str | None = None,
) -> OperationRequest:
    """The request of ListModelProxies."""
    params = {
        "pageNumber": page_number,
        "pageSize": page_size,
        "proxyMode": proxy_mode,
        "status": status,
        "workspaceId": workspace_id,
        "workspaceIds": workspace_ids,
    }
    url = "/2025-09-10/agents/model-proxies"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
