"""ListContexts: GET /sandboxes/{sandboxId}/contexts"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListContexts",
    method="GET",
    path="/sandboxes/{sandboxId}/contexts",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of ListContexts."""
    url = "/sandboxes/{sandbox_id}/contexts".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
