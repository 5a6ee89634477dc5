"""ReadFile: GET /sandboxes/{sandboxId}/files"""

from urllib.parse import quote

from ...models.file_content import FileContent
from ...models.read_file_encoding import ReadFileEncoding
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ReadFile",
    method="GET",
    path="/sandboxes/{sandboxId}/files",
    plane="data",
    idempotent=True,
    body_model=None,
    response_model=FileContent,
)


def request(
    sandbox_id: str,
    *,
    path: str,
    encoding: ReadFileEncoding | None = None,
) -> OperationRequest:
    """The request of ReadFile."""
    params = {
        "path": path,
        "encoding": encoding,
    }
    url = "/sandboxes/{sandbox_id}/files".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        params={name: value for name, value in params.items() if value is not None},
    )
