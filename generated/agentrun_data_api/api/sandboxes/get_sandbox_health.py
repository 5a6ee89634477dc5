"""GetSandboxHealth: GET /sandboxes/{sandboxId}/health"""

from urllib.parse import quote

from ...models.sandbox_health import SandboxHealth
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetSandboxHealth",
    method="GET",
    path="/sandboxes/{sandboxId}/health",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=SandboxHealth,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of GetSandboxHealth."""
    url = "/sandboxes/{sandbox_id}/health".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
