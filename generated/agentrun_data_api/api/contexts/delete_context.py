"""DeleteContext: DELETE /sandboxes/{sandboxId}/contexts/{contextId}"""

from urllib.parse import quote

from ...models.operation_result import OperationResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DeleteContext",
    method="DELETE",
    path="/sandboxes/{sandboxId}/contexts/{contextId}",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=OperationResult,
)


def request(
    sandbox_id: str,
    context_id: str,
) -> OperationRequest:
    """The request of DeleteContext."""
    url = "/sandboxes/{sandbox_id}/contexts/{context_id}".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
        context_id=quote(str(context_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
