"""GetSandbox: GET /2025-09-10/sandboxes/{sandboxId}"""

from urllib.parse import quote

from ...models.sandbox_result import SandboxResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetSandbox",
    method="GET",
    path="/2025-09-10/sandboxes/{sandboxId}",
    plane="control",
    idempotent=True,
    body_model=None,
    response_model=SandboxResult,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of GetSandbox."""
    url = "/2025-09-10/sandboxes/{sandbox_id}".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
