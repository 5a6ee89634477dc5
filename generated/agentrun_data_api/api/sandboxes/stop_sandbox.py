"""StopSandbox: POST /sandboxes/{sandboxId}/stop"""

from urllib.parse import quote

from ...models.sandbox_result import SandboxResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="StopSandbox",
    method="POST",
    path="/sandboxes/{sandboxId}/stop",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=SandboxResult,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of StopSandbox."""
    url = "/sandboxes/{sandbox_id}/stop".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
