"""RemovePath: POST /sandboxes/{sandboxId}/filesystem/remove"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.file_operation_result import FileOperationResult
from ...models.remove_path_input import RemovePathInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="RemovePath",
    method="POST",
    path="/sandboxes/{sandboxId}/filesystem/remove",
    plane="data",
    idempotent=False,
    body_model=RemovePathInput,
    response_model=FileOperationResult,
)


def request(
    sandbox_id: str,
    *,
    body: RemovePathInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of RemovePath."""
    url = "/sandboxes/{sandbox_id}/filesystem/remove".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
