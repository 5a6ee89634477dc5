"""ResumeSandbox: PUT /2025-09-10/sandboxes/{sandboxId}/resume"""

from urllib.parse import quote

from ...models.sandbox_result import SandboxResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ResumeSandbox",
    method="PUT",
    path="/2025-09-10/sandboxes/{sandboxId}/resume",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=SandboxResult,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of ResumeSandbox."""
    url = "/2025-09-10/sandboxes/{sandbox_id}/resume".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
