"""ListDirectory: GET /sandboxes/{sandboxId}/filesystem"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ListDirectory",
    method="GET",
    path="/sandboxes/{sandboxId}/filesystem",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    sandbox_id: str,
    *,
    path: str | None = None,
    depth: int | None = None,
) -> OperationRequest:
    """The request of ListDirectory."""
    params = {
        "path": path,
        "depth": depth,
    }
    url = "/sandboxes/{sandbox_id}/filesystem".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
