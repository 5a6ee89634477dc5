"""DeleteSandbox: DELETE /2025-09-10/sandboxes/{sandboxId}"""

from urllib.parse import quote

from ...models.delete_sandbox_result import DeleteSandboxResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DeleteSandbox",
    method="DELETE",
    path="/2025-09-10/sandboxes/{sandboxId}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=DeleteSandboxResult,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of DeleteSandbox."""
    url = "/2025-09-10/sandboxes/{sandbox_id}".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
