"""ListSandboxes: GET /2025-09-10/sandboxes"""

from ...models.list_sandboxes_result import ListSandboxesResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListSandboxes",
    method="GET",
    path="/2025-09-10/sandboxes",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListSandboxesResult,
)


def request(
    *,
    max_results: int | None = None,
    next_token: str | None = None,
    sandbox_id: str | None = None,
    status: str | None = None,
    template_name: str | None = None,
    template_type: str | None = None,
) -> OperationRequest:
    """The request of ListSandboxes."""
    params = {
        "maxResults": max_results,
        "nextToken": next_token,
        "sandboxId": sandbox_id,
        "status": status,
        "templateName": template_name,
        "templateType": template_type,
    }
    url = "/2025-09-10/sandboxes"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
