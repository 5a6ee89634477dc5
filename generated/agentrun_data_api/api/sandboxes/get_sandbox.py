"""GetSandbox: GET /sandboxes/{sandboxId}"""

from urllib.parse import quote

from ...models.sandbox_result import SandboxResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="GetSandbox",
    method="GET",
    path="/sandboxes/{sandboxId}",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=SandboxResult,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of GetSandbox."""
    url = "/sandboxes/{sandbox_id}".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
