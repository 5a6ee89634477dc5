"""DownloadRecording: GET /sandboxes/{sandboxId}/recordings/{filename}"""

from urllib.parse import quote

from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DownloadRecording",
    method="GET",
    path="/sandboxes/{sandboxId}/recordings/{filename}",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=None,
)


def request(
    sandbox_id: str,
    filename: str,
) -> OperationRequest:
    """The request of DownloadRecording."""
    url = "/sandboxes/{sandbox_id}/recordings/{filename}".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
        filename=quote(str(filename), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
