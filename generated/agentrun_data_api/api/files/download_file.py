"""DownloadFile: GET /sandboxes/{sandboxId}/filesystem/download"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DownloadFile",
    method="GET",
    path="/sandboxes/{sandboxId}/filesystem/download",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    sandbox_id: str,
    *,
    path: str,
) -> OperationRequest:
    """The request of DownloadFile."""
    params = {
        "path": path,
    }
    url = "/sandboxes/{sandbox_id}/filesystem/download".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
