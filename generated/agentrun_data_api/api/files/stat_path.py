"""StatPath: GET /sandboxes/{sandboxId}/filesystem/stat"""

from urllib.parse import quote

from ...models.file_entry import FileEntry
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="StatPath",
    method="GET",
    path="/sandboxes/{sandboxId}/filesystem/stat",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=FileEntry,
)


def request(
    sandbox_id: str,
    *,
    path: str,
) -> OperationRequest:
    """The request of StatPath."""
    params = {
        "path": path,
    }
    url = "/sandboxes/{sandbox_id}/filesystem/stat".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
