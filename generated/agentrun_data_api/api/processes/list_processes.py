"""ListProcesses: GET /sandboxes/{sandboxId}/processes"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListProcesses",
    method="GET",
    path="/sandboxes/{sandboxId}/processes",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    sandbox_id: str,
) -> OperationRequest:
    """The request of ListProcesses."""
    url = "/sandboxes/{sandbox_id}/processes".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
