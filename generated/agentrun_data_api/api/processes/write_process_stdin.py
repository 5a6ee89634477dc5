"""WriteProcessStdin: POST /sandboxes/{sandboxId}/processes/{pid}/stdin"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.operation_result import OperationResult
from ...models.process_stdin_input import ProcessStdinInput
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="WriteProcessStdin",
    method="POST",
    path="/sandboxes/{sandboxId}/processes/{pid}/stdin",
    plane="data",
    idempotent=False,
    body_model=ProcessStdinInput,
    response_model=OperationResult,
)


def request(
    sandbox_id: str,
    pid: int,
    *,
    body: ProcessStdinInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of WriteProcessStdin."""
    url = "/sandboxes/{sandbox_id}/processes/{pid}/stdin".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
        pid=quote(str(pid), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
