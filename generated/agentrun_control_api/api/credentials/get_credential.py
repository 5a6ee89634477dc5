"""GetCredential: GET /2025-09-10/agents/credentials/{credentialName}"""

from urllib.parse import quote

from ...models.credential_result import CredentialResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetCredential",
    method="GET",
    path="/2025-09-10/agents/credentials/{credentialName}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=CredentialResult,
)


def request(
    credential_name: str,
) -> OperationRequest:
    """The request of GetCredential."""
    url = "/2025-09-10/agents/credentials/{credential_name}".format(
        credential_name=quote(str(credential_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
