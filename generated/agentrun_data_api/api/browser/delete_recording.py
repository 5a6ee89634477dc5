"""DeleteRecording: DELETE /sandboxes/{sandboxId}/recordings/{filename}"""

from urllib.parse import quote

from ...models.operation_result import OperationResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="DeleteRecording",
    method="DELETE",
    path="/sandboxes/{sandboxId}/recordings/{filename}",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=OperationResult,
)


def request(
    sandbox_id: str,
    filename: str,
) -> OperationRequest:
    """The request of DeleteRecording."""
    url = "/sandboxes/{sandbox_id}/recordings/{filename}".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
        filename=quote(str(filename), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
    )
