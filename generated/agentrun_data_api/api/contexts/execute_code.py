"""ExecuteCode: POST /sandboxes/{sandboxId}/contexts/execute"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...models.execute_code_input import ExecuteCodeInput
from ...models.execution_result import ExecutionResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="ExecuteCode",
    method="POST",
    path="/sandboxes/{sandboxId}/contexts/execute",
    plane="data",
    idempotent=False,
    body_model=ExecuteCodeInput,
    response_model=ExecutionResult,
)


def request(
    sandbox_id: str,
    *,
    body: ExecuteCodeInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of ExecuteCode."""
    url = "/sandboxes/{sandbox_id}/contexts/execute".format(
        sandbox_id=quote(str(sandbox_id), safe=""),
    )
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
