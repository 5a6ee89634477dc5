"""ListCredentials: GET /2025-09-10/agents/credentials"""

from ...models.list_credentials_result import ListCredentialsResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListCredentials",
    method="GET",
    path="/2025-09-10/agents/credentials",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=ListCredentialsResult,
)


def request(
    *,
    credential_auth_type: str | None = None,
    credential_name: str | None = None,
    credential_source_type: str | None = None,
    enabled: bool | None = None,
    page_number: int | None = None,
    page_size: int | None = None,
    provider: str | None = None,
    workspace_id: str | None = None,
    workspace_ids: str | None = None,
) -> OperationRequest:
    """The request of ListCredentials."""
    params = {
        "credentialAuthType": credential_auth_type,
        "credentialName": credential_name,
        "credentialSourceType": credential_source_type,
        "enabled": enabled,
        "pageNumber": page_number,
        "pageSize": page_size,
        "provider": provider,
        "workspaceId": workspace_id,
        "workspaceIds": workspace_ids,
    }
    url = "/2025-09-10/agents/credentials"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
