"""CreateSandbox: POST /sandboxes"""

from collections.abc import Mapping
from typing import Any

from ...models.create_sandbox_input import CreateSandboxInput
from ...models.sandbox_result import SandboxResult
from ...types import Operation, OperationRequest

OPERATION = Operation(
    operation_id="CreateSandbox",
    method="POST",
    path="/sandboxes",
    plane="data",
    idempotent=False,
    body_model=CreateSandboxInput,
    response_model=SandboxResult,
)


def request(
    *,
    body: CreateSandboxInput | Mapping[str, Any],
) -> OperationRequest:
    """The request of CreateSandbox."""
    url = "/sandboxes"
    return OperationRequest(
        operation=OPERATION,
        url=url,
        json=body if isinstance(body, Mapping) else body.to_dict(),
    )
