"""MovePath: POST /sandboxes/{sandboxId}/filesystem/move"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.file_operation_result import FileOperationResult
from ...models.move_path_input import MovePathInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="MovePath",
    method="POST",
    path="/sandboxes/{sandboxId}/filesystem/move",
    plane="data",
    idempotent=False,
    body_model=MovePathInput,
    response_model=FileOperationResult,
)


def request(
    sandbox_id: str,
    *,
    body: MovePathInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of MovePath."""
    url = "/sandboxes/{sandbox_id}/filesystem/move".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
