"""UploadFile: POST /sandboxes/{sandboxId}/filesystem/upload"""

import secrets  # a random multipart boundary per request ('+++' corrupts uploads containing '\r\n--+++')
from urllib.parse import quote

from ...models.file_operation_result import FileOperationResult
from ...models.upload_file_input import UploadFileInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="UploadFile",
    method="POST",
    path="/sandboxes/{sandboxId}/filesystem/upload",
    plane="data",
    idempotent=False,
    body_model=UploadFileInput,
    response_model=FileOperationResult,
)


def request(
    sandbox_id: str,
    *,
    body: UploadFileInput | None = None,
) -> OperationRequest:
    """The request of UploadFile. Without `body`, the caller sends the multipart body itself."""
    url = "/sandboxes/{sandbox_id}/filesystem/upload".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        files=None if body is None else body.to_multipart(),
        headers=None if body is None else {"Content-Type": f"multipart/form-data; boundary={secrets.token_hex(16)}"},
    )
