"""MakeDirectory: POST /sandboxes/{sandboxId}/filesystem/mkdir"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.file_operation_result import FileOperationResult
from ...models.make_directory_input import MakeDirectoryInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="MakeDirectory",
    method="POST",
    path="/sandboxes/{sandboxId}/filesystem/mkdir",
    plane="data",
    idempotent=False,
    body_model=MakeDirectoryInput,
    response_model=FileOperationResult,
)


def request(
    sandbox_id: str,
    *,
    body: MakeDirectoryInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of MakeDirectory."""
    url = "/sandboxes/{sandbox_id}/filesystem/mkdir".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
