"""CreateCredential: POST /2025-09-10/agents/credentials"""

from collections.abc import Mapping
from typing import Any

from ...models.create_credential_input import CreateCredentialInput
from ...models.credential_result import CredentialResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateCredential",
    method="POST",
    path="/2025-09-10/agents/credentials",
    plane="control",
    idempotent=False,
    body_model=CreateCredentialInput,
    response_model=CredentialResult,
)


def request(
    *,
    body: CreateCredentialInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateCredential."""
    url = "/2025-09-10/agents/credentials"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
