"""UpdateCredential: PUT /2025-09-10/agents/credentials/{credentialName}"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.credential_result import CredentialResult
from ...models.update_credential_input import UpdateCredentialInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="UpdateCredential",
    method="PUT",
    path="/2025-09-10/agents/credentials/{credentialName}",
    plane="control",
    idempotent=True,
    body_model=UpdateCredentialInput,
    response_model=CredentialResult,
)


def request(
    credential_name: str,
    *,
    body: UpdateCredentialInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of UpdateCredential."""
    url = "/2025-09-10/agents/credentials/{credential_name}".format(
        credential_name=quote(str(credential_name), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
