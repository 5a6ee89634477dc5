"""WriteFile: POST /sandboxes/{sandboxId}/files"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.file_operation_result import FileOperationResult
from ...models.write_file_input import WriteFileInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="WriteFile",
    method="POST",
    path="/sandboxes/{sandboxId}/files",
    plane="data",
    idempotent=False,
    body_model=WriteFileInput,
    response_model=FileOperationResult,
)


def request(
    sandbox_id: str,
    *,
    body: WriteFileInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of WriteFile."""
    url = "/sandboxes/{sandbox_id}/files".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
