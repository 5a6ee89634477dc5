"""StopSandbox: POST /2025-09-10/sandboxes/{sandboxId}/stop"""

from urllib.parse import quote

from ...models.stop_sandbox_result import StopSandboxResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="StopSandbox",
    method="POST",
    path="/2025-09-10/sandboxes/{sandboxId}/stop",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=StopSandboxResult,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of StopSandbox."""
    url = "/2025-09-10/sandboxes/{sandbox_id}/stop".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
